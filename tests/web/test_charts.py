"""The server-drawn SVG charts: accessible, and drawn from the figures they stand for."""

import datetime
import re
import xml.etree.ElementTree as ET

import pytest

from tests.factories import (
    BenchmarkFactory,
    ClaimFactory,
    MeasurementFactory,
    ModelReleaseFactory,
)
from tests.web.markup import parse

pytestmark = pytest.mark.django_db


def svgs(html: str) -> list[ET.Element]:
    """Inline SVG is well-formed XML: read it as such, so a title belongs to its shape."""
    return [ET.fromstring(found) for found in re.findall(r"<svg\b.*?</svg>", html, re.S)]


def chart(html: str, chart_id: str) -> ET.Element:
    """The page's chart whose title has the id `<chart_id>-title`."""
    (found,) = [
        svg for svg in svgs(html) if (svg.get("aria-labelledby") or "").startswith(f"{chart_id}-")
    ]
    return found


def labelled_by(html: str, svg: ET.Element) -> list[str]:
    """The texts the SVG's aria-labelledby points at, looked up by id in the page."""
    document = parse(html)
    texts = []
    for element_id in (svg.get("aria-labelledby") or "").split():
        element = document.by_id(element_id)
        assert element is not None, element_id
        texts.append(element.text)
    return texts


def score(model_name, benchmark, claimed, measured):
    model = ModelReleaseFactory(name=model_name)
    ClaimFactory(model=model, benchmark=benchmark, value=claimed)
    MeasurementFactory(run__model=model, benchmark=benchmark, value=measured, stderr=0.4)
    return model


@pytest.fixture
def board(client):
    benchmark = BenchmarkFactory(name="MMLU", slug="mmlu")
    models = [
        score("Over-7B", benchmark, 80.0, 60.0),
        score("Fair-7B", benchmark, 60.0, 60.0),
        score("Under-7B", benchmark, 40.0, 60.0),
    ]
    html = client.get(benchmark.get_absolute_url()).content.decode()
    (svg,) = svgs(html)
    return html, svg, models


def test_scatter_is_an_image_with_a_title_and_a_description(board):
    html, svg, _ = board
    assert svg.get("role") == "img"
    title, description = labelled_by(html, svg)
    assert title == "Claimed vs measured on MMLU"
    assert description.startswith("3 models; 1 claimed a better score than was measured")


def test_scatter_has_a_visible_text_alternative(board):
    html, _, _ = board
    figcaption = re.search(r"<figcaption>(.*?)</figcaption>", html, re.S)
    assert figcaption is not None
    assert "3 models; 1 claimed a better score" in figcaption.group(1)


def test_scatter_has_one_labelled_point_per_model(board):
    _, svg, _ = board
    labels = sorted(circle.findtext("title") or "" for circle in svg.iter("circle"))
    assert labels == [
        "Fair-7B: claimed 60, measured 60 (consistent)",
        "Over-7B: claimed 80, measured 60 (overclaimed)",
        "Under-7B: claimed 40, measured 60 (underclaimed)",
    ]


def test_scatter_points_link_to_their_model(board):
    _, svg, models = board
    links = {(a.findtext("circle/title") or "").split(":")[0]: a.get("href") for a in svg.iter("a")}
    assert links == {model.name: model.get_absolute_url() for model in models}


def _diagonal_y(svg: ET.Element, x: float) -> float:
    line = next(e for e in svg.iter("line") if e.get("class") == "chart__diagonal")
    x1, y1, x2, y2 = (float(line.get(k) or 0) for k in ("x1", "y1", "x2", "y2"))
    return y1 + (x - x1) * (y2 - y1) / (x2 - x1)


def test_scatter_places_claims_above_the_diagonal_when_above_the_measurement(board):
    _, svg, _ = board
    by_name = {(c.findtext("title") or "").split(":")[0]: c for c in svg.iter("circle")}

    def offset(name):  # negative: above the diagonal (SVG y grows downwards)
        circle = by_name[name]
        return float(circle.get("cy") or 0) - _diagonal_y(svg, float(circle.get("cx") or 0))

    assert offset("Over-7B") < -1
    assert abs(offset("Fair-7B")) < 1
    assert offset("Under-7B") > 1


def test_scatter_colours_points_by_verdict(board):
    _, svg, _ = board
    classes = {
        (c.findtext("title") or "").split(":")[0]: c.get("class") for c in svg.iter("circle")
    }
    assert classes["Over-7B"] == "dot dot--overclaimed"
    assert classes["Under-7B"] == "dot dot--underclaimed"


def test_no_scatter_without_a_measured_claim(client):
    benchmark = BenchmarkFactory()
    ClaimFactory(benchmark=benchmark)
    assert svgs(client.get(benchmark.get_absolute_url()).content.decode()) == []


@pytest.fixture
def model_bars(client):
    model = ModelReleaseFactory(name="Rocket-70B")
    for name, claimed, measured in (("MMLU", 80.0, 70.0), ("GSM8K", 50.0, 55.0)):
        benchmark = BenchmarkFactory(name=name)
        ClaimFactory(model=model, benchmark=benchmark, value=claimed)
        MeasurementFactory(run__model=model, benchmark=benchmark, value=measured, stderr=0.4)
    html = client.get(model.get_absolute_url()).content.decode()
    return html, chart(html, "gaps")


def test_gap_bars_are_an_image_with_a_title_and_a_description(model_bars):
    html, svg = model_bars
    assert svg.get("role") == "img"
    title, description = labelled_by(html, svg)
    assert title == "Claimed minus measured for Rocket-70B"
    assert description == (
        "Claimed minus measured on 2 benchmarks, in points of a 0-100 scale: "
        "1 above the measurement, 1 at or below it."
    )
    assert description in (re.search(r"<figcaption>(.*?)</figcaption>", html, re.S) or [""])[0]


