"""The kiosk's content as frozen, typed objects: what content.yaml means, with no Qt and no YAML."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

from kiosk.content import checks
from kiosk.screens import CONTACT, HOME, READER

if TYPE_CHECKING:
    from kiosk.content.problems import Problem


class Translated(Mapping[str, str]):
    """A text in every declared language, read-only."""

    __slots__ = ("_texts",)

    def __init__(self, texts: Mapping[str, str]) -> None:
        self._texts = dict(texts)

    def __getitem__(self, language: str) -> str:
        return self._texts[language]

    def __iter__(self) -> Iterator[str]:
        return iter(self._texts)

    def __len__(self) -> int:
        return len(self._texts)

    def __hash__(self) -> int:
        return hash(tuple(sorted(self._texts.items())))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Translated) and self._texts == other._texts

    def __repr__(self) -> str:
        return f"Translated({self._texts!r})"


def doc(text: str, *, line_breaks: bool = False) -> dict[str, str]:
    """Field metadata: the description IT staff see in errors and in their editor, and whether the text may
    run over several lines (a paragraph, opening hours); any other text is shown on one line."""
    return {"doc": text, "line_breaks": "yes"} if line_breaks else {"doc": text}


Identifier = Annotated[str, checks.identifier]
LanguageCode = Annotated[str, checks.language_code]
HttpsUrl = Annotated[str, checks.https_url]
EmailAddress = Annotated[str, checks.email_address]
PhoneNumber = Annotated[str, checks.phone_number]
Colour = Annotated[str, checks.hex_colour]
ImagePath = Annotated[str, checks.image_path]
Hostname = Annotated[str, checks.hostname]
ContactId = Annotated[str, checks.contact_reference]
BundledPage = Annotated[str, checks.bundled_page]
MAX_BYTES = 1024 * 1024  # the largest content file read: a bigger one is a mistake
GOAL_COUNT = 17
# A button's label is one line that never wraps: at 200 % text on a portrait screen, this many letters fit on a
# bar or overlay button, and on the button inside a QR card (read_here), measured.
BUTTON_LABEL_MAX = 28
BUTTON_LABELS = {
    "back": BUTTON_LABEL_MAX,
    "home": BUTTON_LABEL_MAX,
    "still_here": BUTTON_LABEL_MAX,
    "read_here": 16,
    "take_page_along": BUTTON_LABEL_MAX,
    "close": BUTTON_LABEL_MAX,
}
MINUTE_S = 60
HOUR_S = 60 * MINUTE_S


def _too_long_for_a_button(label: str, language: str, most: int) -> str:
    return (
        f"the {language!r} label {label!r} is {len(label)} characters: this button's label is at most {most}, "
        "to fit a portrait screen at 200 % text"
    )


def _listed_twice(field_name: str, ids: tuple[str, ...]) -> Iterator[tuple[str, str]]:
    for twice in sorted({contact_id for contact_id in ids if ids.count(contact_id) > 1}):
        yield field_name, f"{twice!r} is listed more than once: each contact's code would show twice"


def _duration(seconds: int) -> str:
    return "an hour" if seconds == HOUR_S else f"{seconds // MINUTE_S} minutes"


# A model class may define check(), yielding (field name, message) for rules that span its fields;
# the decoder calls it once the object is built and reports each message at that field's line (for a translated
# text, "field/language" is the line of that language).


@dataclass(frozen=True, slots=True)
class Language:
    """A language the visitor can choose, named in that language itself."""

    code: LanguageCode = field(metadata=doc("Two-letter language code, e.g. nl or en."))
    name: str = field(metadata=doc("The language's own name, shown on the switch, e.g. Nederlands."))

    def check(self) -> Iterator[tuple[str, str]]:
        if len(self.name) > BUTTON_LABEL_MAX:
            yield "name", _too_long_for_a_button(self.name, self.code, BUTTON_LABEL_MAX)


@dataclass(frozen=True, slots=True)
class AccessibilityText:
    """The words of the accessibility features: the names and descriptions that screen readers and the kiosk's
    own read-aloud speak, and how an address is said."""

    read_aloud: Translated = field(metadata=doc("Name of the button (and keypad key) that reads the screen aloud."))
    read_aloud_hint: Translated = field(
        metadata=doc("What the read-aloud button does, and how to stop it.", line_breaks=True)
    )
    high_contrast: Translated = field(metadata=doc("Name of the high-contrast button."))
    high_contrast_hint: Translated = field(metadata=doc("What the high-contrast button does.", line_breaks=True))
    text_size: Translated = field(metadata=doc("Name of the text-size button; its percentage follows it."))
    text_size_hint: Translated = field(metadata=doc("What the text-size button does.", line_breaks=True))
    back_hint: Translated = field(metadata=doc("Description of the Back button.", line_breaks=True))
    home_hint: Translated = field(metadata=doc("Description of the Home button.", line_breaks=True))
    language_hint: Translated = field(metadata=doc("Description of a language button.", line_breaks=True))
    scroll_hint: Translated = field(
        metadata=doc("Description of a text that scrolls, said when the keypad is on it.", line_breaks=True)
    )
    button: Translated = field(metadata=doc('Said after the name of a button when it is read aloud, e.g. "button".'))
    say_at: Translated = field(metadata=doc('How the @ in an e-mail address is said, e.g. "at".'))
    say_dot: Translated = field(metadata=doc('How a dot in an address is said, e.g. "dot".'))
    say_slash: Translated = field(metadata=doc('How a / in a web address is said, e.g. "slash".'))


@dataclass(frozen=True, slots=True)
class InterfaceText:
    """The interface's own words, translated like the content."""

    back: Translated = field(metadata=doc("Label of the Back button."))
    home: Translated = field(metadata=doc("Label of the Home button."))
    language: Translated = field(metadata=doc("Accessible name of the language switch."))
    welcome: Translated = field(metadata=doc("Heading of the home screen."))
    welcome_text: Translated = field(
        metadata=doc("A short welcome on the home screen, in large type.", line_breaks=True)
    )
    welcome_hint: Translated = field(metadata=doc("One line above the tiles: what to do."))
    scan_to_email: Translated = field(metadata=doc("Caption above a QR code that opens an e-mail."))
    scan_to_call: Translated = field(metadata=doc("Caption above a QR code that starts a call."))
    scan_to_read: Translated = field(metadata=doc("Caption above a QR code that opens a web page."))
    take_along: Translated = field(metadata=doc("Heading above the QR codes of a topic."))
    hours: Translated = field(metadata=doc("Label before opening hours."))
    visiting_address: Translated = field(metadata=doc("Label of the visiting address."))
    postal_address: Translated = field(metadata=doc("Label of the postal address."))
    swipe_hint: Translated = field(metadata=doc("Hint that a visitor can swipe between topics."))
    previous_topic: Translated = field(metadata=doc("Accessible name of the previous-topic button."))
    next_topic: Translated = field(metadata=doc("Accessible name of the next-topic button."))
    still_there: Translated = field(metadata=doc("The question asked after a while without a touch."))
    still_there_hint: Translated = field(
        metadata=doc("Below the question: a tap carries on; at zero the kiosk starts again.", line_breaks=True)
    )
    still_here: Translated = field(metadata=doc("The button that answers the question."))
    tap_to_start: Translated = field(metadata=doc("On the attract loop, shown in every language at once."))
    read_here: Translated = field(metadata=doc("The button on a link's card that opens the page in the kiosk."))
    take_page_along: Translated = field(metadata=doc("The reader's button that shows the code of the page read."))
    loading: Translated = field(metadata=doc("Shown in the reader while a page is loading."))
    page_unavailable: Translated = field(
        metadata=doc("Heading in the reader when a page cannot be shown: no network, an error, too slow.")
    )
    page_unavailable_text: Translated = field(
        metadata=doc("Below that heading: scan the code to read it later.", line_breaks=True)
    )
    not_in_kiosk: Translated = field(metadata=doc("Heading when a tapped link leads to a page the kiosk won't show."))
    not_in_kiosk_text: Translated = field(
        metadata=doc("Below that heading: scan the code to open it on a phone.", line_breaks=True)
    )
    close: Translated = field(metadata=doc("The button that closes a code shown over the screen."))
    accessibility: AccessibilityText = field(
        metadata=doc("The words of read-aloud, high contrast, text size and the keypad, and how addresses are said.")
    )

    def check(self) -> Iterator[tuple[str, str]]:
        for name, most in BUTTON_LABELS.items():
            for language, label in getattr(self, name).items():
                if len(label) > most:
                    yield f"{name}/{language}", _too_long_for_a_button(label, language, most)


