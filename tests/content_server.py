"""A real HTTP server on 127.0.0.1 for remote-content tests: serves a folder, honours ETags, misbehaves on request."""

from __future__ import annotations

import hashlib
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


class ContentServer:
    """Serves files from `folder`; `mode` makes every request fail in one way: 404, 500, hang, truncate."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.mode = "ok"
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.release = threading.Event()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                server.requests.append((self.path, dict(self.headers)))
                server.respond(self)

            def log_message(self, format: str, *args: object) -> None:
                pass  # keep test output clean

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/content.yaml"

    def start(self) -> ContentServer:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.release.set()
        self.httpd.shutdown()
        self.httpd.server_close()

    def respond(self, handler: BaseHTTPRequestHandler) -> None:
        if self.mode in ("404", "500"):
            handler.send_error(int(self.mode))
            return
        if self.mode == "hang":
            self.release.wait()  # until the test ends: the client's timeout must fire first
            return
        path = self.folder / handler.path.lstrip("/").split("?")[0]
        if not path.is_file():
            handler.send_error(404)
            return
        body = path.read_bytes()
        etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
        if handler.headers.get("If-None-Match") == etag:
            handler.send_response(304)
            handler.send_header("ETag", etag)
            handler.end_headers()
            return
        handler.send_response(200)
        handler.send_header("ETag", etag)
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        if self.mode == "truncate":
            handler.wfile.write(body[: len(body) // 2])
            handler.close_connection = True
            return
        handler.wfile.write(body)
