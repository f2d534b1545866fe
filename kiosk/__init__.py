"""Utrecht city hall's lobby kiosk for international affairs."""

__version__ = "0.1.0"
