"""The sitemap: catalogue pages, published claims, sources and the site's own pages."""

from typing import Any

from django.contrib.sitemaps import Sitemap
from django.db.models import QuerySet
from django.urls import reverse

from catalogue.models import Benchmark, CatalogueStatus, ModelRelease, Organization
from claims.models import Claim, Source
from claims.visibility import claims_published, sources_public


class StaticSitemap(Sitemap):
    def items(self) -> list[str]:
        return [
            "leaderboard:home",
            "leaderboard:overall",
            "pages:methodology",
            "pages:about",
        ]

    def location(self, item: str) -> str:  # type: ignore[override]
        return reverse(item)


class CatalogueSitemap(Sitemap):
    def __init__(self, model: Any) -> None:
        self.model = model

    def items(self) -> QuerySet[Any]:
        return self.model.objects.filter(status=CatalogueStatus.PUBLISHED).order_by("pk")


class ClaimSitemap(Sitemap):
    limit = 10000

    def items(self) -> QuerySet[Claim]:
        return claims_published().select_related(None).only("pk", "updated_at").order_by("pk")

    def lastmod(self, item: Claim) -> Any:
        return item.updated_at


class SourceSitemap(Sitemap):
    def items(self) -> QuerySet[Source]:
        return sources_public().only("pk", "updated_at").order_by("pk")

    def lastmod(self, item: Source) -> Any:
        return item.updated_at


SITEMAPS = {
    "pages": StaticSitemap(),
    "models": CatalogueSitemap(ModelRelease),
    "benchmarks": CatalogueSitemap(Benchmark),
    "organizations": CatalogueSitemap(Organization),
    "claims": ClaimSitemap(),
    "sources": SourceSitemap(),
}
