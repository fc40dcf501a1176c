"""Markdown ingest of cost bombs, N against 2N (run by hand, not in CI).

    .venv/bin/python benchmarks/bench_markdown.py [--runs 3]

Each input is ingested whole (`reader.ingest.parse`, Markdown) at size N
and 2N, and the CPU time of both is printed with their ratio:
- chunks of 999 `![` (each under the per-chunk guard; 1,000 of them took
  82 s before the document-wide budget);
- a 3-row table with that many columns (1,000,000 took 31 s and 2.8 GB);
- a header that wide padded into that many short rows;
- ordinary news Markdown (the seed articles repeated), for comparison.
Bars (exit status 1 if one fails): 2N takes at most MAX_GROWTH times N,
and every bomb at 2N takes under BOMB_LIMIT_S. Times are CPU seconds of this
process, best of --runs, so a busy machine does not fail the bars.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

from reader.ingest import parse

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
MAX_GROWTH = 2.6
BOMB_LIMIT_S = 2.0


def image_bomb(chunks: int) -> str:
    return "# Bomb\n\n" + "\n\n".join(["![" * 999] * chunks) + "\n"


def wide_table(columns: int) -> str:
    row = "|" + "a|" * columns
    return "# Table\n\n" + row + "\n|" + "-|" * columns + "\n" + row + "\n"


def padded_table(rows: int) -> str:
    return "# Padded\n\n|" + "h|" * 5_000 + "\n|" + "-|" * 5_000 + "\n" + "x\n" * rows


def news(copies: int) -> str:
    seeds = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    story = "\n\n".join(s.strip() for s in seeds)
    return "# News\n\n" + "\n\n".join([story] * copies)


def best_of(runs: int, work: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(runs):
        begin = time.process_time()
        work()
        best = min(best, time.process_time() - begin)
    return best


CASES: list[tuple[str, Callable[[int], str], int, bool]] = [
    ("chunks of 999 '!['", image_bomb, 1_000, True),
    ("3-row table, columns", wide_table, 1_000_000, True),
    ("5,000-column header, rows", padded_table, 2_000, True),
    ("news markdown, copies", news, 100, False),
]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3, help="timings per measure (best is kept)")
    args = ap.parse_args(argv)
    ok = True
    wall = time.perf_counter()
    print(f"{'input':30} {'N':>10} {'time N':>9} {'time 2N':>9} {'2N/N':>6}")
    for name, build, n, bomb in CASES:
        times = []
        for size in (n, 2 * n):
            text = build(size)
            times.append(best_of(args.runs, lambda t=text: parse(t, source="b.md", markdown=True)))
        growth = times[1] / max(times[0], 1e-6)
        bad = growth > MAX_GROWTH or (bomb and times[1] > BOMB_LIMIT_S)
        verdict = "FAIL" if bad else "ok"
        print(f"{name:30} {n:>10,} {times[0]:8.3f}s {times[1]:8.3f}s {growth:5.2f}x {verdict}")
        ok &= not bad
    print(f"bars: 2N/N <= {MAX_GROWTH}x; a bomb at 2N under {BOMB_LIMIT_S} s CPU")
    print(f"(CPU seconds; the whole run took {time.perf_counter() - wall:.1f} s wall-clock)")
    print("all bars met" if ok else "SOME BARS FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
