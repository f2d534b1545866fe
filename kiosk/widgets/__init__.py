"""Building blocks the screens share: text, tiles, QR cards, the bottom bar, artwork, scrolling."""
