"""Moderating several claims at once: one decision applied to each through the claim services,
and the message that says what came of it in correct English ("1 claim published")."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import ngettext

from core.errors import ApplicationError

from .models import Claim
from .services import User, claim_publish, claim_reject, claim_reopen, claim_retract


@dataclass(frozen=True)
class Decision:
    """One moderation decision: the service that makes it and the words that report it."""

    service: Callable[..., Claim]
    done: str  # past participle: "3 claims published"
    needs_reason: bool
    takes_reason: bool = True


DECISIONS: dict[str, Decision] = {
    "publish": Decision(claim_publish, "published", needs_reason=False, takes_reason=False),
    "reject": Decision(claim_reject, "rejected", needs_reason=True),
    "retract": Decision(claim_retract, "retracted", needs_reason=True),
    "reopen": Decision(claim_reopen, "returned to review", needs_reason=False),
}


@dataclass
class ModerationOutcome:
    decision: str
    done: list[Claim] = field(default_factory=list)
    refused: list[tuple[Claim, str]] = field(default_factory=list)  # with the service's reason

    @property
    def message(self) -> str:
        return counted(len(self.done), "claim") + " " + DECISIONS[self.decision].done + "."

    @property
    def refusal(self) -> str:
        """What was not done and why, one claim after another; empty when all went through."""
        return "; ".join(f"claim #{claim.pk}: {why}" for claim, why in self.refused)


def counted(count: int, noun: str, plural: str = "") -> str:
    """`count` and the noun in the right number: "1 claim", "0 claims", "3 claims"."""
    return f"{count} {ngettext(noun, plural or noun + 's', count)}"


def claims_moderate(
    *, claims: Iterable[Claim], decision: str, actor: User, reason: str = ""
) -> ModerationOutcome:
    """Apply `decision` to each claim through its service (which records the event). A claim
    the service refuses (a retracted claim cannot be published) is reported, not fatal; a
    decision that needs a reason and has none is refused before any claim changes."""
    if decision not in DECISIONS:
        raise ApplicationError(f"Unknown decision “{decision}”.", extra={"decision": decision})
    chosen = DECISIONS[decision]
    if chosen.needs_reason and not reason.strip():
        raise ApplicationError(f"Say why: a reason is required to {decision} a claim.")
    outcome = ModerationOutcome(decision)
    for claim in claims:
        kwargs: dict[str, Any] = {"claim": claim, "actor": actor}
        if chosen.takes_reason:
            kwargs["reason"] = reason
        try:
            outcome.done.append(chosen.service(**kwargs))
        except ApplicationError as error:
            outcome.refused.append((claim, error.message))
    return outcome
