"""Models and tasks built offline: random-weight Llama-style models and a local choice task.

They exist so the whole evaluation path (runner, workers, recording) can be exercised with no
network and no downloaded weights: in the test suite on a CPU, and in `bench/` on a GPU with a
realistic size. Scores from these models are noise by construction and are never published.

Importable without Django; needs `torch`, `transformers` and `tokenizers` (the `eval` extra).
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from pathlib import Path

# A small vocabulary of words the choice task uses, so the tokenizer covers every prompt.
_VOCABULARY = """
the a an is are was of to in on at by for with red blue green yellow black white cat dog bird
fish tree stone water fire sky sun moon star big small hot cold fast slow up down left right one
two three four five six seven eight nine ten what which who where question answer colour animal
number grows lives swims flies shines falls
"""
_WORDS = tuple(_VOCABULARY.split())


@dataclass(frozen=True)
class TinyModelConfig:
    layers: int = 2
    hidden: int = 64
    heads: int = 4
    intermediate: int = 128
    vocab_size: int = 512
    max_positions: int = 256
    seed: int = 0


def build_tokenizer(path: Path, *, vocab_size: int = 512) -> None:
    """Train a byte-level BPE tokenizer on generated text and save it as a HF tokenizer."""
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
    from transformers import PreTrainedTokenizerFast

    rng = random.Random(0)
    corpus = [" ".join(rng.choice(_WORDS) for _ in range(12)) for _ in range(2000)]
    tokenizer = Tokenizer(models.BPE(unk_token="<unk>"))
    tokenizer.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tokenizer.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(
        vocab_size=vocab_size,
        special_tokens=["<unk>", "<s>", "</s>"],
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
    )
    tokenizer.train_from_iterator(corpus, trainer=trainer)
    fast = PreTrainedTokenizerFast(
        tokenizer_object=tokenizer, unk_token="<unk>", bos_token="<s>", eos_token="</s>"
    )
    fast.save_pretrained(str(path))


def build_random_llama(path: Path, config: TinyModelConfig | None = None) -> Path:
    """Save a randomly initialised Llama-style causal LM and its tokenizer under `path`."""
    import torch
    from transformers import LlamaConfig, LlamaForCausalLM

    config = config or TinyModelConfig()
    path.mkdir(parents=True, exist_ok=True)
    build_tokenizer(path, vocab_size=config.vocab_size)
    torch.manual_seed(config.seed)
    model = LlamaForCausalLM(
        LlamaConfig(
            vocab_size=config.vocab_size,
            hidden_size=config.hidden,
            intermediate_size=config.intermediate,
            num_hidden_layers=config.layers,
            num_attention_heads=config.heads,
            num_key_value_heads=config.heads,
            max_position_embeddings=config.max_positions,
            bos_token_id=1,
            eos_token_id=2,
            tie_word_embeddings=False,
        )
    )
    model.save_pretrained(str(path))
    return path


CHOICE_TASK_NAME = "scorecheck_tiny_choice"

_CHOICE_TASK_YAML = """\
task: {name}
dataset_path: json
dataset_kwargs:
  data_files:
    test: {data_file}
output_type: multiple_choice
test_split: test
doc_to_text: "Question: {{{{question}}}}\\nAnswer:"
doc_to_target: "{{{{label}}}}"
doc_to_choice: "{{{{choices}}}}"
metric_list:
  - metric: acc
    aggregation: mean
    higher_is_better: true
metadata:
  version: 1.0
"""


def write_choice_task(
    folder: Path, *, name: str = CHOICE_TASK_NAME, documents: int = 40, seed: int = 0
) -> Path:
    """Write a multiple-choice task (YAML + JSONL data) into `folder`; returns the folder.

    `data_files` is absolute because lm-eval resolves it against the working directory,
    not the YAML's folder.
    """
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    data_file = (folder / f"{name}.jsonl").resolve()
    with data_file.open("w", encoding="utf-8") as handle:
        for _ in range(documents):
            subject = rng.choice(_WORDS[10:40])
            choices = rng.sample(_WORDS[10:40], 4)
            doc = {
                "question": f"what colour is the {subject}",
                "choices": choices,
                "label": rng.randrange(4),
            }
            handle.write(json.dumps(doc) + "\n")
    (folder / f"{name}.yaml").write_text(
        _CHOICE_TASK_YAML.format(name=name, data_file=json.dumps(str(data_file))),
        encoding="utf-8",
    )
    return folder


COT_TASK_NAME = "scorecheck_tiny_cot"

# The shape of gsm8k_cot_llama: worked examples as few-shot targets, "The answer is" extracted.
_COT_TASK_YAML = """\
task: {name}
dataset_path: json
dataset_kwargs:
  data_files:
    test: {data_file}
