"""Instrument readings keep what the device sent and which channel a value came from.

* ``instrument_readings.unit_orig``: the unit as the device sent it ('' when it sent none); ``unit``
  holds the vocabulary's canonical unit the value was converted into (34.3 mS/cm -> 34300 µS/cm).
* ``instrument_readings.channel``: the device's label for the value, told apart when a record
  repeats it ("Oxi" mg/l and "Oxi [%]", "Temp" and "Temp #2"), so repeated labels never overwrite.
Existing rows keep their unit as their unit_orig and their parameter as their channel.
"""
from . import execute_all

NUMBER = 13
NAME = "instrument_units"

STATEMENTS = [
    "ALTER TABLE instrument_readings ADD COLUMN unit_orig TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE instrument_readings ADD COLUMN channel TEXT NOT NULL DEFAULT ''",
    "UPDATE instrument_readings SET unit_orig = unit, channel = parameter",
]


def up(conn) -> None:
    execute_all(conn, STATEMENTS)
