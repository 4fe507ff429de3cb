"""What a hostile source cannot do to our pages, and what the site refuses to strangers."""

import xml.etree.ElementTree as ET

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import (
    ClaimFactory,
    SnapshotFactory,
    SourceFactory,
    UserFactory,
)
from tests.web.markup import event_handler_attributes, inline_scripts, parse

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert(1)</script>"
ATTRIBUTE = '" onmouseover="alert(2)'
QUOTE = f"Rocket-70B scores 72.2 on MMLU {SCRIPT} and {ATTRIBUTE} wins"
DOCUMENT = f"Preamble {SCRIPT}. {QUOTE}. Closing words."
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def hostile(world):
    """A published source whose text, title and publisher try to inject markup, about a
    measured model (so its claim shows among the verdicts too)."""
    start = DOCUMENT.index(QUOTE)
    source = SourceFactory(
        title=f"Title {SCRIPT}",
        publisher=f"Publisher {ATTRIBUTE}",
        snapshot=SnapshotFactory(text=DOCUMENT),
    )
    claim = ClaimFactory(
        source=source,
        model=world["model"],
        benchmark=world["benchmark"],
        value=72.2,
        quote=QUOTE,
        start=start,
        end=start + len(QUOTE),
    )
    return {**world, "hostile_claim": claim, "hostile_source": source}


def public_urls(w) -> dict[str, str]:
    return {
        "home": reverse("leaderboard:home"),
        "overall": reverse("leaderboard:overall"),
        "benchmark": w["benchmark"].get_absolute_url(),
        "model": w["model"].get_absolute_url(),
        "organization": w["organization"].get_absolute_url(),
        "claim": w["hostile_claim"].get_absolute_url(),
        "source": w["hostile_source"].get_absolute_url(),
        "run": w["run"].get_absolute_url(),
        "search": reverse("leaderboard:search") + "?q=rocket",
        "methodology": reverse("pages:methodology"),
        "about": reverse("pages:about"),
    }


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response


@pytest.mark.parametrize("name", ["claim", "source", "model", "home"])
def test_hostile_quote_is_shown_as_text_not_markup(client, hostile, name):
    html = page(client, public_urls(hostile)[name]).content.decode()
    document = parse(html)
    assert SCRIPT in document.text
    assert inline_scripts(document) == []
    assert event_handler_attributes(document) == []
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


@pytest.mark.parametrize("name", ["claim", "source"])
def test_hostile_quote_is_shown_whole_on_claim_and_source_pages(client, hostile, name):
    document = parse(page(client, public_urls(hostile)[name]).content.decode())
    assert QUOTE in document.text


def test_hostile_source_title_and_publisher_are_text(client, hostile):
    document = parse(page(client, public_urls(hostile)["source"]).content.decode())
    assert f"Title {SCRIPT}" in document.text
    assert f"Publisher {ATTRIBUTE}" in document.text


def test_json_ld_cannot_be_closed_by_a_quote(client, hostile):
    html = page(client, public_urls(hostile)["claim"]).content.decode()
    (block,) = [s for s in parse(html).find("script") if s.attrs.get("type")]
    assert "</script>" not in block.text
    assert "\\u003Cscript\\u003E" in block.text


def _entries(xml: bytes) -> list[ET.Element]:
    return ET.fromstring(xml).findall(f"{ATOM}entry")


@pytest.mark.parametrize("feed", ["feeds:claims", "feeds:verdicts"])
def test_feeds_carry_hostile_text_escaped_for_html_readers(client, hostile, feed):
    entries = _entries(page(client, reverse(feed)).content)
    summaries = [
        e.find(f"{ATOM}summary") for e in entries if "alert(1)" in ET.tostring(e, "unicode")
    ]
    assert summaries
    for summary in summaries:
        assert summary is not None and summary.get("type") == "html"
        # A feed reader renders this as HTML: it must show the quote, not run it.
        rendered = parse(summary.text or "")
        assert inline_scripts(rendered) == []
        assert event_handler_attributes(rendered) == []
        assert "alert(1)" in rendered.text


def test_every_page_sends_a_policy_without_inline_script(client, hostile):
    for name, url in public_urls(hostile).items():
        policy = page(client, url)["Content-Security-Policy"]
        directives = dict(
            (part.split()[0], part.split()[1:]) for part in policy.split(";") if part.strip()
        )
        sources = directives.get("script-src", directives.get("default-src"))
        assert sources is not None, name
        assert "'unsafe-inline'" not in sources, name
        assert "'unsafe-eval'" not in sources, name
        assert "'unsafe-inline'" not in directives.get("style-src", []), name


def test_no_page_has_inline_script_style_or_event_handlers(client, hostile):
    for name, url in public_urls(hostile).items():
        document = parse(page(client, url).content.decode())
        assert inline_scripts(document) == [], name
        assert event_handler_attributes(document) == [], name
        assert document.find("style") == [], name
        assert [e.tag for e in document.elements if "style" in e.attrs] == [], name


def test_htmx_fragments_have_no_event_handlers(client, hostile):
    url = public_urls(hostile)["benchmark"] + "?verdict=consistent"
    document = parse(client.get(url, headers={"HX-Request": "true"}).content.decode())
    assert document.elements
    assert event_handler_attributes(document) == []
    assert inline_scripts(document) == []


def test_public_forms_either_read_or_carry_a_csrf_token(client, hostile):
    for name, url in public_urls(hostile).items():
        for form in parse(page(client, url).content.decode()).find("form"):
            method = (form.attrs.get("method") or "get").lower()
            assert method == "get", f"{name}: a public form that writes"


def test_signed_in_pages_give_htmx_the_csrf_token(client, staff, hostile):
    client.force_login(staff)
    client.get(reverse("leaderboard:home"))
    response = page(client, reverse("leaderboard:home"))
    (body,) = parse(response.content.decode()).find("body")
    assert "X-CSRFToken" in (body.attrs.get("hx-headers") or "")


def test_anonymous_pages_carry_no_csrf_token(client, hostile):
    for url in public_urls(hostile).values():
        html = page(client, url).content.decode()
        assert "csrfmiddlewaretoken" not in html
        assert "X-CSRFToken" not in html


def test_admin_login_refuses_a_post_without_csrf_token(staff):
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        reverse("admin:login"),
        {"username": "moderator", "password": "correct horse battery staple"},
    )
    assert response.status_code == 403


def test_admin_login_form_carries_a_csrf_token(client, db):
    html = page(client, reverse("admin:login")).content.decode()
    inputs = parse(html).find("input")
    assert any(
        i.attrs.get("name") == "csrfmiddlewaretoken" and i.attrs.get("value") for i in inputs
    )


@pytest.mark.parametrize(
    "url",
    [
        "/admin/",
        "/admin/claims/claim/",
        "/admin/claims/source/",
        "/admin/evaluator/evaluationrun/",
        "/admin/leaderboard/modelrelease/",
    ],
)
def test_staff_pages_send_anonymous_readers_to_log_in(client, db, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login") + "?next=")


def test_staff_pages_send_signed_in_non_staff_to_log_in(client, db):
    client.force_login(UserFactory())
    response = client.get("/admin/claims/claim/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
