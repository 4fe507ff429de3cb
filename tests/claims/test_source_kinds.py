"""A source's kind from its address when no feed or person says it."""

import pytest

from claims.ingestion import SourceDetails, source_get_or_create
from claims.source_kinds import source_kind_for_url


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("https://huggingface.co/Qwen/Qwen3.5-122B-A10B", "model_card"),
        ("https://huggingface.co/Qwen/Qwen3.5-122B-A10B/blob/main/README.md", "model_card"),
        ("https://huggingface.co/Qwen/Qwen3.5-122B-A10B/raw/main/README.md", "model_card"),
        ("https://huggingface.co/blog/smollm3", "vendor_blog"),
        ("https://huggingface.co/datasets/cais/mmlu", "unknown"),
        ("https://huggingface.co/spaces/open-llm-leaderboard/board", "unknown"),
        ("https://www.anthropic.com/news/claude-sonnet-4-5", "vendor_blog"),
        ("https://qwenlm.github.io/blog/qwen3/", "vendor_blog"),
        ("https://venturebeat.com/ai/alibaba-qwen-3-5-medium/", "press"),
        ("https://www.theverge.com/ai-artificial-intelligence/1", "press"),
        ("https://arxiv.org/abs/2501.12948", "paper"),
        ("https://notopenai.com/news", "unknown"),
        ("https://blog.example.net/post", "unknown"),
        ("", "unknown"),
    ],
)
def test_an_address_gives_the_kind_of_the_first_rule_it_matches(url, kind) -> None:
    assert source_kind_for_url(url) == kind


@pytest.mark.django_db
def test_a_source_created_without_a_kind_takes_its_addresss() -> None:
    source, created = source_get_or_create(
        url="https://techcrunch.com/2026/02/24/qwen/", details=SourceDetails()
    )
    assert created and source.kind == "press"


@pytest.mark.django_db
def test_a_kind_given_by_staff_wins_over_the_address() -> None:
    source, _ = source_get_or_create(
        url="https://techcrunch.com/2026/02/24/qwen/", details=SourceDetails(kind="vendor_blog")
    )
    assert source.kind == "vendor_blog"
