"""`python main.py`: the same as the utrecht-kiosk command."""

from kiosk.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
