"""Names the extractor recognises: benchmark names, model family names, licences.

General knowledge about the field, not about any one document. Benchmarks that are not listed
are still found in tables (a column header is a benchmark by position) and after "on"/"in".
"""

import re

BENCHMARKS = """
MMLU|MMLU-Pro|MMLU PRO|MMLU-Redux|MMLU-ProX|MMMLU|Global-MMLU|CMMLU|C-Eval|GPQA|GPQA Diamond|
SuperGPQA|HellaSwag|Winogrande|WinoGrande|ARC|ARC-Challenge|ARC-Easy|ARC-C|ARC-E|ArcChallenge|
ArcEasy|AI2 Reasoning Challenge|TruthfulQA|TQA|GSM8K|GSM-8K|GSM8k|GSMK8k|MGSM|MATH|MATH-500|
MATH500|MATH Lvl 5|AIME|AIME 2024|AIME 2025|AIME24|AIME25|HMMT|Omni-MATH|OlympiadBench|
HumanEval|HumanEval+|Humaneval-Infilling|HumanEval-Infilling|MBPP|MBPP+|EvalPlus|LiveCodeBench|
BigCodeBench|SWE-bench|SWE-bench Verified|SWE-Bench Verified|Aider|McEval|MdEval|CRUXEval|
MultiPL-E|DS-1000|Spider|BIRD|CrossCodeEval|CrossCodeLongEval|RepoEval|SAFIM|Codeforces|
RULER|LV-Eval|LongBench|LongBench-Chat|LongBench v2|Passkey Retrieval|Needle in a Haystack|
InfiniteBench|MT-Bench|MT Bench|AlpacaEval|AlpacaEval 2.0|Arena-Hard|Arena Hard|Chatbot Arena|
LMSYS Arena|WildBench|MixEval|LiveBench|IFEval|Multi-IF|BBH|BIG-Bench Hard|BIG-Bench|AGIEval|
AGIEval English|CommonSenseQA|CommonsenseQA|PIQA|SIQA|Social IQa|OpenBookQA|BoolQ|LAMBADA|
WebQuestions|TriviaQA|TriviaQA-Wiki|NaturalQuestions|Natural Questions|SQuAD|QuAC|DROP|RACE|
CB|COPA|RTE|WiC|WSC|ReCoRD|MultiRC|ANLI|MMMU|MMMU-Pro|MathVista|MathVision|MME|GQA|SQA|
ScienceQA|POPE|VQAv2|TextVQA|DocVQA|ChartQA|AI2D|MM-Bench|MMBench|SEED-IMG|SEED-Bench|
OCRBench|RealWorldQA|Video-MME|HallusionBench|BFCL|BFCL-V3|BFCL-V4|BFCL v3|BFCL v4|
TAU-bench|τ-bench|Tau-bench|Tau2-bench|τ²-bench|Terminal-Bench|HLE|Humanity's Last Exam|
SimpleQA|BrowseComp|OSWorld|MuSR|FLORES|XNLI|Open LLM Leaderboard|Multilingual LLM Leaderboard|
Nexus|API-Bank|ToolBench|CRAG|GAOKAO|CLUEWSC|Arena-Hard-Auto|FRAMES|ZebraLogic|KOR-Bench
"""

BENCHMARK_NAMES: tuple[str, ...] = tuple(
    sorted(
        {b.strip() for b in BENCHMARKS.replace("\n", "").split("|") if b.strip()},
        key=len,
        reverse=True,
    )
)

# Short all-caps names that are also ordinary words or abbreviations; only read as benchmarks
# in a list of benchmarks or a table header.
AMBIGUOUS_BENCHMARKS = {
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
Next|Air|Edge|Expert|Distill|R1|V2|V3|V2.5|V3.1|Scout|Maverick|Hermes|Reasoning|Chat-hf|hf|
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
