"""The kiosk's screens, one module each: home, topic, contact and the reader; here, the names the window knows
them by (a topic's screen is named by its id).

The modules themselves load when their first screen is built: the home screen's first frame needs none of the others.
"""

HOME = "home"
CONTACT = "contact"
READER = "reader"