@dataclass(frozen=True, slots=True)
class Link:
    """A web page a visitor can take along by QR code."""

    url: HttpsUrl = field(metadata=doc("An https address on a host listed in allowed_hosts."))
    label: Translated = field(metadata=doc("What the page is, shown above its QR code."))
    page: BundledPage | None = field(
        default=None,
        metadata=doc(
            "A copy of the page bundled with the kiosk, read in the kiosk without network: a path relative to "
            "content.yaml under resources/pages/, ending in .html, e.g. resources/pages/{language}/europe.html. "
            "{language} stands for the visitor's language; a language without its own copy shows the first "
            "language's. Without page:, the reader shows the address itself."
        ),
    )


@dataclass(frozen=True, slots=True)
class Contact:
    """One way to reach the city: an e-mail address or a phone number, with what it is for."""

    label: Translated = field(metadata=doc("What this contact is for."))
    email: EmailAddress | None = field(default=None, metadata=doc("An e-mail address."))
    subject: Translated | None = field(default=None, metadata=doc("Subject line the visitor's e-mail starts with."))
    phone: PhoneNumber | None = field(default=None, metadata=doc('A phone number as people write it, e.g. "14 030".'))
    hours: Translated | None = field(
        default=None, metadata=doc('When the phone is answered, as text. Quote times: "9.00".', line_breaks=True)
    )
    note: Translated | None = field(default=None, metadata=doc("A short extra line.", line_breaks=True))

    def check(self) -> Iterator[tuple[str, str]]:
        if (self.email is None) == (self.phone is None):
            yield "label", "a contact needs exactly one of email: or phone:"
        if self.subject is not None and self.email is None:
            yield "subject", "subject: belongs to an e-mail contact: add email: or remove it"
        if self.hours is not None and self.phone is None:
            yield "hours", "hours: belongs to a phone contact: add phone: or remove it"


