"""The API's views: thin viewsets over selectors (reads) and services (writes)."""

from collections.abc import Iterator
from typing import Any

from django.contrib.auth.models import User
from django.core.files.storage import default_storage
from django.db.models import Prefetch, QuerySet
from django.http import FileResponse, HttpResponseBase, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.http import http_date
from django_filters.rest_framework import DjangoFilterBackend, FilterSet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import generics, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from api import dumps, selectors
from api.freshness import table_last_modified
from catalogue.models import Benchmark, BenchmarkAlias, ModelAlias, ModelRelease, Organization
from claims import services as claim_services
from claims.models import Claim, Source
from claims.submission import StaffClaim, claim_submit
from claims.visibility import claims_published
from evaluator.models import EvaluationRun, Measurement
from evaluator.options import RunOptions
from evaluator.services import evaluation_request
from leaderboard import ranking

from . import exports, filters, serializers
from .pagination import VerdictCursorPagination
from .permissions import CanModerate

ERRORS = {
    400: OpenApiResponse(description="Invalid payload: the errors, field by field."),
    401: OpenApiResponse(description="No valid credentials."),
    403: OpenApiResponse(description="Only staff may write."),
}


def staff_user(request: Request) -> User:
    """The staff member writing: ReadOnlyOrStaff lets no one else through to a write."""
    user = request.user
    assert isinstance(user, User) and user.is_staff
    return user


class LastModifiedMixin:
    """Sets Last-Modified from the newest change of the viewset's table, for If-Modified-Since.

    Taken over the whole table, not the filtered rows, so a row leaving a filtered set (a claim
    being retracted) still counts as a change; read from the cache (`api.freshness`), not
    scanned for every request.
    """

    last_modified_field: str | None = None

    def finalize_response(  # type: ignore[no-untyped-def]
        self, request: Request, response: HttpResponseBase, *args, **kwargs
    ):
        response = super().finalize_response(request, response, *args, **kwargs)  # type: ignore[misc]
        if (
            self.last_modified_field
            and request.method in ("GET", "HEAD")
            and response.status_code == 200
        ):
            model = self.get_queryset().model  # type: ignore[attr-defined]
            newest = table_last_modified(model, self.last_modified_field)
            if newest is not None:
                response.headers["Last-Modified"] = http_date(newest.timestamp())
        return response


class ReadOnlyViewSet(LastModifiedMixin, viewsets.ReadOnlyModelViewSet):
    pass


# (No docstring: the schema would show it as every subclass's description.)
class WritableViewSet(viewsets.ReadOnlyModelViewSet):
    # Reads, and writes that a service performs: the subclass's `create` calls it.

    def written(self, pk: int, status_code: int) -> Response:
        """What a write made (or found), read back as the reads show it."""
        instance = self.get_queryset().get(pk=pk)
        return Response(self.get_serializer(instance).data, status=status_code)


# --- Catalogue ------------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(summary="Organizations"),
    retrieve=extend_schema(summary="One organization, by slug"),
)
class OrganizationViewSet(ReadOnlyViewSet):
    queryset = Organization.objects.all()
    serializer_class = serializers.OrganizationSerializer
    filterset_class = filters.OrganizationFilter
    ordering_fields = ["id", "name", "created_at"]
    lookup_field = "slug"
    last_modified_field = "created_at"


@extend_schema_view(
    list=extend_schema(summary="Model releases"),
    retrieve=extend_schema(summary="One model release, by slug"),
)
class ModelReleaseViewSet(ReadOnlyViewSet):
    queryset = ModelRelease.objects.select_related("organization", "family").prefetch_related(
        Prefetch("aliases", queryset=ModelAlias.objects.order_by("alias"))
    )
    serializer_class = serializers.ModelReleaseSerializer
    filterset_class = filters.ModelReleaseFilter
    ordering_fields = ["id", "name", "created_at", "updated_at"]
    lookup_field = "slug"
    last_modified_field = "updated_at"


