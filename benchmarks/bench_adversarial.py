"""Extraction on adversarial text: does doubling the input double the time?

Run by hand (not in CI), from the repository root:

    .venv/bin/python benchmarks/bench_adversarial.py [--size 500000] [--runs 5]

For each shape (runs of "A-", "A'", "Jean-", "Port-Alder-North-", capitalised
words, quote marks, digits with separators, "said said said", unclosed
quotes, HTML in Markdown...) it times `reader.extract.extract` (and, for the
Markdown shapes, `parse`) on an article of --size characters and on one twice
as large, and prints both times and their ratio. Bar (exit status 1 if one
fails): a ratio of at most 3.0 (linear is 2.0; quadratic work is 4.0). Times
are CPU seconds of this process (best of --runs), so a busy machine does not
fail the bar. Before the fix, the hyphen and apostrophe runs were quadratic
("A-" * 100_000: about 4 minutes).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable

from reader.extract import extract
from reader.ingest import parse

MAX_RATIO = 3.0

SHAPES = {
    "A- runs": "A-",
    "A' runs": "A'",
    "A’ runs": "A’",
    "Jean- runs": "Jean-",
    "Port-Alder-North- tag": "Port-Alder-North-",
    "capitalised words": "Ana Duarte ",
    "straight quote marks": '"',
    "curly quote marks": "“",
    "unclosed quotes": '"a ',
    "attributed quotes": "“A b c,” said Ana Duarte. ",
    "said said said": "said ",
    "role then long name": "said her lawyer, " + "A" * 400 + " ",
    "digits with commas": "1,",
    "digits with points": "1.",
    "numbers and spaces": "1 ",
    "money": "$1 million ",
}
MARKDOWN_SHAPES = {
    "unclosed <p in HTML": "<div>\n" + "<p " * 1_999,
    "unclosed comments in HTML": "<div>\n" + "<!--a>" * 999,
}
"""Markdown keeps at most 2,000 "<" per paragraph for markdown-it-py; the
rest of the article is one long tail after them."""


def best_of(runs: int, work: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(runs):
        begin = time.process_time()
        work()
        best = min(best, time.process_time() - begin)
    return best


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size", type=int, default=500_000, help="characters of the smaller input")
    ap.add_argument("--runs", type=int, default=5, help="timings per measure (best is kept)")
    args = ap.parse_args(argv)
    ok = True
    wall = time.perf_counter()
    print(f"{'shape':34} {'N':>9} {'2N':>9} {'ratio':>6}")

    def report(name: str, small: float, large: float) -> None:
        nonlocal ok
        ratio = large / max(small, 1e-6)
        verdict = "ok" if ratio <= MAX_RATIO else "FAIL"
        print(f"{name:34} {small:8.3f}s {large:8.3f}s {ratio:6.2f} {verdict}")
        ok &= ratio <= MAX_RATIO

    for name, unit in SHAPES.items():
        articles = [parse("Title\n\n" + unit * (args.size * k // len(unit))) for k in (1, 2)]
        small, large = (best_of(args.runs, lambda a=a: extract(a)) for a in articles)
        report(name, small, large)
    for name, head in MARKDOWN_SHAPES.items():
        texts = [head + "a" * (args.size * k) for k in (1, 2)]
        small, large = (best_of(args.runs, lambda t=t: parse(t, markdown=True)) for t in texts)
        report(f"{name} (parse)", small, large)
    print(f"(CPU seconds; the whole run took {time.perf_counter() - wall:.1f} s wall-clock)")
    print("all bars met" if ok else "SOME BARS FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
