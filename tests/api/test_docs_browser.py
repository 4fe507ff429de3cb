"""The interactive API docs in a real browser, under the site's content security policy."""

import pytest

from tests.browser import headless_chromium

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def page():
    with headless_chromium() as browser:
        yield browser.new_page()


def test_docs_render_every_endpoint_with_no_console_error(live_server, page):
    errors: list[str] = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    response = page.goto(f"{live_server.url}/api/docs/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    page.wait_for_selector(".opblock", timeout=15_000)
    assert page.locator(".opblock-summary-path", has_text="/api/v1/claims/").count() >= 1
    assert errors == []
