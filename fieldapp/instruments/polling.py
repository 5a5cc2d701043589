"""Prompt-aware polling for request/response meters (Orion GETMEAS, YSI para/data).

A command is sent only when the meter is ready: after the previous reply ended (its prompt, or a
data record when the profile has no prompt) and the interval has passed. A reply that does not
come within ``poll.reply_timeout`` seconds is reported once ("no reply to GETMEAS within 2 s")
and the command is sent again, so a busy or sleeping meter never piles up unanswered commands
and a dead one is never shown as connected.
"""
from __future__ import annotations

INIT_GAP = 0.2        # seconds between init commands when the device has no prompt to wait for


class Poller:
    def __init__(self, poll: dict | None, has_prompt: bool):
        poll = poll or {}
        self.commands = list(poll.get("commands", []))
        self.pending = list(poll.get("init", []))
        self.interval = float(poll.get("interval", 1.0))
        self.reply_timeout = float(poll.get("reply_timeout", 2.0))
        self.terminator = poll.get("terminator", "\r")
        self.has_prompt = has_prompt
        self.turn = 0
        self.next_at = 0.0
        self.waiting: str | None = None       # command sent, reply not finished yet
        self.sent_at = 0.0
        self.timeouts = 0                     # unanswered commands in a row
        self._reported = False

    def due(self, now: float) -> str | None:
        """The command to send now, or None."""
        if not self.commands or self.waiting is not None or now < self.next_at:
            return None
        if self.pending:
            cmd = self.pending.pop(0)
            if not self.has_prompt:       # nothing marks the end of an init reply: just pace them
                self.next_at = now + INIT_GAP
                return cmd
        else:
            cmd = self.commands[self.turn % len(self.commands)]
            self.turn += 1
        self.waiting, self.sent_at = cmd, now
        return cmd

    def saw(self, prompt: bool, data: bool, now: float) -> None:
        """A framed record arrived: a prompt (or, without one, data) ends the outstanding reply."""
        if self.waiting is None:
            return
        if prompt or (data and not self.has_prompt):
            gap = self.interval if not self.pending else (0.0 if self.has_prompt else INIT_GAP)
            self.waiting, self.timeouts, self._reported = None, 0, False
            self.next_at = self.sent_at + gap if gap else now

    def overdue(self, now: float) -> str:
        """Text to report when the reply is late (once per silence), '' otherwise."""
        if self.waiting is None or now - self.sent_at < self.reply_timeout:
            return ""
        cmd = self.waiting
        self.waiting = None
        self.timeouts += 1
        self.next_at = now
        if self._reported:
            return ""
        self._reported = True
        return (f"no reply to {cmd!r} within {self.reply_timeout:g} s (device busy, asleep, "
                "or not this profile?); asking again")
