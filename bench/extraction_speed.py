"""Extraction time per megabyte as documents grow: it must stay flat (linear time).

    python bench/extraction_speed.py [--sizes 0.1,1,10] [--forms NAME,...]

Each form is a document built by repeating one unit of text up to the size asked, then read,
parsed and extracted as production does (`document_read` then `document_extract`). Forms:

  article     paragraphs, a markdown table and a list, about invented models (typical input)
  one-line    one line of "Acme-7B scores 72.2 on MMLU, " repeated (no paragraph breaks)
  pairs       "MMLU: 1, " repeated on one line
  paragraph   one paragraph of ordinary sentences naming models and benchmarks

Prints seconds and seconds per MB for each size; a time per MB that grows with the size is a
super-linear hot spot.
"""

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "scorecheck.settings.test")

import django  # noqa: E402

django.setup()

from claims.extract.document import document_extract  # noqa: E402
from claims.extract.files import document_read  # noqa: E402

ARTICLE = """## Vela-7B-Instruct results

Vela-7B-Instruct reaches 61.2% on GPQA, ahead of Norn-12B at 55.0% and Tarn-3B at 49.3%.
On HumanEval, V7 scores 70.1 while Norn-12B trails at 66.4 (pass@1).

| Model | MMLU | GSM8K |
|---|---|---|
| Vela-7B-Instruct | 71.3 | 80.2 |
| Norn-12B | 64.0 | 75.5 |

GlyphQA
- Vela-7B-Instruct: 48.1%
- Norn-12B: 45.0%

"""
FORMS = {
    "article": (ARTICLE, "text/markdown"),
    "one-line": ("Acme-7B scores 72.2 on MMLU, ", "text/plain"),
    "pairs": ("MMLU: 1, ", "text/plain"),
    "paragraph": (
        "Norn-12B edges out Tarn-3B on GSM8K while Vela-7B reaches 61.2% on GPQA. ",
        "text/plain",
    ),
}


def document_of(unit: str, size: int) -> bytes:
    return (unit * (size // len(unit) + 1))[:size].encode()


def seconds(content: bytes, content_type: str) -> float:
    start = time.process_time()
    document_extract(document_read(content=content, content_type=content_type))
    return time.process_time() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="0.1,1,10", help="megabytes, comma-separated")
    parser.add_argument("--forms", default=",".join(FORMS))
    args = parser.parse_args(argv)
    sizes = [float(s) for s in args.sizes.split(",")]
    print(f"{'form':<10} {'MB':>6} {'seconds':>9} {'s/MB':>8}")
    for name in args.forms.split(","):
        unit, content_type = FORMS[name]
        for mb in sizes:
            content = document_of(unit, int(mb * 1_000_000))
            took = seconds(content, content_type)
            print(f"{name:<10} {mb:>6g} {took:>9.2f} {took / mb:>8.2f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
