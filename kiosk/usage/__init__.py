"""Usage statistics: how often screens, QR codes, reader pages, languages and accessibility toggles are used.

Counts per hour, never people: no finer time, no sequence of one visitor's taps, nothing that identifies anyone.
`store` keeps them in SQLite on a thread of its own (no Qt); `recorder` turns what the window does into counts;
`report` is `python -m kiosk stats`.
"""
