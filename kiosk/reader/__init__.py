"""The reader: city pages read inside the kiosk, locked down so that no page can turn it into a browser.

`policy` decides what may be shown (no Qt); `startup` does what QtWebEngine needs before the QApplication
exists; `bundled` serves the pages that ship with the kiosk; `engine` holds the QtWebEngine pieces that
enforce the policy. Only `policy` and `startup` are imported on the way to the first frame.
"""
