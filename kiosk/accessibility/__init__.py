"""Accessibility for a public terminal: read aloud, high contrast, larger text, the keypad, and reach."""
