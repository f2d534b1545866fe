"""What the reader may open, fetch and offer as a code, and what it refuses at start-up: pure logic, no Qt."""

from __future__ import annotations

import logging

import pytest

from kiosk import payloads
from kiosk.reader.policy import (
    MAX_CODE_BYTES,
    ReaderPolicy,
    Verdict,
    bundled_path,
    bundled_url,
    take_along_payload,
)
from kiosk.reader.startup import (
    KIOSK_SWITCHES,
    UnsafeSettingsError,
    engine_may_start,
    refuse_unsafe_settings,
    sandbox_switched_off_by,
    with_kiosk_switches,
)

CITY = ReaderPolicy(frozenset({"www.utrecht.nl", "healthyurbanliving.utrecht.nl"}))
TESTS = ReaderPolicy(frozenset({"127.0.0.1"}), allow_loopback_http=True)


@pytest.mark.parametrize(
    "url",
    [
        "https://www.utrecht.nl/bestuur-en-organisatie/internationale-zaken/europa/",
        "https://healthyurbanliving.utrecht.nl/international-relations/",
        "https://WWW.UTRECHT.NL/",
        "https://www.utrecht.nl:443/a?b=c#d",
        "kiosk://resources/pages/nl/europe.html",
    ],
)
def test_the_city_pages_and_the_bundled_pages_are_read(url: str) -> None:
    assert CITY.for_navigation(url, top_level=True, tapped=True) is Verdict.READ
    assert CITY.may_fetch(url, top_level=False)


@pytest.mark.parametrize(
    "url",
    [
        "http://www.utrecht.nl/",  # plain http, even to an allowed host
        "https://evil.example/",
        "https://www.utrecht.nl.evil.example/",
        "https://evil.www.utrecht.nl/",  # a subdomain is another host
        "https://utrecht.nl/",
        "https://www.utrecht.nl@evil.example/",  # what a browser reads as user www.utrecht.nl at evil.example
        "https://user:secret@www.utrecht.nl/",
        "https://www.utrecht.nl:not-a-port/",
        "https://www.utrecht.nl./",
        "file:///etc/passwd",
        "javascript:alert(1)",
        "data:text/html,<h1>x</h1>",
        "blob:https://www.utrecht.nl/1f6a3c2e",
        "chrome://settings",
        "view-source:https://www.utrecht.nl/",
        "about:blank",
        "filesystem:https://www.utrecht.nl/temporary/x",
        "ftp://www.utrecht.nl/",
        "wss://www.utrecht.nl/socket",
        "qrc:/index.html",
        "intent://scan/#Intent;scheme=zxing;end",
        "kiosk://elsewhere/pages/nl/europe.html",
        "http://127.0.0.1:8000/",  # loopback only in tests
    ],
)
def test_everything_else_is_refused(url: str) -> None:
    assert not CITY.may_fetch(url, top_level=True)
    assert not CITY.may_fetch(url, top_level=False) or url.split(":", maxsplit=1)[0] in ("data", "blob", "about")
    assert CITY.for_navigation(url, top_level=True, tapped=False) is Verdict.REFUSE


@pytest.mark.parametrize("url", ["data:text/html,<p>x", "blob:https://www.utrecht.nl/1f6a3c2e", "about:srcdoc"])
def test_inline_documents_only_in_frames(url: str) -> None:
    assert CITY.for_navigation(url, top_level=False, tapped=False) is Verdict.READ
    assert CITY.for_navigation(url, top_level=True, tapped=True) is Verdict.REFUSE


