"""How a claimed score was obtained, read from its setting text ("5-shot CoT", "pass@1")."""

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Setting:
    """What a setting string says about how a score was obtained."""

    disclosed: bool
    shots: int | None = None
    chain_of_thought: bool = False
    pass_k: int | None = None

    @property
    def describe(self) -> str:
        if not self.disclosed:
            return "undisclosed"
        parts = []
        if self.shots is not None:
            parts.append(f"{self.shots}-shot")
        if self.chain_of_thought:
            parts.append("CoT")
        if self.pass_k is not None:
            parts.append(f"pass@{self.pass_k}")
        return " ".join(parts) or "stated"


_SHOTS = re.compile(r"(\d+)\s*-?\s*shots?\b", re.IGNORECASE)
_ZERO_SHOT = re.compile(r"\bzero[\s-]?shot\b", re.IGNORECASE)
_COT = re.compile(r"\b(cot|chain[\s-]of[\s-]thought)\b", re.IGNORECASE)
_PASS_K = re.compile(r"pass\s*@\s*(\d+)", re.IGNORECASE)


def parse_setting(text: str, *, shots: int | None = None) -> Setting:
    """Read shots, chain of thought and pass@k from a setting such as "5-shot CoT"."""
    text = (text or "").strip()
    if not text and shots is None:
        return Setting(disclosed=False)
    found_shots = shots
    if found_shots is None:
        match = _SHOTS.search(text)
        if match:
            found_shots = int(match.group(1))
        elif _ZERO_SHOT.search(text):
            found_shots = 0
    pass_match = _PASS_K.search(text)
    return Setting(
        disclosed=True,
        shots=found_shots,
        chain_of_thought=bool(_COT.search(text)),
        pass_k=int(pass_match.group(1)) if pass_match else None,
    )
