"""Attribute claims said in words, the way a reader would say them ("32 experts", not
"num experts 32"): one phrase per attribute, used by verdict reasons and pages alike."""

ATTRIBUTE_PHRASES = {
    "total_params": "{} parameters",
    "active_params": "{} active parameters",
    "num_experts": "{} experts",
    "experts_per_token": "{} experts per token",
    "license": "licence {}",
    "release_date": "released {}",
    "context_length": "a context length of {}",
    "open_weights": "open weights: {}",
}


COUNTS_OF_PARAMETERS = ("total_params", "active_params")


def parameter_count(value: int) -> str:
    """A parameter count as people write it: 70B, 7.24B, 350M."""
    for size, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M")):
        if value >= size:
            return f"{value / size:.2f}".rstrip("0").rstrip(".") + suffix
    return f"{value:,}"


def attribute_phrase(attribute: str, value: object) -> str:
    """`value` of `attribute` in words; an attribute without a phrase reads "name: value"."""
    if attribute in COUNTS_OF_PARAMETERS and isinstance(value, int):
        value = parameter_count(value)
    phrase = ATTRIBUTE_PHRASES.get(attribute)
    if phrase is None:
        return f"{attribute.replace('_', ' ')}: {value}"
    return phrase.format(value)
