"""`python -m kiosk`: the same as the utrecht-kiosk command."""

from kiosk.cli import main

raise SystemExit(main())