@dataclass(frozen=True, slots=True)
class GoalTile:
    """One of the UN's 17 Global Goals, shown as its coloured numbered tile."""

    number: int = field(metadata=doc("The goal's number, 1 to 17."))
    colour: Colour = field(metadata=doc("The goal's colour as #RRGGBB."))

    def check(self) -> Iterator[tuple[str, str]]:
        if not 1 <= self.number <= GOAL_COUNT:
            yield "number", f"goal {self.number} does not exist: the goals are numbered 1 to {GOAL_COUNT}"


@dataclass(frozen=True, slots=True)
class Topic:
    """One international topic: a tile on the home screen and a screen of its own."""

    id: Identifier = field(metadata=doc("Short unique name, lower case with dashes."))
    title: Translated = field(metadata=doc("Title on the tile and the topic screen."))
    tagline: Translated = field(metadata=doc("One short line on the home tile."))
    text: Translated = field(metadata=doc("The topic's text; a blank line starts a paragraph.", line_breaks=True))
    artwork: ImagePath = field(metadata=doc("An SVG or PNG file, relative to content.yaml."))
    links: tuple[Link, ...] = field(default=(), metadata=doc("Pages to read later."))
    contacts: tuple[ContactId, ...] = field(default=(), metadata=doc("Ids of entries in contacts shown on this topic."))
    goals: tuple[GoalTile, ...] = field(default=(), metadata=doc("Global Goals tiles shown on this topic."))

    def check(self) -> Iterator[tuple[str, str]]:
        yield from _listed_twice("contacts", self.contacts)
        numbers = [goal.number for goal in self.goals]
        for number in sorted({n for n in numbers if numbers.count(n) > 1}):
            yield "goals", f"goal {number} is listed more than once: list each goal once"


@dataclass(frozen=True, slots=True)
class ContactPage:
    """The help and contact screen: every contact, with the addresses of city hall."""

    title: Translated = field(metadata=doc("Title on the tile and the contact screen."))
    tagline: Translated = field(metadata=doc("One short line on the home tile."))
    text: Translated = field(metadata=doc("A short introduction.", line_breaks=True))
    artwork: ImagePath = field(metadata=doc("An SVG or PNG file, relative to content.yaml."))
    contacts: tuple[ContactId, ...] = field(metadata=doc("Ids of entries in contacts, in order."))
    visiting_address: str = field(metadata=doc("Where visitors can come, as one line."))
    postal_address: str | None = field(default=None, metadata=doc("Where letters go."))

    def check(self) -> Iterator[tuple[str, str]]:
        if not self.contacts:
            yield "contacts", "the help screen needs at least one contact: list the id of one under contacts"
        yield from _listed_twice("contacts", self.contacts)


