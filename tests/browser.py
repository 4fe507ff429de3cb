"""Debian's Chromium for the browser tests (Playwright's own browsers are not installed)."""

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from playwright.sync_api import Browser, sync_playwright


def chromium_path() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if not found:
        pytest.fail(
            "Browser tests need Chromium on the PATH (Debian: apt-get install chromium); "
            "Playwright's own browsers are not used."
        )
    return found


@contextmanager
def headless_chromium() -> Iterator[Browser]:
    """A fresh headless Chromium. Playwright's sync API runs an event loop in this thread and
    Django refuses database queries inside one: write the test's data before starting it."""
    # Chromium's sandbox cannot start as root (containers, CI runners).
    args = ["--no-sandbox"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_path(), headless=True, args=args
        )
        try:
            yield browser
        finally:
            browser.close()