def test_plain_http_only_to_this_machine_and_only_when_a_test_asks() -> None:
    assert TESTS.may_fetch("http://127.0.0.1:8000/page", top_level=True)
    assert TESTS.may_fetch("https://127.0.0.1:8443/page", top_level=True)
    assert not TESTS.may_fetch("http://localhost:8000/page", top_level=True)  # not on the allowlist
    allowing_a_remote_host = ReaderPolicy(frozenset({"www.utrecht.nl"}), allow_loopback_http=True)
    assert not allowing_a_remote_host.may_fetch("http://www.utrecht.nl/", top_level=True)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("mailto:publicaffairs@utrecht.nl", payloads.mailto("publicaffairs@utrecht.nl").uri),
        (
            "mailto:publicaffairs@utrecht.nl?subject=Vraag%20over%20Europa",
            payloads.mailto("publicaffairs@utrecht.nl", "Vraag over Europa").uri,
        ),
        (
            "mailto:publicaffairs@utrecht.nl?SUBJECT=1+1%3D2&body=Hallo",
            payloads.mailto("publicaffairs@utrecht.nl", "1+1=2", "Hallo").uri,
        ),
        ("tel:14030", payloads.tel("14030").uri),
        ("tel:+31-30-286-0000", payloads.tel("+31-30-286-0000").uri),
        ("https://elsewhere.example/page", "https://elsewhere.example/page"),
    ],
)
def test_a_tapped_email_phone_or_page_elsewhere_becomes_a_code(url: str, expected: str) -> None:
    assert CITY.for_navigation(url, top_level=True, tapped=True) is Verdict.TAKE_ALONG
    payload = take_along_payload(url)
    assert payload is not None
    assert payload.uri == expected


@pytest.mark.parametrize(
    "url",
    [
        "mailto:",
        "mailto:a@utrecht.nl,b@utrecht.nl",
        "mailto:not an address",
        "tel:call-me",
        "tel:12",
        "http://elsewhere.example/",
        "javascript:location='mailto:a@b.nl'",
        "https://user:pw@elsewhere.example/",
        "https://elsewhere.example/" + "x" * MAX_CODE_BYTES,
    ],
)
def test_nothing_else_becomes_a_code(url: str) -> None:
    assert take_along_payload(url) is None
    assert CITY.for_navigation(url, top_level=True, tapped=True) is Verdict.REFUSE


def test_an_untapped_address_is_refused_not_offered() -> None:
    """A page moving by itself (a redirect, a refresh) to an e-mail address puts up no code."""
    assert CITY.for_navigation("mailto:publicaffairs@utrecht.nl", top_level=True, tapped=False) is Verdict.REFUSE
    assert CITY.for_navigation("mailto:publicaffairs@utrecht.nl", top_level=False, tapped=True) is Verdict.REFUSE


def test_a_long_body_is_dropped_before_the_address_is() -> None:
    payload = take_along_payload("mailto:publicaffairs@utrecht.nl?subject=Vraag&body=" + "x" * 400)
    assert payload == payloads.mailto("publicaffairs@utrecht.nl", "Vraag")


def test_bundled_addresses_mirror_the_folders_beside_the_content() -> None:
    url = bundled_url("resources/pages/en/europe.html")
    assert url == "kiosk://resources/pages/en/europe.html"
    assert bundled_path(url) == ("pages", "en/europe.html")
    assert bundled_path("kiosk://resources/fonts/a.woff2") == ("fonts", "a.woff2")
    with pytest.raises(ValueError, match="not under"):
        bundled_url("resources/artwork/europe.svg")


@pytest.mark.parametrize(
    "url",
    [
        "kiosk://resources/artwork/europe.svg",
        "kiosk://resources/pages/../../content.yaml",
        "kiosk://resources/pages/%2e%2e/%2e%2e/content.yaml",
        "kiosk://resources/pages/en/..%2F..%2Fcontent.yaml",
        "kiosk://resources/pages/",
        "kiosk://resources/",
        "kiosk://other/pages/en/europe.html",
        "https://www.utrecht.nl/pages/en/europe.html",
        "file:///work/main/resources/pages/en/europe.html",
    ],
)
def test_nothing_outside_the_pages_and_fonts_has_a_bundled_path(url: str) -> None:
    assert bundled_path(url) is None