output_type: generate_until
test_split: test
doc_to_text: "Question: {{{{question}}}}\\nAnswer:"
doc_to_target: "{{{{answer if answer is defined else target}}}}"
fewshot_config:
  sampler: first_n
  samples:
    - question: what colour is the sun
      target: " the sun is hot and shines up. The answer is yellow"
    - question: what colour is the sky
      target: " the sky is up at the sun. The answer is blue"
num_fewshot: 2
generation_kwargs:
  until: ["Question:", "\\n\\n"]
  do_sample: false
  max_gen_toks: 12
filter_list:
  - name: strict-match
    filter:
      - function: regex
        regex_pattern: "The answer is (\\\\w+)"
      - function: take_first
metric_list:
  - metric: exact_match
    aggregation: mean
    higher_is_better: true
metadata:
  version: 1.0
"""


def write_cot_task(
    folder: Path, *, name: str = COT_TASK_NAME, documents: int = 6, seed: int = 0
) -> Path:
    """Write a chain-of-thought generation task (worked few-shot examples, answer extracted)."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    data_file = (folder / f"{name}.jsonl").resolve()
    with data_file.open("w", encoding="utf-8") as handle:
        for _ in range(documents):
            subject = rng.choice(_WORDS[22:30])
            doc = {"question": f"what colour is the {subject}", "answer": rng.choice(_WORDS[12:22])}
            handle.write(json.dumps(doc) + "\n")
    (folder / f"{name}.yaml").write_text(
        _COT_TASK_YAML.format(name=name, data_file=json.dumps(str(data_file))), encoding="utf-8"
    )
    return folder


CODE_TASK_NAME = "scorecheck_tiny_code"

# The shape of lm-eval's humaneval: `unsafe_code`, predictions built by a filter, and a
# pass@k metric that loads Hugging Face's code_eval when the task module is imported.
_CODE_TASK_YAML = """\
task: {name}
dataset_path: json
dataset_kwargs:
  data_files:
    test: {data_file}
unsafe_code: true
output_type: generate_until
test_split: test
doc_to_text: "{{{{prompt}}}}"
doc_to_target: "{{{{test}}}}"
generation_kwargs:
  until: ["\\n\\n"]
  do_sample: false
  max_gen_toks: 4
num_fewshot: 0
filter_list:
  - name: create_test
    filter:
      - function: custom
        filter_fn: !function {module}.build_predictions
metric_list:
  - metric: !function {module}.pass_at_k
    aggregation: mean
    higher_is_better: true
    k: [1]
metadata:
  version: 1.0
"""

_CODE_TASK_MODULE = """\
import evaluate as hf_evaluate

compute_ = hf_evaluate.load("code_eval")


def pass_at_k(references, predictions, k=None):
    return compute_.compute(references=references, predictions=predictions, k=k)[0]


def build_predictions(resps, docs):
    # The model's text is ignored: each problem carries the solution to execute, so what runs
    # (a correct one, a wrong one, one that reaches for the network, one that never ends) is
    # known in advance.
    return [[doc["solution"] for _ in resp] for resp, doc in zip(resps, docs)]
"""

# (solution, test); the network solution passes only if it could connect somewhere.
CODE_TASK_SOLUTIONS = {
    "correct": ("def add(a, b):\n    return a + b\n", "assert add(2, 3) == 5"),
    "wrong": ("def add(a, b):\n    return a * b\n", "assert add(2, 3) == 5"),
    "network": (
        "import socket\n"
        "def reach(host, port):\n"
        "    with socket.create_connection((host, port), timeout=2):\n"
        "        return True\n",
        "assert reach({host!r}, {port})",
    ),
    "endless": ("def spin():\n    while True:\n        pass\n", "spin()"),
}


def write_code_task(
    folder: Path, *, reachable: tuple[str, int], name: str = CODE_TASK_NAME
) -> Path:
    """Write a code-execution task whose four solutions are: correct, wrong, one that connects
    to `reachable` (a listening host and port) and one that loops forever."""
    folder.mkdir(parents=True, exist_ok=True)
    host, port = reachable
    data_file = (folder / f"{name}.jsonl").resolve()
    with data_file.open("w", encoding="utf-8") as handle:
        for kind, (solution, test) in CODE_TASK_SOLUTIONS.items():
            doc = {
                "prompt": f"# {kind}\n",
                "solution": solution,
                "test": test.format(host=host, port=port),
            }
            handle.write(json.dumps(doc) + "\n")
    module = f"{name}_utils"
    (folder / f"{module}.py").write_text(_CODE_TASK_MODULE, encoding="utf-8")
    (folder / f"{name}.yaml").write_text(
        _CODE_TASK_YAML.format(name=name, data_file=json.dumps(str(data_file)), module=module),
        encoding="utf-8",
    )
    return folder
