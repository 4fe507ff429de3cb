"""Names the extractor recognises: benchmark names, model family names, licences.

General knowledge about the field, not about any one document. Benchmarks that are not listed
are still found in tables (a column header is a benchmark by position) and after "on"/"in".
"""

import re
from pathlib import Path

import yaml

# The benchmark catalogue is the one list of benchmark names: a benchmark added there is
# recognised in documents from then on. Read through this one path.
BENCHMARK_CATALOGUE = Path(__file__).resolve().parents[2] / "catalogue" / "data" / "benchmarks.yaml"

# Benchmarks documents report that the catalogue does not list (it lists those the site can
# check). Their figures are still claims; they resolve to no catalogue entry.
UNCATALOGUED_BENCHMARKS = """
MMLU-ProX|MMMLU|Global-MMLU|CMMLU|C-Eval|SuperGPQA|MATH Lvl 5|HMMT|Omni-MATH|OlympiadBench|
HumanEval-Infilling|Humaneval-Infilling|MultiPL-E|DS-1000|Spider|BIRD|CrossCodeLongEval|
Codeforces|SWE-bench|LongBench|LongBench v2|Needle in a Haystack|InfiniteBench|Chatbot Arena|
LMSYS Arena|WildBench|MixEval|LiveBench|Multi-IF|BIG-Bench|RACE|MultiRC|ANLI|MathVista|
MathVision|DocVQA|ChartQA|AI2D|OCRBench|RealWorldQA|Video-MME|HallusionBench|BrowseComp|
OSWorld|FLORES|XNLI|Nexus|API-Bank|ToolBench|CRAG|GAOKAO|CLUEWSC|FRAMES|ZebraLogic|KOR-Bench|
ARC-AGI|ARC-AGI-2|SWE-bench Multilingual|SWE-Multilingual|Tau2-bench|τ²-bench
"""


def _split(names: str) -> set[str]:
    return {n.strip() for n in names.replace("\n", "").split("|") if n.strip()}


def catalogue_benchmark_names(path: Path = BENCHMARK_CATALOGUE) -> set[str]:
    """Every name and alias the benchmark catalogue gives."""
    with path.open(encoding="utf-8") as handle:
        entries = yaml.safe_load(handle) or []
    return {str(n) for e in entries for n in (e["name"], *(e.get("aliases") or [])) if n}


BENCHMARK_NAMES: tuple[str, ...] = tuple(
    sorted(
        catalogue_benchmark_names() | _split(UNCATALOGUED_BENCHMARKS),
        key=len,
        reverse=True,
    )
)

# Short all-caps names that are also ordinary words or abbreviations; only read as benchmarks
# in a list of benchmarks or a table header.
AMBIGUOUS_BENCHMARKS = {
    "NQ",
    "LCB",
    "Ruler",
    "Passkey",
    "Leaderboard score",
    "CB",
    "RACE",
    "DROP",
    "MATH",
    "BIRD",
    "ARC",
    "RTE",
    "WiC",
    "WSC",
    "Spider",
    "HLE",
    "SQA",
    "TQA",
    "Nexus",
    "CRAG",
    "COPA",
}

