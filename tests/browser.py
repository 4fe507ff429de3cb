"""Debian's Chromium for the browser tests (Playwright's own browsers are not installed)."""

import shutil

import pytest


def chromium_path() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if not found:
        pytest.fail(
            "Browser tests need Chromium on the PATH (Debian: apt-get install chromium); "
            "Playwright's own browsers are not used."
        )
    return found
