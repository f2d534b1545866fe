"""The pages bundled with the kiosk: one per topic in each language, true to the content, and readable offscreen."""

from __future__ import annotations

import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import REPO, SHIPPED
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from reader_support import PAGE_WAIT_MS, run_js

from kiosk import payloads, theme
from kiosk.content import Content, ContentError
from kiosk.content.checks import CheckContext, bundled_page
from kiosk.content.loader import parse_content
from kiosk.reader.bundled import BundledPages
from kiosk.reader.policy import bundled_url
from kiosk.render import settle
from kiosk.screens.reader import ReaderScreen

PAGES = REPO / "resources" / "pages"
LANGUAGES = ["nl", "en"]
TOPICS = ["healthy-urban-living", "europe", "business", "global-goals"]


class PageParts(HTMLParser):
    """What a check of a page needs: its language, first heading, links, and anything that would run or style."""

    def __init__(self) -> None:
        super().__init__()
        self.language = ""
        self.heading = ""
        self.links: list[str] = []
        self.forbidden: list[str] = []
        self._in_heading = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "html":
            self.language = attributes.get("lang") or ""
        if tag == "h1":
            self._in_heading = True
        if tag == "a":
            self.links.append(attributes.get("href") or "")
        if tag in ("script", "iframe", "object", "embed", "form", "style", "base"):
            self.forbidden.append(f"<{tag}>")
        self.forbidden += [f"{tag} {name}=" for name in attributes if name == "style" or name.startswith("on")]

    def handle_endtag(self, tag: str) -> None:
        if tag == "h1":
            self._in_heading = False

    def handle_data(self, data: str) -> None:
        if self._in_heading:
            self.heading += data


def parts_of(path: Path) -> PageParts:
    parts = PageParts()
    parts.feed(path.read_text(encoding="utf-8"))
    return parts


def test_every_topic_links_a_bundled_page_in_every_language(content: Content) -> None:
    for topic in content.topics:
        link = topic.links[0]
        assert link.page == f"resources/pages/{{language}}/{topic.id}.html"
        for language in content.language_codes:
            assert content.bundled_page(link, language) == f"resources/pages/{language}/{topic.id}.html"


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("topic_id", TOPICS)
def test_a_bundled_page_is_true_to_the_content(content: Content, topic_id: str, language: str) -> None:
    """Its title, its language, and only addresses the kiosk already knows: the topic's page and its contacts."""
    topic = content.topic(topic_id)
    parts = parts_of(PAGES / language / f"{topic_id}.html")
    assert parts.language == language
    assert parts.heading == topic.title[language]
    assert parts.forbidden == []
    contacts = [content.contacts[name] for name in content.contact_page.contacts]
    known = {link.url for link in topic.links} | {payloads.for_contact(c, language).uri for c in contacts}
    for href in parts.links:
        if href.startswith("mailto:"):
            assert href in known, f"{href}: the same address and subject as the contact on the topic screen"
        else:
            assert href in known, href


def test_the_bundled_pages_use_the_kiosks_look() -> None:
    css = (PAGES / "kiosk.css").read_text(encoding="utf-8")
    assert f"background: {theme.PALETTE.header};" in css
    assert "font-size: 30px" in css
    for font in sorted(theme.FONT_DIR.glob("*.woff2")):
        assert f'url("../fonts/{font.name}")' in css


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("/etc/europe.html", "must be a path relative to content.yaml"),
        ("resources/pages/../../content.yaml", "must be a path relative to content.yaml"),
        ("resources/artwork/{language}/europe.html", "is not under resources/pages/"),
        ("resources/pages/{language}/europe.txt", "is not a page the reader shows"),
        ("resources/pages/{lang}/europe.html", "the only placeholder"),
        ("resources/pages/{language}/nowhere.html", "the page 'resources/pages/nl/nowhere.html' does not exist"),
    ],
)
def test_a_page_path_that_will_not_do_is_reported_at_its_line(value: str, message: str) -> None:
    text = SHIPPED.read_text(encoding="utf-8")
    old = "page: resources/pages/{language}/europe.html"
    with pytest.raises(ContentError) as caught:
        parse_content(text.replace(old, f"page: {value}").encode(), "content.yaml", REPO)
    line = text[: text.index(old)].count("\n") + 1
    assert [p.message for p in caught.value.problems if p.line == line and message in p.message], caught.value


def test_a_page_that_leads_outside_the_pages_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "resources" / "pages" / "nl").mkdir(parents=True)
    (tmp_path / "secret.html").write_text("<p>not a page for visitors", encoding="utf-8")
    (tmp_path / "resources" / "pages" / "nl" / "x.html").symlink_to(tmp_path / "secret.html")
    context = CheckContext(base_dir=tmp_path, languages=("nl",))
    assert "leads outside resources/pages/" in (bundled_page("resources/pages/{language}/x.html", context) or "")


def test_a_language_without_its_own_copy_reads_the_first_languages(content: Content) -> None:
    link = content.topic("europe").links[0]
    assert content.bundled_page(link, "de") == "resources/pages/nl/europe.html"


