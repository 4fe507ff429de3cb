import pytest
from django.core.exceptions import ValidationError

from claims.feeds import feed_entries_to_sources, feed_poll
from claims.models import Claim, Feed, FeedKind, Source, SourceStatus
from claims.tasks import feeds_poll
from tests.local_http import local_site

pytestmark = pytest.mark.django_db

RSS = """<?xml version="1.0"?>
<rss version="2.0"><channel><title>Vendor blog</title>
<item><title>Qwen3.5 Medium</title><link>{base}/qwen.html</link>
<pubDate>Tue, 24 Feb 2026 10:00:00 GMT</pubDate></item>
<item><title>Not a post</title><link>mailto:press@example.com</link></item>
</channel></rss>
"""


@pytest.fixture(autouse=True)
def fetch_locally(settings, catalogue):
    settings.SCORECHECK_FETCH_ALLOWED_PRIVATE_HOSTS = ["localhost"]
    settings.SCORECHECK_FETCH_HOST_DELAY_SECONDS = 0


def serve_blog(site) -> Feed:
    site.page("/feed.xml", RSS.format(base=site.url("")), "application/rss+xml")
    site.page("/qwen.html", "<p>Qwen3.5-122B-A10B scores 72.2 on BFCL-V4.</p>")
    return Feed.objects.create(url=site.url("/feed.xml"), name="Vendor blog", publisher="Qwen")


def test_each_new_feed_entry_becomes_an_ingested_source() -> None:
    with local_site() as site:
        report = feed_poll(feed=serve_blog(site))
    source = Source.objects.get()
    assert report.new_sources == [source]
    assert source.title == "Qwen3.5 Medium"
    assert str(source.published_date) == "2026-02-24"
    assert source.status == SourceStatus.INGESTED
    assert Claim.objects.filter(source=source, value=72.2).exists()


def test_polling_again_adds_no_source_twice() -> None:
    with local_site() as site:
        feed = serve_blog(site)
        feed_poll(feed=feed)
        again = feed_poll(feed=feed)
    assert again.new_sources == []
    assert Source.objects.count() == 1


def test_an_unreachable_feed_keeps_its_error_and_writes_nothing() -> None:
    with local_site() as site:
        feed = Feed.objects.create(url=site.url("/gone.xml"), name="Gone")
        feed_poll(feed=feed)
    feed.refresh_from_db()
    assert "404" in feed.last_error
    assert feed.last_polled_at is not None
    assert not Source.objects.exists()


def test_a_watched_page_is_read_again_on_each_poll() -> None:
    with local_site() as site:
        site.page("/card.html", "<p>Qwen3.5-122B-A10B scores 72.2 on BFCL-V4.</p>")
        feed = Feed.objects.create(url=site.url("/card.html"), name="Card", kind=FeedKind.PAGE)
        feed_poll(feed=feed)
        feed_poll(feed=feed)
    source = Source.objects.get()
    assert source.fetches.count() == 2
    assert source.status == SourceStatus.INGESTED


BLOG_INDEX = """<html><body><nav><a href="/">Home</a> <a href="/blog/">Blog</a></nav>
<main>
  <a href="/blog/qwen3.5-medium">Qwen3.5 Medium</a>
  <a href="/blog/qwen3.5-medium#results">Results</a>
  <a href="older-post.html">An older post</a>
  <a href="https://elsewhere.example/blog/copy">Elsewhere</a>
  <a href="mailto:press@example.com">Press</a>
</main></body></html>
"""


def serve_blog_index(site, **feed_fields) -> Feed:
    site.page("/blog/", BLOG_INDEX)
    site.page("/blog/qwen3.5-medium", "<p>Qwen3.5-122B-A10B scores 72.2 on BFCL-V4.</p>")
    site.page("/blog/older-post.html", "<p>Nothing measured here.</p>")
    return Feed.objects.create(
        url=site.url("/blog/"), name="Blog", kind=FeedKind.INDEX, publisher="Qwen", **feed_fields
    )


def test_each_post_a_blog_index_links_to_becomes_an_ingested_source() -> None:
    with local_site() as site:
        report = feed_poll(feed=serve_blog_index(site))
        expected = {site.url("/blog/qwen3.5-medium"), site.url("/blog/older-post.html")}
    assert {source.url for source in report.new_sources} == expected
    post = Source.objects.get(url__endswith="/blog/qwen3.5-medium")
    assert post.title == "Qwen3.5 Medium"
    assert post.status == SourceStatus.INGESTED
    assert Claim.objects.filter(source=post, value=72.2).exists()


def test_a_blog_index_pattern_chooses_the_posts() -> None:
    with local_site() as site:
        report = feed_poll(feed=serve_blog_index(site, link_pattern=r"/blog/qwen"))
    assert [source.url.rsplit("/", 1)[1] for source in report.new_sources] == ["qwen3.5-medium"]


def test_polling_a_blog_index_again_adds_no_source_twice() -> None:
    with local_site() as site:
        feed = serve_blog_index(site)
        feed_poll(feed=feed)
        again = feed_poll(feed=feed)
    assert again.new_sources == []
    assert Source.objects.count() == 2


def test_a_link_pattern_must_be_a_regular_expression() -> None:
    feed = Feed(url="https://vendor.example/blog/", name="Blog", link_pattern="(unclosed")
    with pytest.raises(ValidationError, match="Not a regular expression"):
        feed.full_clean()


def test_the_scheduled_poll_reads_only_active_feeds() -> None:
    with local_site() as site:
        active = serve_blog(site)
        paused = Feed.objects.create(url=site.url("/paused.xml"), name="Paused", is_active=False)
        assert feeds_poll() == 1
    active.refresh_from_db()
    paused.refresh_from_db()
    assert active.last_polled_at is not None and paused.last_polled_at is None
    assert Source.objects.get().status == SourceStatus.INGESTED


MIXED_RSS = b"""<?xml version="1.0"?>
<rss version="2.0"><channel><title>AI news roundup</title>
<item><title>Press</title><link>https://venturebeat.com/ai/qwen-3-5-medium/</link></item>
<item><title>Card</title><link>https://huggingface.co/Qwen/Qwen3.5-122B-A10B</link></item>
<item><title>Vendor</title><link>https://openai.com/index/gpt-5/</link></item>
<item><title>Nobody knows</title><link>https://blog.example.net/post</link></item>
</channel></rss>
"""


def kinds_by_title() -> dict[str, str]:
    return dict(Source.objects.values_list("title", "kind"))


def test_a_feed_that_names_its_kind_gives_it_to_every_source() -> None:
    feed = Feed.objects.create(url="https://news.example/feed", name="Roundup", source_kind="press")
    feed_entries_to_sources(feed, MIXED_RSS)
    assert set(kinds_by_title().values()) == {"press"}


def test_a_feed_that_does_not_name_its_kind_gives_each_source_its_addresss_kind() -> None:
    feed = Feed.objects.create(url="https://news.example/feed", name="Roundup", source_kind="")
    feed_entries_to_sources(feed, MIXED_RSS)
    assert kinds_by_title() == {
        "Press": "press",
        "Card": "model_card",
        "Vendor": "vendor_blog",
        "Nobody knows": "unknown",
    }
