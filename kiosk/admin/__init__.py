"""The hidden admin panel for IT staff: the gesture, the PIN pad, the panel and the touch test."""