# Model family names. Those that are also organisation names ("Mistral released ...") need a
# version or size after them to count as a model in prose.
FAMILIES = """
GPT|ChatGPT|Claude|Sonnet|Opus|Haiku|Gemini|Gemma|CodeGemma|PaLM|Bard|LLaMA|Llama|LLama|
CodeLlama|Code Llama|Llama Guard|Prompt Guard|Mixtral|Codestral|Ministral|Magistral|Mathstral|
QwQ|Qwen|Falcon|Phi|PHI|DeepSeek|Yi|MPT|Bloom|BLOOM|BLOOMZ|GLM|ChatGLM|SmolLM|MobileLM|
MobileLLM|DeciLM|Vicuna|LLaVA|Zephyr|zephyr|OpenChat|openchat|Command R|Command-R|Grok|Kimi|
MiniMax|StarCoder|StarCoder2|InternLM|InternVL|Baichuan|OLMo|Nemotron|Jamba|DBRX|Granite|
Pythia|Alpaca|Orca|WizardLM|WizardCoder|Hermes|Aya|Reka|Arctic|ERNIE|Hunyuan|Gopher|
Chinchilla|Jurassic|o1|o3|o4|Mistral|GLM4|Cohere|Nova|Llama-Guard
"""
FAMILY_NAMES: tuple[str, ...] = tuple(
    sorted(
        {f.strip() for f in FAMILIES.replace("\n", "").split("|") if f.strip()},
        key=len,
        reverse=True,
    )
)
# Families whose bare name is usually the company or is an ordinary word.
NEEDS_VERSION = {
    "Mistral",
    "Qwen",
    "DeepSeek",
    "Cohere",
    "Nova",
    "Arctic",
    "Hermes",
    "Orca",
    "Reka",
    "Aya",
    "Falcon",
    "Phi",
    "PHI",
    "Yi",
    "o1",
    "o3",
    "o4",
    "Alpaca",
    "Bloom",
    "Granite",
    "Jamba",
    "GPT",
    "Grok",
    "Kimi",
    "MiniMax",
}

MODEL_SUFFIXES = """
Instruct|Chat|Base|Coder|Turbo|mini|Mini|Pro|Plus|Max|Medium|Large|Small|Ultra|Flash|Nano|nano|
Lite|VLM|Vision|Omni|Sonnet|Opus|Haiku|Preview|Thinking|Reasoner|Guard|Math|Code|Embed|Tiny|
Next|Air|Edge|Expert|Heavy|Distill|R1|V2|V3|V2.5|V3.1|Scout|Maverick|Hermes|Reasoning|Chat-hf|hf|
Instruct-v0.1|Instruct-v0.2|Instruct-v0.3|Medium-Instruct|FP8|AWQ|GPTQ|GGUF|Long|Experimental
"""
SUFFIX_NAMES: tuple[str, ...] = tuple(
    sorted(
        {s.strip() for s in MODEL_SUFFIXES.replace("\n", "").split("|") if s.strip()},
        key=len,
        reverse=True,
    )
)

LICENSES = r"""
Apache(?:[- ]License)?[- ]?(?:2\.0|2)?|MIT(?:\s+License)?|BSD(?:-\d-Clause)?|GPL-?\d(?:\.\d)?|
AGPL-?\d(?:\.\d)?|CC[- ]BY(?:[- ](?:NC|SA|ND))*(?:[- ]\d\.\d)?|OpenRAIL(?:-M)?|
BigCode OpenRAIL-M|Llama \d(?:\.\d)? (?:Community )?[Ll]icen[cs]e|Gemma (?:[Tt]erms of [Uu]se|
[Ll]icen[cs]e)|Qwen[- ]Research(?: [Ll]icen[cs]e)?|TII Falcon License(?: \d\.\d)?|
Falcon-180B TII License|Mistral Research License|Proprietary|proprietary
"""
LICENSE_RE = re.compile(r"\b(?:" + LICENSES.replace("\n", "") + r")(?![\w.])")

# Canonical names for leaderboards that documents call by several names.
LEADERBOARD_ALIASES = {
    "llm leaderboard": "Open LLM Leaderboard",
    "open llm leaderboard": "Open LLM Leaderboard",
    "open llm leaderboard 2": "Open LLM Leaderboard",
    "hugging face leaderboard": "Open LLM Leaderboard",
    "hugging face open llm leaderboard": "Open LLM Leaderboard",
    "hf leaderboard": "Open LLM Leaderboard",
    "leaderboard": "Open LLM Leaderboard",
    "multilingual llm leaderboard": "Multilingual LLM Leaderboard",
    "open multilingual llm leaderboard": "Multilingual LLM Leaderboard",
}
