"""A staff member finds an unattributed figure on a source's admin page and makes a claim of
it, in headless Chromium."""

import re
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from claims.models import ClaimStatus, UnattributedFigure
from tests.browser import headless_chromium
from tests.factories import BenchmarkFactory, ModelReleaseFactory, UnattributedFigureFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct horse battery staple"  # the factories' password


@pytest.fixture
def figure(staff):
    ModelReleaseFactory(name="Vela-7B-Instruct", slug="vela-7b-instruct")
    ModelReleaseFactory(name="Norn-12B", slug="norn-12b")
    BenchmarkFactory(name="GPQA Diamond", slug="gpqa-diamond")
    return UnattributedFigureFactory(source__title="Vela-7B is out")


@contextmanager
def browser_page() -> Iterator[Page]:
    """A page of a fresh headless Chromium. Playwright's sync API runs an event loop in this
    thread and Django refuses database queries inside one: query before or after, not in."""
    with headless_chromium() as browser:
        yield browser.new_page()


def log_in(page: Page, base: str) -> None:
    page.goto(base + reverse("admin:login"))
    page.get_by_label("Username").fill("moderator")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(re.compile(r"/admin/$"))


def choose(page: Page, field: str, typed: str, option: str) -> None:
    """Pick a catalogue entry in the admin's autocomplete for `field`."""
    page.locator(f"#id_{field} + .select2").click()
    page.locator(".select2-search__field").fill(typed)
    page.locator(".select2-results__option", has_text=option).click()


def test_staff_see_an_unattributed_figure_on_the_source_and_promote_it(live_server, figure) -> None:
    base = live_server.url
    source_page = base + reverse("admin:claims_source_change", args=[figure.source_id])
    errors: list[str] = []
    with browser_page() as page:
        page.on("pageerror", lambda error: errors.append(str(error)))
        log_in(page, base)

        page.goto(source_page)
        figures = page.locator("#unattributed_figures-group")
        expect(figures).to_contain_text(figure.quote)
        expect(figures).to_contain_text("No benchmark named")
        figures.get_by_role("link", name="Make a claim…").click()

        page.wait_for_url(re.compile(r"/promote/$"))
        choose(page, "model", "Vela", "Vela-7B-Instruct")
        choose(page, "benchmark", "GPQA", "GPQA Diamond")
        page.get_by_role("button", name="Make the claim").click()

        page.wait_for_url(source_page)
        expect(page.locator(".messagelist")).to_contain_text("(pending)")
        expect(page.locator("#unattributed_figures-group")).to_contain_text("claim #")
    assert errors == []

    claim = UnattributedFigure.objects.get(pk=figure.pk).claim
    assert claim is not None
    assert (claim.model.slug, claim.benchmark.slug) == ("vela-7b-instruct", "gpqa-diamond")
    assert claim.status == ClaimStatus.PENDING and claim.submitted_by.username == "moderator"
    assert (claim.quote, claim.start, claim.end) == (figure.quote, figure.start, figure.end)
