"""The QtWebEngine side of the reader: a fresh off-the-record profile per visitor, and a page kept on a leash.

Imported only when the reader is first needed, after the home screen's first frame: loading QtWebEngine's
widgets and starting Chromium must not hold up the kiosk's start.

Every way out is closed at the point where Chromium asks: navigations (acceptNavigationRequest), every request
a page makes (the profile's RequestFilter), new windows (createWindow, newWindowRequested), downloads, file
pickers, permissions, printing, full screen, JavaScript dialogs, dialogs of the view's own, the context menu.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Sequence
from pathlib import Path

import shiboken6
from PySide6.QtCore import QChildEvent, QCoreApplication, QEvent, QMetaObject, QObject, Qt, QTimer, QUrl, Signal
from PySide6.QtNetwork import QAuthenticator
from PySide6.QtWebEngineCore import (
    QWebEngineCertificateError,
    QWebEngineClientCertificateSelection,
    QWebEngineDesktopMediaRequest,
    QWebEngineDownloadRequest,
    QWebEngineFileSystemAccessRequest,
    QWebEngineFrame,
    QWebEngineFullScreenRequest,
    QWebEngineLoadingInfo,
    QWebEngineNewWindowRequest,
    QWebEngineNotification,
    QWebEnginePage,
    QWebEnginePermission,
    QWebEngineProfile,
    QWebEngineRegisterProtocolHandlerRequest,
    QWebEngineScript,
    QWebEngineSettings,
    QWebEngineUrlRequestInfo,
    QWebEngineUrlRequestInterceptor,
    QWebEngineWebAuthUxRequest,
)
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import QWidget

from kiosk import theme
from kiosk.reader.bundled import BundledPages
from kiosk.reader.policy import BUNDLED_SCHEME, ReaderPolicy, Verdict
from kiosk.reader.startup import engine_may_start, register_scheme

log = logging.getLogger(__name__)

Attribute = QWebEngineSettings.WebAttribute
SETTINGS_OFF = (
    Attribute.LocalContentCanAccessFileUrls,  # a bundled page reads no file beyond what kiosk:// serves
    Attribute.LocalContentCanAccessRemoteUrls,  # ... and nothing from the web
    Attribute.PluginsEnabled,
    Attribute.PdfViewerEnabled,  # a PDF becomes a download, which is refused
    Attribute.JavascriptCanOpenWindows,
    Attribute.JavascriptCanAccessClipboard,
    Attribute.JavascriptCanPaste,
    Attribute.NavigateOnDropEnabled,
    Attribute.ScreenCaptureEnabled,
    Attribute.FullScreenSupportEnabled,
    Attribute.AllowWindowActivationFromJavaScript,
    Attribute.AllowRunningInsecureContent,
    Attribute.AllowGeolocationOnInsecureOrigins,
    Attribute.ErrorPageEnabled,  # the reader shows its own page, in the visitor's language, with a code
    Attribute.DnsPrefetchEnabled,  # no lookups of hosts the reader will never open
    Attribute.HyperlinkAuditingEnabled,  # no <a ping>
    Attribute.AutoLoadIconsForPage,
    Attribute.TouchIconsEnabled,
)
SETTINGS_ON = (
    Attribute.PlaybackRequiresUserGesture,  # no page starts making sound in the lobby by itself
    Attribute.WebRTCPublicInterfacesOnly,
)
# A visitor's own steps, as opposed to a page moving by itself (a redirect, a refresh, a script).
VISITOR_STEPS = frozenset(
    {
        QWebEnginePage.NavigationType.NavigationTypeLinkClicked,
        QWebEnginePage.NavigationType.NavigationTypeTyped,
        QWebEnginePage.NavigationType.NavigationTypeFormSubmitted,
        QWebEnginePage.NavigationType.NavigationTypeBackForward,
    }
)
# Chromium's net::ERR_ABORTED: a load the reader (or the visitor) stopped, or refused; not an error to show.
ERR_ABORTED = -3
# When a page first shows content, Chromium records its first contentful paint. A script in a world of its own
# (the page cannot see or stop it, and a bundled page's no-script policy does not bind it) says so on the console.
FIRST_PAINT_SCRIPT = "kiosk-first-paint"
FIRST_PAINT_MARK = "kiosk:first-contentful-paint"
_FIRST_PAINT_SOURCE = f"""
new PerformanceObserver((entries, observer) => {{
  if (entries.getEntriesByName("first-contentful-paint").length) {{
    console.info("{FIRST_PAINT_MARK}");
    observer.disconnect();
  }}
}}).observe({{type: "paint", buffered: true}});
"""
PAGE_REQUESTS = frozenset(
    {
        QWebEngineUrlRequestInfo.ResourceType.ResourceTypeMainFrame,
        QWebEngineUrlRequestInfo.ResourceType.ResourceTypeNavigationPreloadMainFrame,
    }
)


class RequestFilter(QWebEngineUrlRequestInterceptor):
    """Blocks every request to a host or scheme the policy does not allow: pages, frames, images, scripts, pings."""

    blocked = Signal(str)

    def __init__(self, policy: ReaderPolicy, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.policy = policy

    def interceptRequest(self, info: QWebEngineUrlRequestInfo) -> None:
        url = address(info.requestUrl())
        if not self.policy.may_fetch(url, top_level=info.resourceType() in PAGE_REQUESTS):
            info.block(True)
            log.debug("blocked a %s request to %s", info.resourceType().name, url)
            self.blocked.emit(url)


class ReaderProfile(QWebEngineProfile):
    """One visitor's profile: off the record (no storage name), so cookies, cache and storage live in memory only."""

    def __init__(self, policy: ReaderPolicy, pages: Path, parent: QObject | None = None) -> None:
        register_scheme()  # before the process's first profile starts QtWebEngine, or never
        super().__init__(parent)
        self.policy = policy
        self.pages = pages
        self.request_filter = RequestFilter(policy, self)
        self.setUrlRequestInterceptor(self.request_filter)
        # The content's pages first, then the kiosk's own (its style sheet, for content from elsewhere).
        folders = {"pages": [pages, theme.RESOURCES / "pages"], "fonts": [theme.FONT_DIR]}
        self.bundled = BundledPages(folders, self)
        self.installUrlSchemeHandler(BUNDLED_SCHEME.encode(), self.bundled)
        self.setHttpCacheType(QWebEngineProfile.HttpCacheType.MemoryHttpCache)
        self.setPersistentCookiesPolicy(QWebEngineProfile.PersistentCookiesPolicy.NoPersistentCookies)
        self.setPersistentPermissionsPolicy(QWebEngineProfile.PersistentPermissionsPolicy.AskEveryTime)
        self.setSpellCheckEnabled(False)
        self.setPushServiceEnabled(False)
        self.setNotificationPresenter(_drop_notification)
        settings = self.settings()
        for attribute in SETTINGS_OFF:
            settings.setAttribute(attribute, False)
        for attribute in SETTINGS_ON:
            settings.setAttribute(attribute, True)
        self.downloadRequested.connect(self._refuse_download)

    def _refuse_download(self, download: QWebEngineDownloadRequest) -> None:
        download.cancel()
        url = address(download.url())
        log.info("refused a download of %s", url)
        page = download.page()
        if isinstance(page, ReaderPage):
            page.refused.emit("download", url)


