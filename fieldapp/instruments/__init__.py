"""Portable instruments over serial: framing, profile-driven parsers, reader threads, store sink.

No Qt here: the UI wraps ``ConnectionManager`` callbacks (called on reader threads) in signals.

    profiles = load_profiles()                       # built-in + user profile files
    sink = InstrumentSink(store, incident_uuid)      # batched writes, one transaction per flush
    mgr = ConnectionManager(on_records=sink, on_status=print)
    mgr.add(DeviceConfig("WTW-1", profiles["wtw_multi"], port="/dev/ttyUSB0"))
    record_current_values(store, mgr.live.current("WTW-1"), point_uuid)
"""
from .connection import ConnectionManager, DeviceConfig, DeviceReader
from .decoder import StreamDecoder
from .live import LiveValue, LiveValues
from .measurements import record_current_values
from .ports import list_serial_ports, recognise, resolve_port
from .profiles import Profile, ProfileError, builtin_profile, load_profile, load_profiles, profile_from_dict
from .records import DeviceStatus, Fix, RawRecord, Reading
from .sink import InstrumentSink

__all__ = ["ConnectionManager", "DeviceConfig", "DeviceReader", "StreamDecoder", "LiveValue", "LiveValues",
           "record_current_values", "list_serial_ports", "recognise", "resolve_port", "Profile",
           "ProfileError", "builtin_profile", "load_profile", "load_profiles", "profile_from_dict",
           "DeviceStatus", "Fix", "RawRecord", "Reading", "InstrumentSink"]
