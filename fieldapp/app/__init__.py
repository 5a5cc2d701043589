"""The application layer between the core and Qt (no Qt here): the Session and its events."""