class ReaderPage(QWebEnginePage):
    """A page that goes only where the policy lets it, and never opens anything of its own."""

    refused = Signal(str, str)  # what was refused (a page, a window, a download, ...) and its address
    take_along = Signal(str)  # a tapped address to offer as a QR code instead: e-mail, phone, a page elsewhere
    visitor_navigated = Signal()  # the visitor's own step (a tap, Back), not a page moving by itself
    first_contentful_paint = Signal()

    def __init__(self, profile: ReaderProfile, parent: QObject | None = None) -> None:
        super().__init__(profile, parent)
        # On the page, not the profile: the renderer that replaces a crashed one gets the page's own scripts
        # again, but not the profile's.
        self.scripts().insert(_first_paint_script())
        self.reader_profile = profile
        self.policy = profile.policy
        self.newWindowRequested.connect(self._new_window)
        self.permissionRequested.connect(self._deny_permission)
        self.fullScreenRequested.connect(self._refuse_full_screen)
        self.printRequested.connect(lambda: self._refuse("printing", self.url()))
        self.printRequestedByFrame.connect(self._refuse_print_of_frame)
        self.fileSystemAccessRequested.connect(self._refuse_file_access)
        self.desktopMediaRequested.connect(self._refuse_screen_share)
        self.webAuthUxRequested.connect(self._refuse_web_authentication)
        self.registerProtocolHandlerRequested.connect(self._refuse_protocol_handler)
        self.selectClientCertificate.connect(self._select_no_certificate)
        self.certificateError.connect(self._refuse_certificate)
        self.authenticationRequired.connect(self._refuse_sign_in)
        self.proxyAuthenticationRequired.connect(lambda url, _auth, _host: self._refuse("a proxy sign-in", url))
        self.windowCloseRequested.connect(lambda: self._refuse("closing the window", self.url()))

    def acceptNavigationRequest(
        self, url: QUrl | str, kind: QWebEnginePage.NavigationType, is_main_frame: bool
    ) -> bool:
        target = address(QUrl(url))
        tapped = kind == QWebEnginePage.NavigationType.NavigationTypeLinkClicked
        verdict = self.policy.for_navigation(target, top_level=is_main_frame, tapped=tapped)
        if verdict is Verdict.READ:
            if is_main_frame and kind in VISITOR_STEPS:
                self.visitor_navigated.emit()
            return True
        if verdict is Verdict.TAKE_ALONG:
            log.info("offering %s as a code to take along instead of opening it", target)
            self.take_along.emit(target)
        else:
            self._refuse("a page" if is_main_frame else "a frame", target)
        return False

    def createWindow(self, kind: QWebEnginePage.WebWindowType) -> QWebEnginePage:
        # No window, ever: newWindowRequested follows, and reads an allowed page in place.
        return None  # type: ignore[return-value]  # the binding's stub forgets that Qt expects nullptr here

    def chooseFiles(
        self, mode: QWebEnginePage.FileSelectionMode, old_files: Sequence[str], accepted_types: Sequence[str]
    ) -> list[str]:
        self._refuse("a file picker", self.url())
        return []

    def javaScriptAlert(self, origin: QUrl | str, message: str) -> None:
        self._refuse("a message box", QUrl(origin))

    def javaScriptConfirm(self, origin: QUrl | str, message: str) -> bool:
        self._refuse("a question box", QUrl(origin))
        return False

    def javaScriptPrompt(self, origin: QUrl | str, message: str, default: str) -> tuple[bool, str]:
        self._refuse("a typing box", QUrl(origin))
        return False, ""

    def javaScriptConsoleMessage(
        self, level: QWebEnginePage.JavaScriptConsoleMessageLevel, message: str, line: int, source: str
    ) -> None:
        if message == FIRST_PAINT_MARK and source == f"userscript:{FIRST_PAINT_SCRIPT}":
            self.first_contentful_paint.emit()
            return
        # A page's own console is its developers' business, not the kiosk log's.
        log.debug("page console (%s) %s:%d: %s", level.name, source, line, message)

    def _refuse(self, what: str, url: QUrl | str) -> None:
        target = url if isinstance(url, str) else address(url)
        log.info("refused %s: %s", what, target)
        self.refused.emit(what, target)

    def _new_window(self, request: QWebEngineNewWindowRequest) -> None:
        target = address(request.requestedUrl())
        verdict = self.policy.for_navigation(target, top_level=True, tapped=request.isUserInitiated())
        if verdict is Verdict.READ and request.isUserInitiated():
            log.info("reading %s here instead of in a new window", target)
            self.load(request.requestedUrl())
        elif verdict is Verdict.TAKE_ALONG:
            self.take_along.emit(target)
        else:
            self._refuse("a new window", target)

    def _deny_permission(self, permission: QWebEnginePermission) -> None:
        permission.deny()
        self._refuse(f"the permission {permission.permissionType().name}", permission.origin())

    def _refuse_full_screen(self, request: QWebEngineFullScreenRequest) -> None:
        request.reject()
        self._refuse("full screen", request.origin())

    def _refuse_print_of_frame(self, frame: QWebEngineFrame) -> None:
        self._refuse("printing", frame.url())

    def _refuse_file_access(self, request: QWebEngineFileSystemAccessRequest) -> None:
        request.reject()
        self._refuse("file access", request.origin())

    def _refuse_screen_share(self, request: QWebEngineDesktopMediaRequest) -> None:
        request.cancel()
        self._refuse("sharing the screen", self.url())

    def _refuse_web_authentication(self, request: QWebEngineWebAuthUxRequest) -> None:
        request.cancel()
        self._refuse("a security key sign-in", self.url())

    def _refuse_protocol_handler(self, request: QWebEngineRegisterProtocolHandlerRequest) -> None:
        request.reject()
        self._refuse(f"handling {request.scheme()}: links", request.origin())

    def _select_no_certificate(self, selection: QWebEngineClientCertificateSelection) -> None:
        selection.selectNone()
        self._refuse("a client certificate", selection.host())

    def _refuse_certificate(self, error: QWebEngineCertificateError) -> None:
        error.rejectCertificate()
        self._refuse(f"an untrusted certificate ({error.type().name})", error.url())

    def _refuse_sign_in(self, url: QUrl, authenticator: QAuthenticator) -> None:
        # An authenticator left without a user name cancels the sign-in; the page then fails as unauthorised.
        self._refuse("a sign-in", url)


