"""Copying to the clipboard and then quitting must not crash the process on the way out.

Qt owns clipboard data; on the offscreen platform it used to be destroyed during interpreter
teardown and the process died with a segmentation fault (which also failed `make test` after
every test had passed).
"""

from __future__ import annotations

import os
import subprocess
import sys

HARNESS = """
import sys
from PySide6.QtWidgets import QApplication
from pathmapper.ui.menu_edits import FRAGMENT_MIME_TYPE, put_fragment_on_clipboard
application = QApplication(sys.argv)
put_fragment_on_clipboard('{"format": "pathmapper-fragment"}')
data = QApplication.clipboard().mimeData()
assert data.hasFormat(FRAGMENT_MIME_TYPE)
print("copied")
"""


def test_a_process_that_copied_a_fragment_exits_cleanly() -> None:
    environment = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, "-c", HARNESS],
        capture_output=True,
        text=True,
        timeout=60,
        env=environment,
        check=False,
    )
    assert result.stdout.strip() == "copied"
    assert result.returncode == 0, result.stderr
