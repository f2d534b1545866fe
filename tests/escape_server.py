"""A web server on 127.0.0.1 for the reader's tests: pages that try every way out of the kiosk, and a log.

The tests' reader allows only 127.0.0.1. "Elsewhere" is the same server under the name localhost: a request
that got past the reader would reach this server with that Host header and show up in the log, so a test
can prove nothing got out, and no traffic ever leaves the machine.
"""

from __future__ import annotations

import http.server
import socket
import ssl
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

ELSEWHERE = "localhost"  # off the tests' allowlist
# A self-signed certificate for 127.0.0.1 that nothing trusts: the reader must refuse it.
UNTRUSTED_CERTIFICATE = Path(__file__).with_name("untrusted-127.0.0.1.pem")

# Every tap page is one big target filling the window: a test taps its middle.
_TAP = (
    "<style>html,body{margin:0;height:100%}.tap{position:fixed;inset:0;width:100%;height:100%;font-size:48px}</style>"
)
_PERMISSIONS = """
<button class=tap onclick="ask()">ask for everything</button>
<script>
function geolocation() {
  return new Promise(done => navigator.geolocation.getCurrentPosition(
    () => done("granted"), error => done("refused " + error.code)));
}
function attempt(name, promise) {
  return promise.then(() => name + ": granted", error => name + ": " + (error && error.name || error));
}
function ask() {
  Promise.all([
    geolocation().then(answer => "location: " + answer),
    attempt("camera", navigator.mediaDevices.getUserMedia({video: true})),
    attempt("microphone", navigator.mediaDevices.getUserMedia({audio: true})),
    Notification.requestPermission().then(answer => "notifications: " + answer),
    attempt("clipboard read", navigator.clipboard.readText()),
    attempt("clipboard write", navigator.clipboard.writeText("from the page")),
    attempt("full screen", document.documentElement.requestFullscreen()),
    attempt("screen capture", navigator.mediaDevices.getDisplayMedia({video: true})),
  ]).then(answers => { document.title = "answers|" + answers.join("|"); });
}
</script>
"""
PAGES = {
    "landing": "<p>An allowed page.",
    "window-open": "<button class=tap onclick=\"window.open('{elsewhere}/popup')\">open a window</button>",
    "window-open-here": "<button class=tap onclick=\"window.open('{here}/page/landing')\">open a window</button>",
    "target-blank": "<a class=tap href='{elsewhere}/blank' target=_blank>a new tab elsewhere</a>",
    "target-blank-here": "<a class=tap href='{here}/page/landing' target=_blank>a new tab here</a>",
    "link-elsewhere": "<a class=tap href='{elsewhere}/away'>another site</a>",
    "link-https-elsewhere": "<a class=tap href='https://elsewhere.test/a-page'>another site, over https</a>",
    "redirect": "<a class=tap href='{here}/redirect-elsewhere'>a redirect to another site</a>",
    "subresources": (
        "<iframe src='{elsewhere}/frame'></iframe><img id=image src='{elsewhere}/image.png'>"
        "<link rel=stylesheet href='{elsewhere}/style.css'><script src='{elsewhere}/script.js'></script>"
        "<script>fetch('{elsewhere}/fetch').catch(() => {}); navigator.sendBeacon('{elsewhere}/beacon', 'x');"
        "new WebSocket('ws://{elsewhere_host}/socket');</script>"
    ),
    "form": "<form action='{elsewhere}/collect' method=post><input name=secret value=1>"
    "<button class=tap>send</button></form>",
    "download-attachment": "<a class=tap href='{here}/attachment'>a download</a>",
    "download-attribute": "<a class=tap href='{here}/page/landing' download=landing.html>a download</a>",
    "file-input": "<input class=tap type=file>",
    "colour-input": "<input class=tap type=color>",
    "permissions": _PERMISSIONS,
    "print": '<button class=tap onclick="window.print()">print</button>',
    "dialogs": "<script>alert('a'); confirm('b'); prompt('c');</script>",
    "window-close": "<script>window.close();</script>",
    "file-location": '<script>location = "file:///etc/passwd";</script>',
    "file-link": "<a class=tap href='file:///etc/passwd' onclick=\"setTimeout(() => document.title = 'tapped')\">x</a>",
    "javascript-link": "<a class=tap href=\"javascript:location = '{elsewhere}/scripted'\">a script link</a>",
    "javascript-window": "<a class=tap href=\"javascript:window.open('{elsewhere}/scripted')\">a script link</a>",
    "data-link": "<a class=tap href='data:text/html,<title>data</title>caught' "
    "onclick=\"setTimeout(() => document.title = 'tapped')\">a data link</a>",
    "blob-location": '<button class=tap onclick="location = window.URL.createObjectURL('
    "new Blob(['<title>blob</title>caught'], {type: 'text/html'}))\">a blob page</button>",
    "view-source": "<a class=tap href='view-source:{here}/page/landing' "
    "onclick=\"setTimeout(() => document.title = 'tapped')\">view source</a>",
    "chrome": "<a class=tap href='chrome://settings' onclick=\"setTimeout(() => document.title = 'tapped')\">x</a>",
    "mailto": "<a class=tap href='mailto:publicaffairs@utrecht.nl?subject=Vraag%20over%20Europa'>e-mail</a>",
    "tel": "<a class=tap href='tel:14030'>call</a>",
    "meta-refresh": "<meta http-equiv=refresh content='0;url={elsewhere}/refreshed'><p>A page that moves on.",
    "sign-in": "<a class=tap href='{here}/sign-in'>a page behind a password</a>",
    "broken-link": "<a class=tap href='{here}/status/404'>a page that is not there</a>",
    "storage": "<script>document.title = 'cookie=' + document.cookie + '|stored=' + localStorage.getItem('left');"
    "document.cookie = 'left=behind; max-age=3600'; localStorage.setItem('left', 'behind');</script>",
    "long": "<title>long</title>" + "".join(f"<p style='font-size:40px'>Paragraph {n}</p>" for n in range(120)),
}


