"""Where content comes from and how a new version reaches the screen: a watched file or a polled URL."""
