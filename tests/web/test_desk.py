"""The moderation desk: one source's document with its claims and unattributed figures marked,
each claim corrected and decided on there, through the claim services, by moderators only."""

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from claims.models import Claim, ClaimAction, ClaimStatus
from tests.factories import (
    BenchmarkFactory,
    ClaimFactory,
    ModelReleaseFactory,
    SnapshotFactory,
    SourceFactory,
    UnattributedFigureFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

TEXT = (
    "Vela-7B is new. Vela-7B scores 61.2 on GPQA (0-shot). It also reaches 48.0 overall. "
    "On MMLU it scores 70.1 (5-shot)."
)


def span(fragment: str) -> dict:
    start = TEXT.index(fragment)
    return {"quote": fragment, "start": start, "end": start + len(fragment)}


@pytest.fixture
def source():
    return SourceFactory(title="Vela-7B is out", snapshot=SnapshotFactory(text=TEXT))


@pytest.fixture
def pending(source):
    return ClaimFactory(
        source=source, status=ClaimStatus.PENDING, value=61.2, **span("Vela-7B scores 61.2")
    )


@pytest.fixture
def published(source):
    return ClaimFactory(
        source=source, status=ClaimStatus.PUBLISHED, value=70.1, **span("it scores 70.1")
    )


@pytest.fixture
def figure(source):
    return UnattributedFigureFactory(
        source=source,
        snapshot=source.snapshot,
        value_text="48.0",
        start=TEXT.index("reaches"),
        end=TEXT.index("48.0") + 4,
    )


def desk_url(source) -> str:
    return reverse("desk:source", args=[source.pk])


def decide(client, source, claims, decision, reason="", **extra):
    return client.post(
        reverse("desk:decide", args=[source.pk]),
        {"claims": [c.pk for c in claims], "decision": decision, "reason": reason, **extra},
    )


@pytest.fixture
def clerk(client):
    """A staff member without the permission to moderate claims."""
    user = UserFactory(username="clerk", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_claim"))
    client.force_login(user)
    return client


def test_the_desk_marks_claims_and_figures_at_their_offsets(staff_client, pending, figure):
    html = staff_client.get(desk_url(pending.source)).content.decode()
    assert (
        '<mark class="desk-mark desk-mark--claim desk-mark--pending" '
        f'data-card="claim-{pending.pk}">'
        f'<span class="desk-anchor" id="doc-claim-{pending.pk}"></span>Vela-7B scores 61.2</mark>'
    ) in html
    assert (
        f'data-card="figure-{figure.pk}"><span class="desk-anchor" id="doc-figure-{figure.pk}">'
        in html
    )
    assert f'id="claim-{pending.pk}"' in html and f'id="figure-{figure.pk}"' in html


def test_the_desk_escapes_the_document(staff_client):
    text = "<script>alert(1)</script> Model scores 72.2 on Bench."
    claim = ClaimFactory(
        source=SourceFactory(snapshot=SnapshotFactory(text=text)),
        status=ClaimStatus.PENDING,
        quote="Model scores 72.2",
        start=text.index("Model"),
        end=text.index("Model") + len("Model scores 72.2"),
    )
    html = staff_client.get(desk_url(claim.source)).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_the_desk_chooses_model_and_benchmark_with_the_catalogue_autocomplete(
    staff_client, pending
):
    html = staff_client.get(desk_url(pending.source)).content.decode()
    model_select = f'name="claim-{pending.pk}-model"'
    assert model_select in html
    assert 'data-field-name="model"' in html and 'data-field-name="benchmark"' in html
    assert f'<option value="{pending.model_id}" selected>{pending.model.name}</option>' in html
    assert "admin/js/autocomplete.js" in html


def test_publishing_from_the_desk_goes_through_the_service(staff_client, staff, pending):
    response = decide(staff_client, pending.source, [pending], "publish")
    assert response.status_code == 302
    assert response["Location"].endswith(f"#claim-{pending.pk}")
    pending.refresh_from_db()
    assert pending.status == ClaimStatus.PUBLISHED
    assert pending.events.filter(action=ClaimAction.PUBLISHED, actor=staff).exists()


def test_rejecting_keeps_the_claim_with_its_reason(staff_client, pending):
    decide(staff_client, pending.source, [pending], "reject", reason="A typo in the table.")
    pending.refresh_from_db()
    assert pending.status == ClaimStatus.REJECTED
    assert pending.status_reason == "A typo in the table."
    assert pending.events.get(action=ClaimAction.REJECTED).reason == "A typo in the table."


def test_rejecting_without_a_reason_changes_nothing_and_says_why(staff_client, pending):
    response = decide(staff_client, pending.source, [pending], "reject")
    pending.refresh_from_db()
    assert pending.status == ClaimStatus.PENDING
    page = staff_client.get(response["Location"]).content.decode()
    assert "a reason is required to reject" in page


def test_retracting_a_published_claim_needs_and_keeps_a_reason(staff_client, published):
    decide(staff_client, published.source, [published], "retract", reason="Corrected by vendor.")
    published.refresh_from_db()
    assert (published.status, published.status_reason) == (
        ClaimStatus.RETRACTED,
        "Corrected by vendor.",
    )


def test_a_selection_is_decided_at_once_with_one_message_in_the_right_number(staff_client, source):
    claims = [
        ClaimFactory(source=source, status=ClaimStatus.PENDING, value=v, **span("61.2"))
        for v in (61.2, 61.3, 61.4)
    ]
    response = decide(staff_client, source, claims, "publish")
    assert {c.status for c in Claim.objects.filter(source=source)} == {ClaimStatus.PUBLISHED}
    page = staff_client.get(response["Location"]).content.decode()
    assert "3 claims published." in page


def test_one_claim_is_reported_as_one_claim(staff_client, pending):
    response = decide(staff_client, pending.source, [pending], "publish")
    page = staff_client.get(response["Location"]).content.decode()
    assert "1 claim published." in page and "1 claims" not in page


def test_a_claim_of_another_source_cannot_be_decided_through_this_one(staff_client, pending):
    other = ClaimFactory(status=ClaimStatus.PENDING)
    decide(staff_client, pending.source, [other], "publish")
    other.refresh_from_db()
    assert other.status == ClaimStatus.PENDING


def test_a_retracted_claim_is_not_published_and_the_desk_says_so(staff_client, published):
    decide(staff_client, published.source, [published], "retract", reason="Wrong table.")
    response = decide(staff_client, published.source, [published], "publish")
    published.refresh_from_db()
    assert published.status == ClaimStatus.RETRACTED
    page = staff_client.get(response["Location"]).content.decode()
    assert "0 claims published." in page and "reopen it first" in page


def test_editing_corrects_model_benchmark_figure_and_setting_with_history(
    staff_client, staff, pending
):
    model = ModelReleaseFactory(name="Vela-7B-Instruct")
    benchmark = BenchmarkFactory(name="GPQA Diamond")
    prefix = f"claim-{pending.pk}-"
    response = staff_client.post(
        reverse("desk:edit", args=[pending.source_id, pending.pk]),
        {
            prefix + "model": model.pk,
            prefix + "benchmark": benchmark.pk,
            prefix + "value": "61.25",
            prefix + "setting": "5-shot",
        },
    )
    assert response.status_code == 302
    pending.refresh_from_db()
    assert (pending.model, pending.benchmark) == (model, benchmark)
    assert (pending.value, pending.value_text, pending.setting, pending.shots) == (
        61.25,
        "61.25",
        "5-shot",
        5,
    )
    event = pending.events.get(action=ClaimAction.EDITED)
    assert event.actor == staff and event.changes["model"][1] == model.pk


def test_a_model_that_is_not_in_the_catalogue_is_refused(staff_client, pending):
    prefix = f"claim-{pending.pk}-"
    response = staff_client.post(
        reverse("desk:edit", args=[pending.source_id, pending.pk]),
        {prefix + "model": "Vela 7B typed in", prefix + "value": "61.2"},
    )
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    pending.refresh_from_db()
    assert pending.model_id is not None and not pending.events.filter(action="edited").exists()


def test_a_figure_that_is_not_a_number_is_refused_and_kept_in_the_form(staff_client, pending):
    prefix = f"claim-{pending.pk}-"
    response = staff_client.post(
        reverse("desk:edit", args=[pending.source_id, pending.pk]),
        {prefix + "model": pending.model_id, prefix + "value": "sixty"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "is not a figure" in html and 'value="sixty"' in html
    pending.refresh_from_db()
    assert pending.value == 61.2


@pytest.mark.parametrize("who", ["anonymous", "visitor", "clerk"])
@pytest.mark.parametrize("decision", ["publish", "reject", "retract", "reopen"])
def test_only_moderators_may_decide(client, who, decision, pending):
    if who == "visitor":
        client.force_login(UserFactory(username="visitor"))
    elif who == "clerk":
        user = UserFactory(username="clerk", is_staff=True)
        user.user_permissions.add(Permission.objects.get(codename="view_claim"))
        client.force_login(user)
    before = pending.status
    response = decide(client, pending.source, [pending], decision, reason="Because.")
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert "/admin/login/" in response["Location"]
    pending.refresh_from_db()
    assert pending.status == before and pending.events.count() == 0


@pytest.mark.parametrize("page", ["index", "source", "edit", "preview"])
def test_a_staff_member_without_the_moderation_permission_is_refused(clerk, page, pending):
    urls = {
        "index": reverse("desk:index"),
        "source": desk_url(pending.source),
        "edit": reverse("desk:edit", args=[pending.source_id, pending.pk]),
        "preview": reverse("desk:preview", args=[pending.pk]),
    }
    call = clerk.post if page == "edit" else clerk.get
    assert call(urls[page]).status_code == 403


def test_a_signed_in_visitor_is_sent_to_the_admin_login(client, pending):
    client.force_login(UserFactory(username="visitor"))
    response = client.get(desk_url(pending.source))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_the_preview_shows_a_pending_claim_as_the_public_would_see_it(staff_client, pending):
    html = staff_client.get(reverse("desk:preview", args=[pending.pk])).content.decode()
    assert "<strong>Preview.</strong>" in html
    assert pending.quote in html and 'id="verdict"' in html


def test_the_preview_does_not_make_a_pending_claim_public(client, staff_client, pending):
    staff_client.get(reverse("desk:preview", args=[pending.pk]))
    client.logout()
    assert client.get(reverse("claims:claim", args=[pending.pk])).status_code == 404


def test_the_claim_page_has_moderation_buttons_for_moderators_only(client, staff, published):
    url = reverse("claims:claim", args=[published.pk])
    assert "staff-bar" not in client.get(url).content.decode()
    client.force_login(staff)
    html = client.get(url).content.decode()
    assert 'class="staff-bar"' in html and 'value="retract"' in html


def test_retracting_from_the_claim_page_returns_to_its_preview(staff_client, published):
    response = decide(
        staff_client,
        published.source,
        [published],
        "retract",
        reason="Misread.",
        next=reverse("desk:preview", args=[published.pk]),
    )
    assert response["Location"] == reverse("desk:preview", args=[published.pk])
    published.refresh_from_db()
    assert published.status == ClaimStatus.RETRACTED


def test_a_next_address_off_the_site_is_ignored(staff_client, pending):
    response = decide(
        staff_client, pending.source, [pending], "publish", next="https://evil.example/"
    )
    assert response["Location"].startswith(desk_url(pending.source))


def test_the_admin_home_counts_what_is_waiting(staff_client, pending, figure, published):
    ClaimFactory(status=ClaimStatus.PENDING)
    html = staff_client.get(reverse("admin:index")).content.decode()
    assert "<strong>2 claims</strong> from 2 sources" in html
    assert "1 unattributed figure nobody" in html


def test_the_desk_index_lists_sources_with_work_waiting(staff_client, pending, figure):
    done = ClaimFactory(status=ClaimStatus.PUBLISHED, source__title="All published")
    html = staff_client.get(reverse("desk:index")).content.decode()
    assert desk_url(pending.source) in html
    assert desk_url(done.source) not in html


def test_the_desk_costs_the_same_queries_however_many_claims(staff_client, source):
    def measure() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert staff_client.get(desk_url(source)).status_code == 200
        return len(queries)

    ClaimFactory(source=source, status=ClaimStatus.PENDING, **span("61.2"))
    UnattributedFigureFactory(
        source=source, snapshot=source.snapshot, value_text="48.0", start=60, end=64
    )
    small = measure()
    for value in range(10):
        ClaimFactory(
            source=source,
            status=ClaimStatus.PENDING if value % 2 else ClaimStatus.PUBLISHED,
            value=50 + value,
            **span("70.1"),
        )
        UnattributedFigureFactory(
            source=source, snapshot=source.snapshot, value_text=f"4{value}", start=value, end=70
        )
    assert measure() == small
    assert small <= 10, small


def test_a_comparison_names_its_second_model_from_the_catalogue(staff_client, source):
    claim = ClaimFactory(
        source=source,
        status=ClaimStatus.PENDING,
        kind="comparison",
        relation=">",
        other_model_text="Comet-8B",
        value=None,
        unit="",
        **span("It also reaches"),
    )
    other = ModelReleaseFactory(name="Comet-8B")
    prefix = f"claim-{claim.pk}-"
    html = staff_client.get(desk_url(source)).content.decode()
    assert f'name="{prefix}other_model"' in html and f'name="{prefix}value"' not in html
    staff_client.post(
        reverse("desk:edit", args=[source.pk, claim.pk]),
        {prefix + "model": claim.model_id, prefix + "other_model": other.pk},
    )
    claim.refresh_from_db()
    assert claim.other_model == other


def test_a_figure_made_a_claim_from_the_desk_returns_to_the_desk(staff_client, figure):
    model, benchmark = ModelReleaseFactory(), BenchmarkFactory()
    html = staff_client.get(desk_url(figure.source)).content.decode()
    promote = reverse("admin:claims_unattributedfigure_promote", args=[figure.pk])
    back = desk_url(figure.source)
    assert f"{promote}?next={back}%23figure-{figure.pk}" in html
    response = staff_client.post(
        f"{promote}?next={back}%23figure-{figure.pk}",
        {"model": model.pk, "benchmark": benchmark.pk},
    )
    assert response["Location"] == f"{back}#figure-{figure.pk}"
    figure.refresh_from_db()
    assert figure.claim is not None and figure.claim.status == ClaimStatus.PENDING


def test_a_claim_read_from_an_earlier_snapshot_is_listed_not_marked(staff_client, source):
    earlier = ClaimFactory(source=source, snapshot=SnapshotFactory(), status=ClaimStatus.PENDING)
    html = staff_client.get(desk_url(source)).content.decode()
    assert "Read from an earlier snapshot" in html and f"Claim #{earlier.pk}</a>" in html
    assert f'data-card="claim-{earlier.pk}"' not in html


def test_a_source_not_yet_read_has_a_desk_that_says_so(staff_client):
    source = SourceFactory(snapshot=None, status="queued")
    response = staff_client.get(desk_url(source))
    assert response.status_code == 200
    assert "no snapshot yet" in response.content.decode()


def test_a_staff_member_without_the_moderation_permission_gets_no_buttons(clerk, published):
    html = clerk.get(reverse("claims:claim", args=[published.pk])).content.decode()
    assert "staff-bar" not in html


def test_an_attribute_claim_is_corrected_without_a_benchmark(staff_client, source):
    claim = ClaimFactory(
        source=source,
        status=ClaimStatus.PENDING,
        kind="attribute",
        attribute="total_params",
        attribute_value="7B",
        benchmark=None,
        benchmark_text="",
        value=None,
        unit="",
        **span("Vela-7B is"),
    )
    html = staff_client.get(desk_url(source)).content.decode()
    assert f'name="claim-{claim.pk}-benchmark"' not in html
    model = ModelReleaseFactory()
    staff_client.post(
        reverse("desk:edit", args=[source.pk, claim.pk]),
        {f"claim-{claim.pk}-model": model.pk, f"claim-{claim.pk}-setting": ""},
    )
    claim.refresh_from_db()
    assert claim.model == model
