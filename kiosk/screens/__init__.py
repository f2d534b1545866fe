"""The kiosk's screens, one module each: home, topic and contact."""
