"""Visitor sessions: noticing nobody is there, asking "Still there?", and resetting for the next visitor."""
