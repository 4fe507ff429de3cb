"""The starter list of feeds: real places, loaded switched off, loading twice adds nothing."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from claims.models import Feed
from claims.starter_feeds import feeds_load_starter
from core.errors import ApplicationError

pytestmark = pytest.mark.django_db


def test_every_starter_feed_is_loaded_switched_off_with_its_kind() -> None:
    out = StringIO()
    call_command("loadfeeds", stdout=out)
    feeds = list(Feed.objects.all())
    assert len(feeds) >= 20
    assert not any(feed.is_active for feed in feeds)
    assert {feed.source_kind for feed in feeds} == {"vendor_blog", "model_card", "press"}
    assert {feed.kind for feed in feeds} == {"feed", "index", "page"}
    assert f"{len(feeds)} feeds added (disabled)" in out.getvalue()


def test_loading_again_adds_nothing_and_keeps_what_staff_switched_on() -> None:
    feeds_load_starter()
    chosen = Feed.objects.get(name="VentureBeat AI")
    Feed.objects.filter(pk=chosen.pk).update(is_active=True)
    report = feeds_load_starter()
    assert report.created == [] and len(report.kept) == Feed.objects.count()
    assert list(Feed.objects.filter(is_active=True)) == [chosen]


def test_blog_indexes_name_the_posts_they_link_to() -> None:
    feeds_load_starter()
    indexes = Feed.objects.filter(kind="index")
    assert indexes.exists()
    assert all(feed.link_pattern for feed in indexes)


def test_a_listed_feed_with_an_unknown_kind_is_refused_with_its_name(tmp_path) -> None:
    bad = tmp_path / "feeds.yaml"
    bad.write_text(
        "- name: Somewhere\n  url: https://example.org/feed\n  kind: feed\n  source_kind: gossip\n"
    )
    with pytest.raises(ApplicationError, match="Somewhere"):
        feeds_load_starter(path=bad)
    assert not Feed.objects.exists()


def test_the_command_reports_a_broken_list_clearly(tmp_path) -> None:
    bad = tmp_path / "feeds.yaml"
    bad.write_text(
        "- name: Plain\n  url: http://example.org/feed\n  kind: feed\n  source_kind: press\n"
    )
    with pytest.raises(CommandError, match="https"):
        call_command("loadfeeds", "--file", str(bad))
