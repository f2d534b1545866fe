"""The contact details compiled into the program, for the calm screen shown when no content can be loaded.

They are the verified facts of the municipality's page (shared/reference/facts.md); a broken or missing
content file must never leave a visitor without a way to reach the city.
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk import payloads


@dataclass(frozen=True)
class FallbackContact:
    """One way to reach the city, described in Dutch and English at once."""

    label: str
    payload: payloads.Payload
    caption: str


TITLE = "Utrecht internationaal"
MESSAGE = (
    "Dit scherm is tijdelijk niet beschikbaar. U kunt ons wel bellen of mailen.\n"
    "This screen is temporarily unavailable. You can still call or e-mail us."
)
CONTACTS = (
    FallbackContact(
        "Bel de gemeente · Call the municipality\n"
        "ma, di, do 9.00–17.00 · wo, vr 9.00–13.00\n"
        "Mon, Tue, Thu 9.00–17.00 · Wed, Fri 9.00–13.00",
        payloads.tel("14 030"),
        "Scan om te bellen · Scan to call",
    ),
    FallbackContact(
        "Europa en internationale zaken · Europe and international affairs",
        payloads.mailto("publicaffairs@utrecht.nl"),
        "Scan om te mailen · Scan to e-mail",
    ),
    FallbackContact(
        "Internationale delegaties · International delegations",
        payloads.mailto("internationaldelegations@utrecht.nl"),
        "Scan om te mailen · Scan to e-mail",
    ),
)
VISITING_ADDRESS = "Stadsplateau 1, Utrecht"
