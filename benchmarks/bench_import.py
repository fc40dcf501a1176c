"""`reader notes import` benchmark (run by hand): time at N and 2N lines.

    .venv/bin/python benchmarks/bench_import.py [--lines 8000] [--profile]

Every line highlights the same words of one article with its own note, so
each is new, and all of them are checked against the ones before (the
worst case for finding duplicates). Each size is imported twice: into an
empty store, then again into the same store (every line already saved).
The figure to read is the ratio 2N / N: about 2 when the import is linear
in its lines, about 4 when it is quadratic (as it was: 16k lines took 80 s).
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import io
import json
import os
import pstats
import shutil
import tempfile
import time
from pathlib import Path

from reader.cli import main as reader_main

SEED = Path(__file__).resolve().parent.parent / "seeds" / "xiaomi-yu7-us-market.txt"


def write_notes(folder: Path, lines: int) -> Path:
    article = folder / "article.txt"
    shutil.copyfile(SEED, article)
    notes = folder / f"notes-{lines}.jsonl"
    with notes.open("w", encoding="utf-8") as f:
        for i in range(lines):
            row = {"path": "article.txt", "quote": "Lei Jun", "nth": 1, "note": f"note {i}"}
            f.write(json.dumps(row) + "\n")
    return notes


def timed_import(db: Path, notes: Path) -> float:
    """Seconds for one `reader --db DB notes import NOTES`, output discarded."""
    sink = io.StringIO()
    started = time.perf_counter()
    with contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink):
        code = reader_main(["--db", str(db), "notes", "import", str(notes)])
    took = time.perf_counter() - started
    if code != 0:
        raise SystemExit(f"import failed ({code}): {sink.getvalue()[-400:]}")
    return took


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--lines", type=int, default=8000, help="N (2N is timed too)")
    parser.add_argument("--profile", action="store_true", help="print the top functions at 2N")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="bench-import-"))
    os.environ["READER_HOME"] = str(work / "home")
    try:
        results: dict[int, tuple[float, float]] = {}
        for lines in (args.lines, 2 * args.lines):
            folder = work / str(lines)
            folder.mkdir()
            notes = write_notes(folder, lines)
            db = folder / "store.json"
            profiler = cProfile.Profile() if args.profile and lines > args.lines else None
            if profiler is not None:
                profiler.enable()
            fresh = timed_import(db, notes)
            again = timed_import(db, notes)
            if profiler is not None:
                profiler.disable()
                pstats.Stats(profiler).sort_stats("cumulative").print_stats(15)
            results[lines] = (fresh, again)
            print(f"{lines:>7,} lines: new {fresh:6.2f} s, all already saved {again:6.2f} s")
        (n_new, n_again), (d_new, d_again) = results[args.lines], results[2 * args.lines]
        print(
            f"2N / N: new {d_new / n_new:.2f}x, already saved {d_again / n_again:.2f}x "
            "(linear ~2x, quadratic ~4x)"
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