@extend_schema_view(
    list=extend_schema(summary="Benchmarks"),
    retrieve=extend_schema(summary="One benchmark, by slug"),
)
class BenchmarkViewSet(ReadOnlyViewSet):
    queryset = Benchmark.objects.prefetch_related(
        Prefetch("aliases", queryset=BenchmarkAlias.objects.order_by("alias"))
    )
    serializer_class = serializers.BenchmarkSerializer
    filterset_class = filters.BenchmarkFilter
    ordering_fields = ["id", "name", "category", "created_at"]
    lookup_field = "slug"
    last_modified_field = "created_at"

    @extend_schema(
        summary="The benchmark's leaderboard",
        description="As on the website: published models ranked by our eligible measurement "
        "(full runs of the pinned revision), each with its published score claims, their "
        "verdicts and the most severe of them; models claimed but not measured follow, "
        "unranked. 50 rows a page.",
        parameters=[serializers.LeaderboardQuerySerializer],
        responses=serializers.LeaderboardSerializer,
        filters=False,
    )
    @action(detail=True, pagination_class=None, filterset_class=None)
    def leaderboard(self, request: Request, slug: str) -> Response:
        benchmark = get_object_or_404(Benchmark, slug=slug)
        query = serializers.LeaderboardQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        board = ranking.benchmark_leaderboard(
            benchmark=benchmark,
            filters=query.filters(),
            page_number=query.validated_data["page"],
            with_claims=True,
        )
        return Response(serializers.LeaderboardSerializer(board).data)


# --- Sources and claims ---------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(summary="Sources", description="Sources of published claims."),
    retrieve=extend_schema(summary="One source"),
    create=extend_schema(
        summary="Submit a source URL for ingestion (staff)",
        request=serializers.SourceSubmitSerializer,
        responses={202: serializers.SourceSerializer, **ERRORS},
    ),
)
class SourceViewSet(LastModifiedMixin, WritableViewSet):
    serializer_class = serializers.SourceSerializer
    filterset_class = filters.SourceFilter
    ordering_fields = ["id", "created_at", "updated_at"]
    last_modified_field = "updated_at"

    def get_queryset(self) -> QuerySet[Source]:
        return selectors.sources_visible(user=self.request.user)

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        payload = serializers.SourceSubmitSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        # Imported here: ingestion is a heavy module (fetching, parsing) the reads never need.
        from claims.ingestion import source_submit

        source = source_submit(submitted_by=staff_user(request), **payload.validated_data)
        return self.written(source.pk, status.HTTP_202_ACCEPTED)


@extend_schema_view(
    list=extend_schema(
        summary="Claims", description="Published claims; staff also see the other states."
    ),
    retrieve=extend_schema(summary="One claim"),
    create=extend_schema(
        summary="Submit a claim (staff)",
        description="Provenance is required: a source URL or the source's pasted text, and the "
        "verbatim quote.",
        request=serializers.ClaimSubmitSerializer,
        responses={201: serializers.ClaimSerializer, **ERRORS},
    ),
)
class ClaimViewSet(LastModifiedMixin, WritableViewSet):
    serializer_class = serializers.ClaimSerializer
    filterset_class = filters.ClaimFilter
    ordering_fields = ["id", "created_at", "updated_at"]
    last_modified_field = "updated_at"

    def get_queryset(self) -> QuerySet[Claim]:
        return selectors.claims_visible(user=self.request.user)

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        payload = serializers.ClaimSubmitSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        claim = claim_submit(
            data=StaffClaim.from_fields(**payload.validated_data), submitted_by=staff_user(request)
        )
        return self.written(claim.pk, status.HTTP_201_CREATED)

    @extend_schema(
        summary="Moderate a claim (staff)",
        description="publish, reject (reason required), retract (reason required) or reopen "
        "(back to review). Every change is recorded in the claim's history.",
        request=serializers.ModerationSerializer,
        responses={200: serializers.ClaimSerializer, **ERRORS, 404: None},
        filters=False,
    )
    @action(detail=True, methods=["post"], permission_classes=[CanModerate])
    def moderate(self, request: Request, pk: str) -> Response:
        payload = serializers.ModerationSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        claim = self.get_object()
        reason = payload.validated_data["reason"]
        actor = staff_user(request)
        match payload.validated_data["action"]:
            case "publish":
                claim = claim_services.claim_publish(claim=claim, actor=actor)
            case "reject":
                claim = claim_services.claim_reject(claim=claim, actor=actor, reason=reason)
            case "retract":
                claim = claim_services.claim_retract(claim=claim, actor=actor, reason=reason)
            case _:
                claim = claim_services.claim_reopen(claim=claim, actor=actor, reason=reason)
        return self.written(claim.pk, status.HTTP_200_OK)


