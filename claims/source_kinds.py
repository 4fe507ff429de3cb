"""A source's kind from its address, when no feed or person says it.

Lineage (press repeating a vendor's figure) reads the kind of each source, so a document must
not be called a vendor's just because nothing said otherwise: an address no rule knows gives
`SourceKind.UNKNOWN`. Rules are data: the first that matches wins.
"""

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from .models import SourceKind


@dataclass(frozen=True)
class KindRule:
    kind: str
    domain: str  # the host, or a domain the host lies under
    path: str = ""  # a regular expression the path must match; empty: any path

    def matches(self, host: str, path: str) -> bool:
        if host != self.domain and not host.endswith("." + self.domain):
            return False
        return not self.path or re.search(self.path, path) is not None


# Model hubs: a repository page (organization/name) is a model card; their other pages are not.
HUB_RULES = (
    KindRule(
        SourceKind.MODEL_CARD,
        "huggingface.co",
        r"^/(?!(?:blog|datasets|spaces|docs|papers|learn|posts|collections|organizations)/)"
        r"[^/]+/[^/]+(?:/(?:blob|raw|resolve)/[^/]+/README\.md)?/?$",
    ),
    KindRule(SourceKind.VENDOR_BLOG, "huggingface.co", r"^/blog/"),
    KindRule(SourceKind.MODEL_CARD, "modelscope.cn", r"^/models/[^/]+/[^/]+"),
    KindRule(SourceKind.MODEL_CARD, "ollama.com", r"^/library/[^/]+"),
    KindRule(SourceKind.PAPER, "arxiv.org"),
    KindRule(SourceKind.PAPER, "openreview.net"),
)

# Labs publishing their own models' results.
VENDOR_DOMAINS = (
    "openai.com",
    "anthropic.com",
    "deepmind.google",
    "blog.google",
    "ai.google.dev",
    "ai.meta.com",
    "mistral.ai",
    "qwenlm.github.io",
    "qwen.ai",
    "alibabacloud.com",
    "deepseek.com",
    "x.ai",
    "cohere.com",
    "ai21.com",
    "nvidia.com",
    "microsoft.com",
    "allenai.org",
    "moonshot.ai",
    "z.ai",
    "minimax.io",
    "01.ai",
    "ibm.com",
    "amazon.science",
)

# Newsrooms and trade press writing about model releases.
PRESS_DOMAINS = (
    "venturebeat.com",
    "techcrunch.com",
    "theverge.com",
    "arstechnica.com",
    "wired.com",
    "reuters.com",
    "bloomberg.com",
    "cnbc.com",
    "theregister.com",
    "zdnet.com",
    "technologyreview.com",
    "the-decoder.com",
    "siliconangle.com",
    "marktechpost.com",
    "theinformation.com",
    "ft.com",
    "nytimes.com",
    "scmp.com",
    "infoq.com",
    "analyticsindiamag.com",
)

KIND_RULES: tuple[KindRule, ...] = (
    *HUB_RULES,
    *(KindRule(SourceKind.VENDOR_BLOG, domain) for domain in VENDOR_DOMAINS),
    *(KindRule(SourceKind.PRESS, domain) for domain in PRESS_DOMAINS),
)


def source_kind_for_url(url: str) -> str:
    """The kind of the document at `url` by the first rule its address matches, else unknown."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower().removeprefix("www.")
    for rule in KIND_RULES:
        if host and rule.matches(host, parts.path or "/"):
            return rule.kind
    return SourceKind.UNKNOWN