@dataclass(frozen=True)
class Request:
    method: str
    host: str
    path: str


class EscapeServer:
    """Serves PAGES at /page/NAME and logs every request it gets, with the host name it was asked for."""

    def __init__(self) -> None:
        self.requests: list[Request] = []
        handler = type("Handler", (_Handler,), {"server_log": self.requests})
        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.port = self._server.server_address[1]
        handler.here = f"http://127.0.0.1:{self.port}"  # type: ignore[attr-defined]
        handler.elsewhere_host = f"{ELSEWHERE}:{self.port}"  # type: ignore[attr-defined]
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def page(self, name: str) -> str:
        return self.url(f"/page/{name}")

    def reached_elsewhere(self) -> list[Request]:
        """Every request that arrived for the host that is off the allowlist: none may."""
        return [request for request in list(self.requests) if request.host.split(":")[0] == ELSEWHERE]

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()


class UntrustedTlsServer:
    """https on 127.0.0.1 with a certificate nobody trusts; the handshake is all that happens."""

    def __init__(self) -> None:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(UNTRUSTED_CERTIFICATE)
        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self._server.socket = context.wrap_socket(self._server.socket, server_side=True)
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()


class SilentServer:
    """Accepts connections (the kernel does, into its backlog) and never answers: a page that never comes."""

    def __init__(self) -> None:
        self._socket = socket.socket()
        self._socket.bind(("127.0.0.1", 0))
        self._socket.listen(16)
        self.port = self._socket.getsockname()[1]

    def stop(self) -> None:
        self._socket.close()


def closed_port() -> int:
    """A port on 127.0.0.1 that nothing listens on: connecting is refused, as when the kiosk is offline."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class _Handler(http.server.BaseHTTPRequestHandler):
    server_log: ClassVar[list[Request]] = []
    here = ""
    elsewhere_host = ""

    def log_message(self, format: str, *args: object) -> None:
        pass  # the test reads self.server_log instead

    def do_GET(self) -> None:
        self._answer()

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self._answer()

    def _answer(self) -> None:
        self.server_log.append(Request(self.command, self.headers.get("Host", ""), self.path))
        path = self.path.split("?")[0]
        if path == "/redirect-elsewhere":
            self._send(302, b"", [("Location", f"http://{self.elsewhere_host}/landed")])
        elif path == "/attachment":
            self._send(
                200,
                b"a file",
                [
                    ("Content-Type", "application/octet-stream"),
                    ("Content-Disposition", "attachment; filename=file.bin"),
                ],
            )
        elif path.startswith("/status/"):
            code = int(path.removeprefix("/status/"))
            self._send(code, f"<title>status {code}</title><p>The server's own page.".encode())
        elif path == "/sign-in":
            self._send(401, b"<title>401</title>", [("WWW-Authenticate", 'Basic realm="staff"')])
        elif path.startswith("/page/") and path.removeprefix("/page/") in PAGES:
            name = path.removeprefix("/page/")
            body = (
                PAGES[name]
                .replace("{here}", self.here)
                .replace("{elsewhere}", f"http://{self.elsewhere_host}")
                .replace("{elsewhere_host}", self.elsewhere_host)
            )
            title = "" if "<title>" in body else f"<title>{name}</title>"
            # A line of text on every page: the reader reports a page as shown when it first paints content.
            self._send(200, f"<!doctype html><meta charset=utf-8>{title}{_TAP}<p>Test page {name}.</p>{body}".encode())
        else:
            self._send(200, f"<title>reached {path}</title><p>A request got here.".encode())

    def _send(self, code: int, body: bytes, headers: list[tuple[str, str]] | None = None) -> None:
        self.send_response(code)
        for name, value in headers or [("Content-Type", "text/html; charset=utf-8")]:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
