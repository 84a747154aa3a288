"""Event bot: answers attendees' questions about one event, in Discord or a local console."""

__version__ = "0.1.0"
