"""A reader's walk through the site in headless Chromium: every page loads cleanly, the
leaderboard filters in place with htmx, and the same filters work without JavaScript."""

import re
from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import (
    ConsoleMessage,
    Page,
    Request,
    Response,
    expect,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ESSENTIAL = ("document", "script", "stylesheet", "xhr", "fetch")
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"


class Trouble:
    """Console errors, uncaught exceptions, failed requests and error responses of a page."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.found: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.found.append(f"uncaught: {error}"))
        page.on("requestfailed", self._failed)
        page.on("response", self._response)

    def _console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.found.append(f"console on {self.page.url}: {message.text} {message.location}")

    def _failed(self, request: Request) -> None:
        # Leaving a page cancels what it was still fetching for decoration (the favicon);
        # a cancelled script, style sheet, document or htmx request still counts.
        if request.failure == "net::ERR_ABORTED" and request.resource_type not in ESSENTIAL:
            return
        self.found.append(f"failed: {request.url} {request.failure}")

    def _response(self, response: Response) -> None:
        if response.status >= 400:
            self.found.append(f"HTTP {response.status}: {response.url}")


def shoot(page: Page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def results(page: Page) -> str:
    return page.locator("#leaderboard-results").inner_text()


def test_reader_walks_from_home_to_a_run_without_errors(browser, walk):
    page = browser.new_page()
    trouble = Trouble(page)
    base = walk["url"]

    page.goto(base + reverse("leaderboard:home"))
    shoot(page, "home")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Leaderboard").click()
    page.wait_for_url(re.compile(r"/leaderboard/$"))
    page.get_by_role("link", name="MMLU", exact=True).first.click()
    page.wait_for_url(re.compile(r"/benchmarks/mmlu/$"))
    assert "Stranger-3B" in results(page)
    shoot(page, "leaderboard")

    # htmx: the results are swapped in place (the page's own state survives), the URL says
    # what is shown, and the back button goes back to the unfiltered board.
    page.evaluate("window.sameDocument = true")
    with page.expect_response(lambda r: "organization=acme" in r.url):
        page.get_by_label("Organization", exact=True).select_option("acme")
    page.wait_for_url(re.compile(r"organization=acme"))
    expect(page.locator("#leaderboard-results")).not_to_contain_text("Stranger-3B")
    assert "Rocket-70B" in results(page)
    assert page.evaluate("window.sameDocument") is True
    shoot(page, "leaderboard-filtered")
    page.go_back()
    page.wait_for_url(re.compile(r"/benchmarks/mmlu/$"))
    expect(page.locator("#leaderboard-results")).to_contain_text("Stranger-3B")
    assert "Rocket-70B" in results(page)

    page.locator("#leaderboard-results").get_by_role("link", name="Rocket-70B", exact=True).click()
    page.wait_for_url(re.compile(r"/models/rocket-70b/$"))
    assert page.locator("svg[role=img]").count() == 2  # gaps and the claims timeline
    shoot(page, "model")

    page.locator(f"a[href='{walk['score'].get_absolute_url()}']").first.click()
    page.wait_for_url(re.compile(r"/claims/\d+/$"))
    assert "consistent" in page.locator("#verdict").inner_text()
    shoot(page, "claim")

    page.get_by_role("link", name="our snapshot").click()
    page.wait_for_url(re.compile(r"/sources/\d+/"))
    assert page.locator("mark").count() == 3
    shoot(page, "source")

    page.go_back()
    page.get_by_role("link", name="See the run that measured it").click()
    page.wait_for_url(re.compile(r"/runs/\d+/$"))
    assert "lm_eval --model hf --tasks mmlu" in page.content()
    shoot(page, "run")

    assert trouble.found == []


def test_filters_work_without_javascript(browser, walk):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    trouble = Trouble(page)
    page.goto(walk["url"] + walk["benchmark"].get_absolute_url())
    assert "Stranger-3B" in results(page)
    page.get_by_label("Organization", exact=True).select_option("acme")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url(re.compile(r"organization=acme"))
    assert "Stranger-3B" not in results(page)
    assert "Rocket-70B" in results(page)
    shoot(page, "leaderboard-no-javascript")
    assert trouble.found == []
    context.close()
