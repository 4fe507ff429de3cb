"""A moderator works through a source on the moderation desk in headless Chromium, with the
keyboard: the claims and the unattributed figure are marked in the document, one claim is
published with `p`, the next rejected with `r` and a reason."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from claims.models import ClaimAction, ClaimStatus
from tests.claims.test_admin_browser import browser_page, log_in
from tests.factories import ClaimFactory, SnapshotFactory, SourceFactory, UnattributedFigureFactory
from tests.web.test_browser import Trouble, shoot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TEXT = (
    "Vela-7B is out today.\n\nVela-7B scores 61.2 on GPQA (0-shot). The new model also reaches "
    "48.0 overall. On MMLU Vela-7B scores 70.1 (5-shot), ahead of every 7B model we tried."
)
REASON = "The table gives 70.1 for the base model, not this one."


def span(fragment: str) -> dict:
    start = TEXT.index(fragment)
    return {"quote": fragment, "start": start, "end": start + len(fragment)}


@pytest.fixture
def desk(staff):
    source = SourceFactory(title="Vela-7B is out", snapshot=SnapshotFactory(text=TEXT))
    first = ClaimFactory(
        source=source, status=ClaimStatus.PENDING, value=61.2, **span("Vela-7B scores 61.2")
    )
    second = ClaimFactory(
        source=source, status=ClaimStatus.PENDING, value=70.1, **span("Vela-7B scores 70.1")
    )
    figure = UnattributedFigureFactory(
        source=source,
        snapshot=source.snapshot,
        value_text="48.0",
        start=TEXT.index("reaches"),
        end=TEXT.index("48.0") + 4,
    )
    return {"source": source, "first": first, "second": second, "figure": figure}


def mark(page: Page, card: str):
    return page.locator(f'#desk-text mark[data-card="{card}"]')


def test_a_moderator_publishes_and_rejects_with_the_keyboard(live_server, desk) -> None:
    first, second, figure = desk["first"], desk["second"], desk["figure"]
    url = live_server.url + reverse("desk:source", args=[desk["source"].pk])
    with browser_page() as page:
        trouble = Trouble(page)
        log_in(page, live_server.url)
        page.set_viewport_size({"width": 1400, "height": 900})
        page.goto(url)

        expect(mark(page, f"claim-{first.pk}")).to_have_text("Vela-7B scores 61.2")
        expect(mark(page, f"claim-{first.pk}")).to_have_class(re.compile("desk-mark--pending"))
        expect(mark(page, f"figure-{figure.pk}")).to_have_text("reaches 48.0")
        # The first pending claim is the current one, in the list and in the document.
        expect(page.locator(f"#claim-{first.pk}")).to_have_class(re.compile("is-current"))
        expect(mark(page, f"claim-{first.pk}")).to_have_class(re.compile("is-current"))
        shoot(page, "desk-source")

        with page.expect_navigation():
            page.keyboard.press("p")
        expect(page.locator(".messagelist")).to_contain_text("1 claim published.")
        expect(page.locator(f"#claim-{first.pk}")).to_have_attribute("data-status", "published")

        page.keyboard.press("j")
        expect(page.locator(f"#claim-{second.pk}")).to_have_class(re.compile("is-current"))
        page.once("dialog", lambda dialog: dialog.accept(REASON))
        with page.expect_navigation():
            page.keyboard.press("r")
        expect(page.locator(".messagelist")).to_contain_text("1 claim rejected.")
        expect(page.locator(f"#claim-{second.pk}")).to_contain_text(REASON)
        expect(mark(page, f"claim-{second.pk}")).to_have_class(re.compile("desk-mark--rejected"))
        shoot(page, "desk-after-decisions")
    assert trouble.found == []

    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == ClaimStatus.PUBLISHED
    assert (second.status, second.status_reason) == (ClaimStatus.REJECTED, REASON)
    assert second.events.get(action=ClaimAction.REJECTED).actor.username == "moderator"


def test_the_desk_does_not_scroll_sideways_at_390_px(live_server, desk) -> None:
    url = live_server.url + reverse("desk:source", args=[desk["source"].pk])
    with browser_page() as page:
        trouble = Trouble(page)
        log_in(page, live_server.url)
        page.set_viewport_size({"width": 390, "height": 844})
        page.goto(url)
        expect(mark(page, f"claim-{desk['first'].pk}")).to_be_visible()
        width = page.evaluate("document.documentElement.scrollWidth")
        shoot(page, "desk-390px")
    assert trouble.found == []
    assert width <= 390


def test_from_the_admin_home_to_a_preview_published_from_the_claim_page(live_server, desk) -> None:
    first = desk["first"]
    with browser_page() as page:
        trouble = Trouble(page)
        log_in(page, live_server.url)
        expect(page.locator(".desk-home")).to_contain_text("2 claims from 1 source")
        shoot(page, "admin-home-waiting")
        page.get_by_role("link", name="Review sources").click()
        page.get_by_role("link", name="Vela-7B is out").click()

        expect(page.locator(f"#claim-{first.pk}")).to_have_class(re.compile("is-current"))
        with page.expect_navigation():
            page.keyboard.press("v")
        expect(page.locator(".staff-bar")).to_contain_text("the public cannot open this page")
        expect(page.locator("h1")).to_contain_text("scores 61.2")
        shoot(page, "claim-preview")

        page.locator(".staff-bar").get_by_role("button", name="Publish").click()
        expect(page.locator(".staff-bar")).to_contain_text("1 claim published.")
        expect(page.locator(".staff-bar")).to_contain_text("its public page")
    assert trouble.found == []
    first.refresh_from_db()
    assert first.status == ClaimStatus.PUBLISHED