class ReaderView(QWebEngineView):
    """The page being read: no context menu, no drops, no dialog of the view's own.

    It reports in plain terms what the screen shows: a load starting, ending or failing (with the address),
    the first paint of a new page, and its renderer ending.
    """

    load_started = Signal(str)
    load_succeeded = Signal(str)
    load_stopped = Signal(str)  # stopped, refused, or turned into a refused download: nothing to tell the visitor
    load_failed = Signal(str, str)  # the address, and why, for the log
    first_paint = Signal()  # a new page's first content is on screen (Chromium's first contentful paint)
    renderer_ended = Signal(str)  # how it ended: crashed, killed, ...
    dialog_refused = Signal(str)

    def __init__(self, profile: ReaderProfile, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._render_widgets = _RenderWidgetWatch(self)
        self.setPage(ReaderPage(profile, self))
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.setAcceptDrops(False)
        page = self.page()
        page.first_contentful_paint.connect(self.first_paint)
        page.loadingChanged.connect(self._loading_changed)
        page.renderProcessTerminated.connect(self._renderer_terminated)

    def page(self) -> ReaderPage:
        page = super().page()
        assert isinstance(page, ReaderPage)
        return page

    def address(self) -> str:
        """The address of the page on show."""
        return address(self.url())

    def _loading_changed(self, info: QWebEngineLoadingInfo) -> None:
        status, url = info.status(), address(info.url())
        if status == QWebEngineLoadingInfo.LoadStatus.LoadStartedStatus:
            self.load_started.emit(url)
        elif status == QWebEngineLoadingInfo.LoadStatus.LoadSucceededStatus:
            self.load_succeeded.emit(url)
        elif status == QWebEngineLoadingInfo.LoadStatus.LoadFailedStatus and info.errorCode() != ERR_ABORTED:
            self.load_failed.emit(url, f"{info.errorString()} ({info.errorDomain().name} {info.errorCode()})")
        else:
            self.load_stopped.emit(url)

    def _renderer_terminated(self, status: QWebEnginePage.RenderProcessTerminationStatus, exit_code: int) -> None:
        if status != QWebEnginePage.RenderProcessTerminationStatus.NormalTerminationStatus:
            self.renderer_ended.emit(f"{status.name}, exit code {exit_code}")

    def childEvent(self, event: QChildEvent) -> None:
        # Chromium draws into child widgets made as it goes (one per renderer), and the view makes a child
        # window for an <input type=color>: each child is watched from the moment it is added.
        if event.type() == QEvent.Type.ChildAdded and event.child().isWidgetType():
            event.child().installEventFilter(self._render_widgets)
        super().childEvent(event)


class _RenderWidgetWatch(QObject):
    """Closes any dialog the view opens before it is painted, and drops tips.

    A page's title="..." becomes the view's tooltip, asked for by the child under the pointer: the kiosk shows
    no tips. A filter here is safe where one on the application is not (kiosk/input_tap.py): it sees only the
    view's own children.
    """

    def __init__(self, view: ReaderView) -> None:
        super().__init__(view)
        self._view = view

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Show and watched.inherits("QDialog"):
            # QWebEngineView's own colour picker; the binding may still know it as a plain QWidget here.
            QMetaObject.invokeMethod(watched, "reject")
            log.info("refused a %s from %s", watched.metaObject().className(), address(self._view.url()))
            self._view.dialog_refused.emit(watched.metaObject().className())
            return True
        return kind == QEvent.Type.ToolTip


class ReaderEngine(QObject):
    """Starts QtWebEngine once (after the first frame) and gives every visitor a profile of their own.

    A view and its page are made when a page is opened and destroyed when the visitor leaves it; the
    profile goes with them, and the next visitor's is made a moment later, while nobody is waiting.
    """

    RENEW_DELAY_MS = 500
    _started = False  # QtWebEngine starts once per process, with the first profile
    # Whether it may start at all: Chromium's sandbox decides for the whole process, so the first engine asks (and
    # logs the answer) for every reader screen built after it, e.g. with each new content version.
    _may_start: bool | None = None

    def __init__(self, policy: ReaderPolicy, pages: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.policy = policy
        self.pages = pages
        self._spare: ReaderProfile | None = None
        # One timer, started again for each visitor: PySide 6.11 keeps ~170 bytes for good for every
        # QTimer.singleShot() with a delay, a context object and a method.
        self._renew = QTimer(self)
        self._renew.setSingleShot(True)
        self._renew.setInterval(self.RENEW_DELAY_MS)
        self._renew.timeout.connect(self.warm_up)

    @property
    def available(self) -> bool:
        """Whether pages can be read at all; asked once per process, since Chromium's sandbox decides for it."""
        if ReaderEngine._may_start is None:
            app = QCoreApplication.instance()
            arguments = app.arguments() if app is not None else []
            ReaderEngine._may_start = engine_may_start(arguments, os.environ, os.geteuid())
        return ReaderEngine._may_start

    def warm_up(self) -> None:
        """Start Chromium and make the next visitor's profile now, so the first tap does not wait for it."""
        if self.available and self._spare is None:
            started = time.perf_counter()
            self._spare = ReaderProfile(self.policy, self.pages, self)
            if not ReaderEngine._started:
                ReaderEngine._started = True
                log.info("the reader is ready: QtWebEngine started in %.0f ms", (time.perf_counter() - started) * 1000)

    def new_view(self, parent: QWidget) -> ReaderView | None:
        """A view with a page on a fresh profile, or None when the reader cannot start."""
        if not self.available:
            return None
        self.warm_up()
        profile, self._spare = self._spare, None
        assert profile is not None
        return ReaderView(profile, parent)

    def discard(self, view: ReaderView) -> None:
        """Destroy the view, its page and its profile, now and in that order; soon, make the next visitor's profile.

        At once rather than deleteLater(): a profile must never outlive its pages, and at shutdown no event loop
        is left to run deferred deletions. Called from a tap, a reset or a timer, never from the page's own signals.
        """
        profile = view.page().profile()
        view.hide()
        shiboken6.delete(view)  # the page is the view's child, so it goes with it
        shiboken6.delete(profile)
        self._renew.start()


def address(url: QUrl) -> str:
    """A URL as ASCII text, percent-encoded as it goes over the wire, for the policy and the log."""
    return bytes(url.toEncoded().data()).decode("ascii")


def _first_paint_script() -> QWebEngineScript:
    script = QWebEngineScript()
    script.setName(FIRST_PAINT_SCRIPT)
    script.setSourceCode(_FIRST_PAINT_SOURCE)
    script.setInjectionPoint(QWebEngineScript.InjectionPoint.DocumentCreation)
    script.setWorldId(QWebEngineScript.ScriptWorldId.ApplicationWorld)
    script.setRunsOnSubFrames(False)
    return script


def _drop_notification(notification: QWebEngineNotification) -> None:
    # Never reached while every permission is denied; if it were, nothing would be shown.
    log.info("refused a notification from %s", address(notification.origin()))
    notification.close()