# --- Runs, measurements, verdicts -----------------------------------------------------------


@extend_schema_view(
    list=extend_schema(summary="Evaluation runs"),
    retrieve=extend_schema(summary="One run: its sealed bundle"),
    create=extend_schema(
        summary="Request an evaluation (staff)",
        request=serializers.EvaluationRequestSerializer,
        responses={202: serializers.EvaluationRunSerializer, **ERRORS},
    ),
)
class EvaluationRunViewSet(WritableViewSet):
    serializer_class = serializers.EvaluationRunSerializer
    filterset_class = filters.EvaluationRunFilter
    ordering_fields = ["id", "requested_at"]

    def get_queryset(self) -> QuerySet[EvaluationRun]:
        return selectors.runs_visible()

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        payload = serializers.EvaluationRequestSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        options = dict(payload.validated_data)
        run = evaluation_request(
            model=options.pop("model"),
            benchmarks=options.pop("benchmarks"),
            requested_by=staff_user(request),
            options=RunOptions(**options),
        )
        # The identical run, when one exists, comes back instead of a new one.
        return self.written(run.pk, status.HTTP_202_ACCEPTED)


@extend_schema_view(
    list=extend_schema(summary="Measurements"),
    retrieve=extend_schema(summary="One measurement"),
)
class MeasurementViewSet(ReadOnlyViewSet):
    serializer_class = serializers.MeasurementSerializer
    filterset_class = filters.MeasurementFilter
    ordering_fields = ["id", "value", "created_at"]
    last_modified_field = "created_at"

    def get_queryset(self) -> QuerySet[Measurement]:
        return selectors.measurements_visible()


@extend_schema_view(
    list=extend_schema(
        summary="Verdicts on published claims",
        description="Computed on request from the claims and our measurements, newest claim "
        "first. Pages go forward only (`next`).",
    ),
    retrieve=extend_schema(summary="The verdict on one published claim, by claim id"),
)
class VerdictViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = serializers.VerdictSerializer
    filterset_class = filters.VerdictFilter
    pagination_class = VerdictCursorPagination
    filter_backends = [DjangoFilterBackend]
    lookup_value_regex = r"\d+"

    def get_queryset(self) -> QuerySet[Claim]:
        # Verdicts are public facts about published claims: staff get the same set.
        return claims_published()

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        claim = self.get_object()
        item = next(selectors.verdicts_in_batches([claim]))
        return Response(self.get_serializer(item).data)


# --- Bulk -----------------------------------------------------------------------------------


class ExportView(generics.GenericAPIView):
    """A whole dataset as one streamed file; the list endpoint's filters apply."""

    dataset: exports.Dataset
    fmt = "csv"
    filterset_class: type[FilterSet]
    filter_backends = [DjangoFilterBackend]
    pagination_class = None

    def rows(self, queryset: QuerySet[Any]) -> Iterator[exports.Row]:
        return self.dataset.rows(queryset)

    def get(self, request: Request) -> StreamingHttpResponse:
        rows = self.rows(self.filter_queryset(self.get_queryset()))
        response = StreamingHttpResponse(
            exports.buffered(exports.render(self.fmt, self.dataset.columns, rows)),
            content_type=exports.FORMATS[self.fmt],
        )
        filename = f"scorecheck-{self.dataset.name}.{self.fmt}"
        response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response


def _export_schema(name: str, fmt: str) -> Any:
    media = exports.FORMATS[fmt].split(";")[0]
    return extend_schema(
        summary=f"All {name} as {'CSV' if fmt == 'csv' else 'JSON Lines'} (streamed)",
        responses={(200, media): OpenApiResponse(OpenApiTypes.BINARY)},
        filters=True,
    )


def _export_views(dataset: exports.Dataset, base: type[ExportView]) -> dict[str, Any]:
    """One view class per format, each with its own documented media type."""
    return {
        fmt: extend_schema_view(get=_export_schema(dataset.name, fmt))(
            type(
                f"{dataset.name.title()}{fmt.title()}Export",
                (base,),
                {"fmt": fmt, "dataset": dataset},
            )
        )
        for fmt in exports.FORMATS
    }


