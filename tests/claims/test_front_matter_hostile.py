"""Front matter that YAML parses but Python cannot hold drops the front matter, not the
document."""

import pytest

from claims.parse import document_parse

BODY = "# Acme-7B\n\nAcme-7B scores 72.2 on MMLU.\n"


@pytest.mark.parametrize(
    "front_matter",
    ["date: 2024-02-30", f"params: {'9' * 5000}", "title: Card\nreleased: 2023-13-01"],
)
def test_an_impossible_front_matter_value_leaves_the_body_readable(front_matter: str) -> None:
    document = document_parse(
        content=f"---\n{front_matter}\n---\n{BODY}", content_type="text/markdown"
    )
    assert any("72.2 on MMLU" in block.text for block in document.blocks)
