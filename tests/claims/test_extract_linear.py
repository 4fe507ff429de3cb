"""Extraction stays linear in a document's size, whatever the document repeats.

Each document is a unit of text repeated into a run with no paragraph or sentence breaks (the
forms that once made extraction quadratic). The bound is generous (seconds for a couple of
hundred kilobytes that a linear extractor reads in well under one) so the test never fails on a
slow machine, but a quadratic rescan of earlier text takes minutes and fails it.
"""

import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claims.extract import document_extract
from claims.parse import document_parse

SIZE = 300_000
SECONDS_BOUND = 30.0

units = st.lists(
    st.sampled_from(
        [
            "Vela-7B-Instruct",
            "Norn-12B",
            "the 12B model",
            "It",
            "scores",
            "reaches 61.2% on",
            "edges out",
            "trails",
            "GlyphQA",
            "MMLU:",
            "1,",
            "72.2",
            "at 55.0%",
            "(61.2 vs. 55.0)",
            "|",
            "-",
            "has 32 experts",
            "Apache 2.0",
        ]
    ),
    min_size=1,
    max_size=8,
).map(lambda parts: " ".join(parts) + " ")


@settings(max_examples=3, deadline=None, suppress_health_check=list(HealthCheck))
@given(units, st.sampled_from(["text/plain", "text/markdown"]))
def test_a_repeated_unit_extracts_in_time_linear_in_its_size(unit, content_type):
    content = (unit * (SIZE // len(unit) + 1))[:SIZE]

    started = time.process_time()
    document_extract(document_parse(content=content, content_type=content_type))

    assert time.process_time() - started < SECONDS_BOUND