class ClaimExport(ExportView):
    filterset_class = filters.ClaimFilter

    def get_queryset(self) -> QuerySet[Claim]:
        return selectors.claims_visible(user=self.request.user)


class MeasurementExport(ExportView):
    filterset_class = filters.MeasurementFilter

    def get_queryset(self) -> QuerySet[Measurement]:
        return selectors.measurements_visible()


class VerdictExport(ExportView):
    filterset_class = filters.VerdictFilter

    def get_queryset(self) -> QuerySet[Claim]:
        return claims_published()

    def rows(self, queryset: QuerySet[Claim]) -> Iterator[exports.Row]:
        # The verdict filter cannot run in the database (see VerdictFilter).
        return exports.verdict_rows(queryset, verdict=self.request.query_params.get("verdict"))


CLAIM_EXPORTS = _export_views(exports.CLAIMS, ClaimExport)
MEASUREMENT_EXPORTS = _export_views(exports.MEASUREMENTS, MeasurementExport)
VERDICT_EXPORTS = _export_views(exports.VERDICTS, VerdictExport)


class DumpLatestView(APIView):
    @extend_schema(
        summary="The latest nightly dump",
        description="Its files with their sha256, row counts and download links, and the data "
        "licence (CC BY 4.0).",
        responses={200: serializers.DumpManifestSerializer, 404: None},
    )
    def get(self, request: Request) -> Response:
        manifest = dumps.dump_latest()
        if manifest is None:
            raise NotFound("No dump has been written yet.")
        for item in manifest["files"]:
            path = reverse(
                "api:v1:dump-file", kwargs={"stamp": manifest["stamp"], "name": item["name"]}
            )
            item["url"] = request.build_absolute_uri(path)
        return Response(serializers.DumpManifestSerializer(manifest).data)


class DumpFileView(APIView):
    @extend_schema(
        summary="One file of a dump",
        responses={
            (200, "text/csv"): OpenApiResponse(OpenApiTypes.BINARY),
            (200, "application/x-ndjson"): OpenApiResponse(OpenApiTypes.BINARY),
            404: None,
        },
        parameters=[
            OpenApiParameter("stamp", str, OpenApiParameter.PATH, pattern=dumps.STAMP.pattern),
            OpenApiParameter("name", str, OpenApiParameter.PATH, pattern=dumps.FILE_NAME.pattern),
        ],
    )
    def get(self, request: Request, stamp: str, name: str) -> FileResponse:
        path = dumps.dump_file_path(stamp=stamp, name=name)
        if path is None:
            raise NotFound("No such dump file.")
        fmt = name.rsplit(".", 1)[1]
        return FileResponse(
            default_storage.open(path),
            as_attachment=True,
            filename=f"scorecheck-{stamp}-{name}",
            content_type=exports.FORMATS[fmt],
        )


COLLECTIONS = (
    "organizations",
    "models",
    "benchmarks",
    "sources",
    "claims",
    "runs",
    "measurements",
    "verdicts",
)
BASENAMES = {"organizations": "organization", "models": "model", "benchmarks": "benchmark"}


@extend_schema(exclude=True)
class ApiRootView(APIView):
    """The index of the API: each collection, the exports and the documentation, by address."""

    def get(self, request: Request) -> Response:
        def link(name: str) -> str:
            return request.build_absolute_uri(reverse(name))

        collections = {
            name: link(f"api:v1:{BASENAMES.get(name, name.removesuffix('s'))}-list")
            for name in COLLECTIONS
        }
        exports_ = {
            f"{name}.{fmt}": link(f"api:v1:export-{name}-{fmt}")
            for name, views_ in (
                ("claims", CLAIM_EXPORTS),
                ("measurements", MEASUREMENT_EXPORTS),
                ("verdicts", VERDICT_EXPORTS),
            )
            for fmt in views_
        }
        return Response(
            {
                "collections": collections,
                "exports": exports_,
                "latest_dump": link("api:v1:dump-latest"),
                "schema": link("api:schema"),
                "documentation": link("api:docs"),
            }
        )