@dataclass(frozen=True, slots=True)
class Settings:
    """How the kiosk behaves between visitors; every time is in seconds."""

    idle_timeout_s: int = field(
        default=90, metadata=doc('Seconds without a touch before "Still there?" appears; 20 to 3600.')
    )
    idle_warning_s: int = field(default=20, metadata=doc('Seconds the "Still there?" countdown runs; 20 to 600.'))
    attract_after_s: int = field(
        default=30, metadata=doc("Seconds after a reset before the attract loop starts; 0 to 3600.")
    )

    def check(self) -> Iterator[tuple[str, str]]:
        if self.idle_timeout_s < 20:
            yield "idle_timeout_s", "idle_timeout_s must be at least 20 seconds: visitors need time to read"
        if self.idle_warning_s < 20:
            yield "idle_warning_s", "idle_warning_s must be at least 20 seconds (WCAG 2.2.1)"
        if self.attract_after_s < 0:
            yield "attract_after_s", "attract_after_s cannot be negative"
        # Longer, and the next visitor could find the last one's screen; far longer, and no timer can hold it.
        for name, most in (("idle_timeout_s", HOUR_S), ("idle_warning_s", 10 * MINUTE_S), ("attract_after_s", HOUR_S)):
            if getattr(self, name) > most:
                yield (
                    name,
                    f"{name} must be at most {most} seconds ({_duration(most)}): was it written in milliseconds?",
                )


@dataclass(frozen=True, slots=True)
class Content:
    """Everything the kiosk shows, in every language it offers."""

    languages: tuple[Language, ...] = field(
        metadata=doc("Languages offered; the first is the default for every new visitor.")
    )
    allowed_hosts: tuple[Hostname, ...] = field(metadata=doc("Web hosts that links may point to, e.g. www.utrecht.nl."))
    interface: InterfaceText = field(metadata=doc("The interface's own words."))
    contacts: Mapping[Identifier, Contact] = field(
        metadata=doc("Named contacts that topics and the contact screen refer to.")
    )
    topics: tuple[Topic, ...] = field(metadata=doc("The topics, in the order of the home screen."))
    contact_page: ContactPage = field(metadata=doc("The help and contact screen."))
    settings: Settings = field(default=Settings(), metadata=doc("Timings between visitors."))
    base_dir: Path = field(default=Path("."), compare=False, metadata={"internal": "yes"})

    def check(self) -> Iterator[tuple[str, str]]:
        if not self.languages:
            yield "languages", "at least one language is needed, e.g. - code: nl"
        if not self.topics:
            yield "topics", "at least one topic is needed"
        for what, values in (
            ("languages", [language.code for language in self.languages]),
            ("allowed_hosts", list(self.allowed_hosts)),
            ("topics", [topic.id for topic in self.topics]),
        ):
            for value in sorted({v for v in values if values.count(v) > 1}):
                yield what, f"{value!r} is used more than once under {what}: each must be unique"
        for topic in self.topics:
            if topic.id in (HOME, CONTACT, READER):
                yield "topics", f"{topic.id!r} is the name of one of the kiosk's own screens: give the topic another id"

    @property
    def default_language(self) -> str:
        return self.languages[0].code

    @property
    def language_codes(self) -> tuple[str, ...]:
        return tuple(language.code for language in self.languages)

    def topic(self, topic_id: str) -> Topic:
        for topic in self.topics:
            if topic.id == topic_id:
                return topic
        raise KeyError(topic_id)

    def image_path(self, relative: str) -> Path:
        return self.base_dir / relative

    def bundled_page(self, link: Link, language: str) -> str | None:
        """The path of the link's bundled page in this language, or in the first language if it has no copy."""
        if link.page is None:
            return None
        for code in (language, self.default_language):
            relative = link.page.replace(checks.LANGUAGE_PLACEHOLDER, code)
            if (self.base_dir / relative).is_file():
                return relative
        return None


@dataclass(frozen=True)
class Checked:
    """Content that may be shown, with the warnings found in it."""

    content: Content
    warnings: tuple[Problem, ...]