def test_gap_bars_have_one_labelled_bar_per_benchmark(model_bars):
    _, svg = model_bars
    titles = sorted(g.findtext("title") or "" for g in svg.iter("g"))
    assert titles == [
        "GSM8K: claimed minus measured -5.0 points (underclaimed)",
        "MMLU: claimed minus measured +10.0 points (overclaimed)",
    ]


def test_gap_bars_grow_right_for_overclaims_and_left_for_underclaims(model_bars):
    _, svg = model_bars
    zero = float(
        next(e for e in svg.iter("line") if e.get("class") == "chart__zero").get("x1") or 0
    )
    bars = {(g.findtext("title") or "").split(":")[0]: g.find("rect") for g in svg.iter("g")}
    mmlu, gsm8k = bars["MMLU"], bars["GSM8K"]
    assert mmlu is not None and gsm8k is not None
    assert float(mmlu.get("x") or 0) == zero
    assert float(gsm8k.get("x") or 0) + float(gsm8k.get("width") or 0) == pytest.approx(zero)
    # Lengths are proportional to the gaps: 10 points against 5.
    assert float(mmlu.get("width") or 0) == pytest.approx(2 * float(gsm8k.get("width") or 0))
    assert mmlu.get("class") == "bar bar--overclaimed"


def test_gap_bars_show_the_value_as_text(model_bars):
    _, svg = model_bars
    values = sorted(t.text or "" for t in svg.iter("text") if t.get("class") == "chart__value")
    assert values == ["+10.0", "-5.0"]


def test_chart_descriptions_count_in_the_singular_for_one(client):
    model = score("Solo-7B", BenchmarkFactory(name="MMLU"), 80.0, 60.0)
    bars = chart(client.get(model.get_absolute_url()).content.decode(), "gaps")
    assert (bars.findtext("desc") or "").startswith("Claimed minus measured on 1 benchmark,")
    benchmark = model.claims.get().benchmark
    (scatter,) = svgs(client.get(benchmark.get_absolute_url()).content.decode())
    assert (scatter.findtext("desc") or "").startswith("1 model; 1 claimed")


@pytest.fixture
def model_timeline(client):
    model = ModelReleaseFactory(name="Rocket-70B")
    mmlu, gsm8k = BenchmarkFactory(name="MMLU"), BenchmarkFactory(name="GSM8K")
    for benchmark, value, day in (
        (mmlu, 80.0, datetime.date(2024, 1, 10)),
        (mmlu, 82.5, datetime.date(2024, 7, 1)),
        (gsm8k, 60.97, datetime.date(2024, 3, 5)),
    ):
        ClaimFactory(model=model, benchmark=benchmark, value=value, source__published_date=day)
    MeasurementFactory(run__model=model, benchmark=mmlu, value=70.0, stderr=0.4)
    html = client.get(model.get_absolute_url()).content.decode()
    return html, chart(html, "timeline")


def test_the_claims_timeline_is_an_image_with_a_title_and_a_description(model_timeline):
    html, svg = model_timeline
    title, description = labelled_by(html, svg)
    assert title == "Claims about Rocket-70B over time"
    assert description.startswith(
        "3 claims about 2 benchmarks, made between 10 Jan 2024 and 01 Jul 2024."
    )


def test_the_claims_timeline_has_a_lane_per_benchmark_and_a_dot_per_claim(model_timeline):
    _, svg = model_timeline
    titles = sorted(c.findtext("title") or "" for c in svg.iter("circle"))
    assert titles == [
        "GSM8K: 60.97, said 05 Mar 2024 (unverified)",
        "MMLU: 80, said 10 Jan 2024 (overclaimed)",
        "MMLU: 82.5, said 01 Jul 2024 (overclaimed)",
    ]
    lanes = {t.text for t in svg.iter("text") if t.get("class") == "chart__label"}
    assert lanes == {"GSM8K", "MMLU"}


def test_the_claims_timeline_places_later_claims_further_right(model_timeline):
    _, svg = model_timeline
    x = {
        (c.findtext("title") or "").split(",")[0]: float(c.get("cx") or 0)
        for c in svg.iter("circle")
    }
    assert x["MMLU: 80"] < x["GSM8K: 60.97"] < x["MMLU: 82.5"]


def test_model_charts_draw_names_from_sources_as_text(client):
    """A benchmark or printed figure that looks like markup is drawn as the text it is: the
    charts parse as XML, and the names read back unchanged."""
    model = ModelReleaseFactory(name="Rocket-70B")
    benchmark = BenchmarkFactory(name='<b>MMLU</b> & "co"')
    ClaimFactory(
        model=model,
        benchmark=benchmark,
        value=80.0,
        value_text="80<i>",
        source__published_date=datetime.date(2024, 1, 10),
    )
    MeasurementFactory(run__model=model, benchmark=benchmark, value=70.0, stderr=0.4)
    html = client.get(model.get_absolute_url()).content.decode()
    timeline, bars = chart(html, "timeline"), chart(html, "gaps")
    labels = [t.text for t in timeline.iter("text") if t.get("class") == "chart__label"]
    assert labels == ['<b>MMLU</b> & "co"']
    assert [c.findtext("title") for c in timeline.iter("circle")] == [
        '<b>MMLU</b> & "co": 80<i>, said 10 Jan 2024 (overclaimed)'
    ]
    assert [g.findtext("title") for g in bars.iter("g")] == [
        '<b>MMLU</b> & "co": claimed minus measured +10.0 points (overclaimed)'
    ]
    assert not list(timeline.iter("b")) and not list(bars.iter("b"))
