"""factory_boy factories: the one way tests make data."""

import hashlib

import factory
from django.contrib.auth import get_user_model

from catalogue.models import Benchmark, ModelRelease, Organization
from catalogue.names import normalize_name
from claims.models import Claim, ClaimKind, ClaimStatus, Snapshot, Source, SourceKind
from claims.services import ClaimInput, claim_fingerprint
from evaluator.models import EvaluationRun, Measurement, RunOrigin, RunStatus


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password("correct horse battery staple")


class StaffFactory(UserFactory):
    is_staff = True
    is_superuser = True


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"Lab {n}")
    slug = factory.Sequence(lambda n: f"lab-{n}")


class ModelReleaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ModelRelease

    organization = factory.SubFactory(OrganizationFactory)
    name = factory.Sequence(lambda n: f"Model-{n}B")
    slug = factory.Sequence(lambda n: f"model-{n}b")
    open_weights = True
    hf_repo_id = factory.LazyAttribute(lambda m: f"{m.organization.slug}/{m.slug}")
    hf_revision = factory.Sequence(lambda n: hashlib.sha1(f"rev{n}".encode()).hexdigest())


class BenchmarkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Benchmark

    name = factory.Sequence(lambda n: f"Bench {n}")
    slug = factory.Sequence(lambda n: f"bench-{n}")
    category = "knowledge"
    metric = "accuracy"
    harness_tasks = factory.LazyAttribute(lambda b: [b.slug.replace("-", "_")])
    harness_metric = "acc,none"
    harness_shots = 0
    tolerance_points = 3.0
    tolerance_source = "An allowance stated for tests."


class SnapshotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Snapshot

    text = factory.Sequence(lambda n: f"Document {n}: Model scores 72.2 on Bench.")
    content = factory.LazyAttribute(lambda s: s.text.encode())
    sha256 = factory.LazyAttribute(lambda s: hashlib.sha256(s.content).hexdigest())
    content_type = "text/plain"
    size = factory.LazyAttribute(lambda s: len(s.content))


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    url = factory.Sequence(lambda n: f"https://news.example.org/article-{n}")
    canonical_url = factory.LazyAttribute(lambda s: s.url)
    publisher = "Example News"
    kind = SourceKind.PRESS
    title = factory.Sequence(lambda n: f"Article {n}")
    snapshot = factory.SubFactory(SnapshotFactory)
    status = "ingested"


class ClaimFactory(factory.django.DjangoModelFactory):
    """A score claim whose quote is the whole snapshot text."""

    class Meta:
        model = Claim

    source = factory.SubFactory(SourceFactory)
    snapshot = factory.LazyAttribute(lambda c: c.source.snapshot)
    kind = ClaimKind.SCORE
    model = factory.SubFactory(ModelReleaseFactory)
    model_text = factory.LazyAttribute(lambda c: c.model.name if c.model else "Unknown")
    benchmark = factory.SubFactory(BenchmarkFactory)
    benchmark_text = factory.LazyAttribute(lambda c: c.benchmark.name if c.benchmark else "")
    value = 72.2
    unit = "score"
    setting = "0-shot"
    quote = factory.LazyAttribute(lambda c: c.snapshot.text)
    start = 0
    end = factory.LazyAttribute(lambda c: len(c.quote))
    extractor = "factory/1"
    status = ClaimStatus.PUBLISHED
    fingerprint = factory.LazyAttribute(
        lambda c: claim_fingerprint(
            ClaimInput(
                kind=c.kind,
                model_text=c.model_text,
                quote=c.quote,
                start=c.start,
                end=c.end,
                benchmark_text=c.benchmark_text,
                value=c.value,
                unit=c.unit,
                model=c.model,
                benchmark=c.benchmark,
            )
        )
    )


class EvaluationRunFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EvaluationRun

    origin = RunOrigin.OURS
    model = factory.SubFactory(ModelReleaseFactory)
    model_revision = factory.LazyAttribute(lambda r: r.model.hf_revision)
    backend = "hf"
    status = RunStatus.SUCCEEDED
    run_settings = factory.LazyFunction(lambda: {"num_fewshot": 0})


class MeasurementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Measurement

    run = factory.SubFactory(EvaluationRunFactory)
    model = factory.LazyAttribute(lambda m: m.run.model)
    benchmark = factory.SubFactory(BenchmarkFactory)
    task = factory.LazyAttribute(lambda m: m.benchmark.harness_tasks[0])
    metric = "acc,none"
    shots = 0
    value = 70.9
    stderr = 0.4


def normalized(name: str) -> str:
    return normalize_name(name)


class ClaimEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "claims.ClaimEvent"

    claim = factory.SubFactory(ClaimFactory)
    action = "created"
    to_status = "published"
    actor_label = "factory/1"


class UnattributedFigureFactory(factory.django.DjangoModelFactory):
    """A figure of its source's snapshot that no claim was made of: the text's first number."""

    class Meta:
        model = "claims.UnattributedFigure"

    source = factory.SubFactory(
        SourceFactory,
        snapshot=factory.SubFactory(
            SnapshotFactory,
            text=factory.Sequence(lambda n: f"Document {n}: the new model reaches 61.2 overall."),
        ),
    )
    snapshot = factory.LazyAttribute(lambda f: f.source.snapshot)
    value_text = "61.2"
    start = factory.LazyAttribute(lambda f: f.snapshot.text.index("reaches"))
    end = factory.LazyAttribute(lambda f: f.snapshot.text.index("61.2") + len("61.2"))
    quote = factory.LazyAttribute(lambda f: f.snapshot.text[f.start : f.end])
    reason = "no benchmark"
    model_text = "the new model"
    extractor = "factory/1"
