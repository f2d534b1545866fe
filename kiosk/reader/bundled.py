"""Serves the pages bundled with the kiosk, and their typeface, to the reader under kiosk://resources/.

Only files in the folders it is given, with the kinds of file a page needs, answer; anything else on the
disk does not exist as far as a page can tell. file:// stays closed to the reader.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject
from PySide6.QtWebEngineCore import QWebEngineUrlRequestJob, QWebEngineUrlSchemeHandler

from kiosk.reader.policy import bundled_path

log = logging.getLogger(__name__)

CONTENT_TYPES = {
    ".html": b"text/html;charset=utf-8",
    ".css": b"text/css;charset=utf-8",
    ".woff2": b"font/woff2",
    ".svg": b"image/svg+xml",
    ".png": b"image/png",
}
# A bundled page is a plain document: its own styles, fonts and images; no scripts, frames, forms or plugins.
CONTENT_SECURITY_POLICY = (
    b"default-src 'self'; script-src 'none'; object-src 'none'; frame-src 'none'; form-action 'none'; base-uri 'none'"
)


class BundledPages(QWebEngineUrlSchemeHandler):
    """Answers kiosk://resources/pages/... and .../fonts/... from the folders given for each, in order."""

    def __init__(self, folders: Mapping[str, Sequence[Path]], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._folders = {name: [path.resolve() for path in paths] for name, paths in folders.items()}

    def file_for(self, url: str) -> Path | None:
        """The file behind a kiosk:// address, or None if there is none a page may have."""
        located = bundled_path(url)
        if located is None:
            return None
        folder, inside = located
        if Path(inside).suffix.lower() not in CONTENT_TYPES:
            return None
        for root in self._folders.get(folder, ()):
            candidate = (root / inside).resolve()
            if candidate.is_relative_to(root) and candidate.is_file():
                return candidate
        return None

    def requestStarted(self, job: QWebEngineUrlRequestJob) -> None:
        url = bytes(job.requestUrl().toEncoded().data()).decode("ascii")
        if job.requestMethod() != b"GET":
            job.fail(QWebEngineUrlRequestJob.Error.RequestDenied)
            return
        path = self.file_for(url)
        if path is None:
            log.info("the reader asked for %s, which is not a bundled file", url)
            job.fail(QWebEngineUrlRequestJob.Error.UrlNotFound)
            return
        try:
            data = path.read_bytes()
        except OSError as error:
            log.error("could not read the bundled file %s: %s", path, error.strerror or error)
            job.fail(QWebEngineUrlRequestJob.Error.RequestFailed)
            return
        body = QBuffer(job)
        body.setData(QByteArray(data))
        body.open(QIODevice.OpenModeFlag.ReadOnly)
        # The binding's stub says one value per header; at run time it takes (and needs) a list of them.
        job.setAdditionalResponseHeaders(
            {QByteArray(b"Content-Security-Policy"): [QByteArray(CONTENT_SECURITY_POLICY)]}  # type: ignore[dict-item]
        )
        job.reply(CONTENT_TYPES[path.suffix.lower()], body)