@pytest.mark.parametrize(
    ("argv", "environ", "named"),
    [
        ([], {"QTWEBENGINE_REMOTE_DEBUGGING": "9222"}, "QTWEBENGINE_REMOTE_DEBUGGING is set"),
        ([], {"QTWEBENGINE_CHROMIUM_FLAGS": "--remote-debugging-port=9222"}, "--remote-debugging-port=9222 in"),
        (["kiosk", "--webEngineArgs", "--remote-debugging-pipe"], {}, "--remote-debugging-pipe on the command line"),
        ([], {"QTWEBENGINE_CHROMIUM_FLAGS": "--no-sandbox --disable-web-security"}, "--disable-web-security"),
        (["kiosk", "--ignore-certificate-errors"], {}, "--ignore-certificate-errors"),
    ],
)
def test_the_developer_tools_and_switched_off_protections_refuse_the_start(
    argv: list[str], environ: dict[str, str], named: str
) -> None:
    with pytest.raises(UnsafeSettingsError, match=named):
        refuse_unsafe_settings(argv, environ)


def test_an_ordinary_start_is_not_refused() -> None:
    argv = ["kiosk", "--webEngineArgs", "--disable-pinch"]
    refuse_unsafe_settings(argv, {"QTWEBENGINE_CHROMIUM_FLAGS": "--no-sandbox"})


def test_the_kiosk_switches_go_after_web_engine_args_once() -> None:
    environ: dict[str, str] = {}
    argv = with_kiosk_switches(["kiosk"], environ)
    assert argv == ["kiosk", "--webEngineArgs", *KIOSK_SWITCHES]
    assert with_kiosk_switches(argv, environ) == argv
    assert environ == {}


def test_the_kiosk_switches_join_chromium_flags_when_it_is_set() -> None:
    """QtWebEngine then ignores --webEngineArgs, so the switches go where it will read them."""
    environ = {"QTWEBENGINE_CHROMIUM_FLAGS": "--no-sandbox"}
    assert with_kiosk_switches(["kiosk"], environ) == ["kiosk"]
    assert environ["QTWEBENGINE_CHROMIUM_FLAGS"].split() == ["--no-sandbox", *KIOSK_SWITCHES]


@pytest.mark.parametrize(
    ("argv", "environ", "expected"),
    [
        ([], {}, None),
        ([], {"QTWEBENGINE_DISABLE_SANDBOX": "1"}, "QTWEBENGINE_DISABLE_SANDBOX"),
        ([], {"QTWEBENGINE_CHROMIUM_FLAGS": "--a --no-sandbox"}, "--no-sandbox in QTWEBENGINE_CHROMIUM_FLAGS"),
        (["kiosk", "--webEngineArgs", "--no-sandbox"], {}, "--no-sandbox on the command line"),
    ],
)
def test_where_the_sandbox_is_switched_off(argv: list[str], environ: dict[str, str], expected: str | None) -> None:
    assert sandbox_switched_off_by(argv, environ) == expected


def test_as_root_with_the_sandbox_on_the_reader_stays_off_and_the_kiosk_up(caplog: pytest.LogCaptureFixture) -> None:
    """Chromium would end the whole process; the kiosk says why and keeps showing everything else."""
    assert not engine_may_start([], {}, euid=0)
    assert "the reader is off" in caplog.text
    assert caplog.records[-1].levelno == logging.ERROR


def test_as_root_without_the_sandbox_the_kiosk_warns(caplog: pytest.LogCaptureFixture) -> None:
    assert engine_may_start([], {"QTWEBENGINE_DISABLE_SANDBOX": "1"}, euid=0)
    assert "runs as root" in caplog.text
    assert caplog.records[-1].levelno == logging.WARNING


def test_as_an_ordinary_user_the_sandbox_stays_and_nothing_is_said(caplog: pytest.LogCaptureFixture) -> None:
    assert engine_may_start([], {}, euid=1000)
    assert caplog.records == []
    assert engine_may_start([], {"QTWEBENGINE_DISABLE_SANDBOX": "1"}, euid=1000)
    assert "sandbox is off" in caplog.text