def test_every_languages_copy_is_a_file_a_remote_source_brings_along() -> None:
    context = CheckContext(base_dir=REPO, languages=("nl", "en"))
    assert bundled_page("resources/pages/{language}/europe.html", context) is None
    assert {"resources/pages/nl/europe.html", "resources/pages/en/europe.html"} <= context.referenced_files


def test_kiosk_addresses_serve_pages_and_fonts_and_nothing_else(tmp_path: Path) -> None:
    pages, fonts = tmp_path / "pages", tmp_path / "fonts"
    (pages / "nl").mkdir(parents=True)
    fonts.mkdir()
    (pages / "nl" / "a.html").write_text("<p>a", encoding="utf-8")
    (pages / "notes.txt").write_text("not served", encoding="utf-8")
    (tmp_path / "outside.html").write_text("<p>outside", encoding="utf-8")
    (pages / "nl" / "link.html").symlink_to(tmp_path / "outside.html")
    (fonts / "f.woff2").write_bytes(b"wOF2")
    handler = BundledPages({"pages": [pages], "fonts": [fonts]})
    assert handler.file_for("kiosk://resources/pages/nl/a.html") == (pages / "nl" / "a.html").resolve()
    assert handler.file_for("kiosk://resources/fonts/f.woff2") == (fonts / "f.woff2").resolve()
    for url in [
        "kiosk://resources/pages/notes.txt",
        "kiosk://resources/pages/nl/link.html",
        "kiosk://resources/pages/nl/missing.html",
        "kiosk://resources/pages/../outside.html",
        "kiosk://resources/fonts/../pages/nl/a.html",
        "kiosk://resources/artwork/europe.svg",
    ]:
        assert handler.file_for(url) is None, url


def test_a_bundled_page_runs_no_script_and_loads_nothing_from_elsewhere(
    qtbot: QtBot, tmp_path: Path, escape_server: object
) -> None:
    """Served with a Content-Security-Policy of its own files only: a page that slipped in a script does nothing."""
    shutil.copytree(REPO / "resources", tmp_path / "resources")
    for language in LANGUAGES:
        (tmp_path / "resources" / "pages" / language / "scripted.html").write_text(
            "<title>Scripted</title><script>document.title = 'ran';</script>"
            f"<img id=remote src='{escape_server.url('/pixel')}'>"  # type: ignore[attr-defined]
            "<img id=file src='file:///etc/hostname'><p>A page with a script.",
            encoding="utf-8",
        )
    text = SHIPPED.read_text(encoding="utf-8").replace("{language}/europe.html", "{language}/scripted.html")
    content = parse_content(text.encode(), "content.yaml", tmp_path)
    reader = ReaderScreen(content)
    qtbot.addWidget(reader)
    reader.show()
    with qtbot.waitSignal(reader.loaded, timeout=PAGE_WAIT_MS):
        reader.read(content.topic("europe").links[0], "en")
    assert reader.view is not None
    assert reader.view.title() == "Scripted"
    assert run_js(qtbot, reader, "document.getElementById('remote').naturalWidth") == 0
    assert run_js(qtbot, reader, "document.getElementById('file').naturalWidth") == 0
    assert not [r for r in escape_server.requests if r.path == "/pixel"]  # type: ignore[attr-defined]


@pytest.mark.parametrize("size", [QSize(1920, 1080), QSize(1080, 1920)], ids=["landscape", "portrait"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_bundled_page_reads_well_offscreen(qtbot: QtBot, content: Content, size: QSize, language: str) -> None:
    """In the kiosk's typeface, at reading size, under the red band, nothing wider than the screen."""
    reader = ReaderScreen(content)
    qtbot.addWidget(reader)
    reader.resize(size)
    reader.show()
    for topic in content.topics:
        with qtbot.waitSignals([reader.loaded, reader.painted], timeout=PAGE_WAIT_MS):
            reader.read(topic.links[0], language)
        assert reader.view is not None
        assert reader.view.address() == bundled_url(f"resources/pages/{language}/{topic.id}.html")
        qtbot.waitUntil(lambda: run_js(qtbot, reader, "document.fonts.status") == "loaded", timeout=PAGE_WAIT_MS)
        assert run_js(qtbot, reader, "document.fonts.check('30px \"Atkinson Hyperlegible\"')") is True
        family = run_js(qtbot, reader, "getComputedStyle(document.querySelector('p.lead')).fontFamily")
        assert str(family).startswith('"Atkinson Hyperlegible"')
        smallest = run_js(
            qtbot,
            reader,
            "Math.min(...Array.from(document.querySelectorAll('main p, main li'),"
            " element => parseFloat(getComputedStyle(element).fontSize)))",
        )
        assert isinstance(smallest, float)
        assert smallest >= 28, f"{topic.id}: text at {smallest}px"
        overflow = run_js(qtbot, reader, "document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow == 0, f"{topic.id}: {overflow}px wider than the screen"
        settle(QApplication.instance())  # type: ignore[arg-type]
        image = reader.grab().toImage()
        assert image.pixelColor(image.width() // 2, 12) == QColor(theme.PALETTE.header), topic.id
