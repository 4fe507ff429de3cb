"""A claim, a verdict and the dataset can be cited, in BibTeX and in plain text."""

import datetime
import html as html_lib
import re

import pytest
from django.urls import reverse

from leaderboard.citations import claim_citation

pytestmark = pytest.mark.django_db


def cite_block(html: str, cite_id: str) -> str:
    found = re.search(rf'<details class="cite" id="cite-{cite_id}">(.*?)</details>', html, re.S)
    assert found is not None, cite_id
    return html_lib.unescape(found.group(1))


def test_a_claim_is_cited_as_its_publishers_words_with_our_archived_copy(client, world):
    world["source"].published_date = datetime.date(2024, 7, 23)
    world["source"].save()
    html = client.get(world["score"].get_absolute_url()).content.decode()
    block = cite_block(html, "claim")
    assert f"@misc{{scorecheck-claim-{world['score'].pk}," in block
    assert "author = {{Acme blog}}," in block
    assert "year = {2024}," in block
    assert "“Rocket-70B scores 72.2 on MMLU (0-shot)”" in block
    assert world["score"].snapshot.sha256 in block
    assert f"http://testserver/claims/{world['score'].pk}/" in block
    assert "Acme blog (23 July 2024). “Rocket-70B scores 72.2 on MMLU (0-shot)”" in block


def test_a_verdict_is_cited_as_scorechecks_with_its_reason(client, world):
    html = client.get(world["score"].get_absolute_url()).content.decode()
    block = cite_block(html, "verdict")
    assert "author = {{Scorecheck}}," in block
    assert f"Scorecheck verdict on claim {world['score'].pk}: consistent" in block
    assert (
        f"claimed 72.2, measured by us (run {world['run'].pk}): 70.9 ± 0.8 in the same 0-shot "
        "setting" in block
    )


def test_the_dataset_is_cited_on_the_about_page_and_linked_from_every_page(client, world):
    html = client.get(reverse("pages:about")).content.decode()
    block = cite_block(html, "dataset")
    assert "@misc{scorecheck-dataset," in block
    assert "[data set]" in block
    assert 'href="/about/#cite"' in client.get(reverse("leaderboard:home")).content.decode()


def test_bibtex_special_characters_in_a_quote_are_escaped(world):
    claim = world["score"]
    claim.quote = "50% of 100_000 {tokens} & more"
    bibtex = claim_citation(claim=claim, url="https://example.org/").bibtex
    assert r"50\% of 100\_000 \{tokens\} \& more" in bibtex
