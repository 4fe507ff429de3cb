"""The site in headless Chromium on a phone and in dark mode, and the reader's tools: compare,
charts and downloads."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import Browser, Page

from tests.web.test_browser import Trouble, shoot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def page_urls(w) -> dict[str, str]:
    return {
        "home": reverse("leaderboard:home"),
        "leaderboard": reverse("leaderboard:overall"),
        "benchmark": w["benchmark"].get_absolute_url(),
        "model": w["model"].get_absolute_url(),
        "organization": w["organization"].get_absolute_url(),
        "claim": w["score"].get_absolute_url(),
        "source": w["source"].get_absolute_url(),
        "run": w["run"].get_absolute_url(),
        "compare": reverse("leaderboard:compare", kwargs={"slugs": "rocket-70b/comet-8b"}),
        "search": reverse("leaderboard:search") + "?q=rocket",
        "models": reverse("leaderboard:models"),
        "methodology": reverse("pages:methodology"),
    }


def assert_verdicts_in_view(page: Page, name: str) -> None:
    badges = page.locator("table .badge")
    for index in range(badges.count()):
        box = badges.nth(index).bounding_box()
        assert box is not None, f"{name}: verdict {index} not rendered"
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], (
            f"{name}: verdict {index} outside the screen at x={box['x']:.0f}"
        )


def test_at_390_px_no_page_scrolls_sideways_and_every_verdict_is_in_view(browser: Browser, walk):
    context = browser.new_context(viewport=PHONE, device_scale_factor=1)
    page = context.new_page()
    trouble = Trouble(page)
    checked_tables = 0
    for name, url in page_urls(walk).items():
        page.goto(walk["url"] + url)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], f"{name} is {width} px wide"
        if page.locator("table .badge").count():
            checked_tables += 1
            assert_verdicts_in_view(page, name)
        shoot(page, f"phone-{name}")
    assert checked_tables == 4, "leaderboard, benchmark, model and compare: tables of verdicts"
    assert trouble.found == []
    context.close()


def test_dark_mode_follows_the_readers_system_setting(browser: Browser, walk):
    for scheme, dark in (("dark", True), ("light", False)):
        context = browser.new_context(color_scheme=scheme)
        page = context.new_page()
        trouble = Trouble(page)
        page.goto(walk["url"] + walk["model"].get_absolute_url())
        background = page.evaluate("getComputedStyle(document.body).backgroundColor")
        red, green, blue = (int(n) for n in re.findall(r"\d+", background)[:3])
        assert (red + green + blue < 150) is dark, background
        shoot(page, f"model-{scheme}")
        assert trouble.found == [], "the content security policy refused nothing"
        context.close()


def test_compare_is_picked_with_the_form_alone_and_lands_on_its_permalink(browser: Browser, walk):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    trouble = Trouble(page)
    page.goto(walk["url"] + reverse("leaderboard:compare-pick"))
    page.get_by_label("Model 1", exact=True).select_option("rocket-70b")
    page.get_by_label("Model 2", exact=True).select_option("comet-8b")
    page.get_by_role("button", name="Compare").click()
    page.wait_for_url(re.compile(r"/compare/rocket-70b/comet-8b/$"))
    table = page.locator("table.compare")
    assert "72.2" in table.inner_text() and "60.0" in table.inner_text()
    assert table.locator(".badge--consistent").count() == 1
    shoot(page, "compare")
    assert trouble.found == []
    context.close()


def test_charts_draw_with_their_text_alternatives(browser: Browser, walk):
    page = browser.new_page()
    page.goto(walk["url"] + walk["model"].get_absolute_url())
    timeline = page.locator("figure.chart--timeline")
    assert timeline.locator("svg circle").count() == 1
    assert "1 claim about 1 benchmark" in timeline.locator("figcaption").inner_text()
    shoot(page, "model-charts")
    page.goto(walk["url"] + walk["benchmark"].get_absolute_url())
    scatter = page.locator("figure.chart--scatter")
    assert scatter.locator("svg circle").count() >= 1
    assert scatter.locator(".chart__diagonal").count() == 1


def test_a_list_downloads_what_it_shows(browser: Browser, walk, tmp_path):
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    page.goto(walk["url"] + walk["benchmark"].get_absolute_url() + "?organization=acme")
    with page.expect_download() as found:
        page.locator("p.downloads").get_by_role("link", name="CSV").click()
    path = tmp_path / "verdicts.csv"
    found.value.save_as(path)
    text = path.read_text()
    assert text.splitlines()[0].startswith("claim,")
    assert len(text.splitlines()) == 2  # the header and Rocket-70B's one score claim
    context.close()
