"""Interface speed on big and hostile articles: the time bars the tests used to hold.

Run by hand (not in CI), from the repository root:

    .venv/bin/python benchmarks/bench_ui.py [--runs 3] [--skip-corpus]

The tests check what the interface does with these articles (and count
rendered rows or calls, which a busy machine cannot change); how long it
takes is measured here. Times are CPU seconds of this process, all threads
(best of --runs), so other programs on the machine do not fail the bars;
wall-clock seconds are printed beside them. Bars (exit status 1 if one
fails):

- wrapping a 1 MB single-line paragraph at 72 columns: under 1 s, beside
  `textwrap.wrap` of the same text;
- selecting in a 1 MB paragraph (v, then 50 times s and W): under 2 s;
- the reader (App.run_test, 120x40) on a 1 MB article: first paint of the
  pane under 2 s, and each of G g space space b under 1 s
  (bench_startup.py holds the 1 s bar for the real terminal);
- every loadable payload of the hostile corpus (tests/hostile/payloads.py):
  read from its file and painted in the reader (160x48) under 2 s.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reader.errors import BadInputError
from reader.ingest import parse
from reader.model import Article, Extraction
from reader.text.units import TextUnits, Unit
from reader.ui.layout import wrap

REPO = Path(__file__).resolve().parent.parent
WRAP_BAR = 1.0
SELECT_BAR = 2.0
FIRST_PAINT_BAR = 2.0
KEY_BAR = 1.0
KEYS = ("G", "g", "space", "space", "b")


@dataclass(frozen=True)
class Clock:
    """Wall-clock and process CPU seconds (all threads), read together."""

    wall: float
    cpu: float

    @staticmethod
    def now() -> Clock:
        return Clock(time.perf_counter(), time.process_time())

    def __sub__(self, other: Clock) -> Clock:
        return Clock(self.wall - other.wall, self.cpu - other.cpu)


def best_of(runs: int, work: Callable[[], object]) -> Clock:
    """The run with the least CPU time of `runs` runs of `work`."""
    timings = []
    for _ in range(runs):
        began = Clock.now()
        work()
        timings.append(Clock.now() - began)
    return min(timings, key=lambda c: c.cpu)


def verdict(seconds: float, bar: float) -> str:
    return "ok" if seconds < bar else "FAIL"


def bench_text(runs: int) -> bool:
    ok = True
    line = "word " * 200_000
    ours = best_of(runs, lambda: wrap(line, 0, len(line), 72))
    peer = best_of(1, lambda: textwrap.wrap(line, 72))
    print(
        f"wrap 1 MB line at 72: {ours.cpu:.3f}s CPU ({ours.wall:.3f}s wall); "
        f"textwrap.wrap {peer.cpu:.3f}s; bar <{WRAP_BAR}s {verdict(ours.cpu, WRAP_BAR)}"
    )
    ok &= ours.cpu < WRAP_BAR

    text = "Title\n\n" + "Word after word makes a long sentence. " * 27_000
    article = parse(text)

    def select() -> None:
        units = TextUnits(article)
        selection = units.start_selection(len(text) // 2)
        assert selection is not None
        for _ in range(50):
            selection = units.extend(selection, Unit.SENTENCE)
            selection = units.shrink(selection, Unit.WORD)

    ours = best_of(runs, select)
    print(
        f"select in a 1 MB paragraph (v, 50x s W): {ours.cpu:.3f}s CPU ({ours.wall:.3f}s wall); "
        f"bar <{SELECT_BAR}s {verdict(ours.cpu, SELECT_BAR)}"
    )
    return ok & (ours.cpu < SELECT_BAR)


async def first_paint(
    article: Article,
    config_file: Path,
    size: tuple[int, int],
    keys: tuple[str, ...] = (),
    extraction: Extraction | None = None,
) -> tuple[Clock, list[Clock]]:
    """From the app's start to the article pane's first paint; then each key
    press until the screen is rendered again."""
    from reader.ui.app import ReaderApp
    from reader.ui.widgets.article_view import ArticleView

    app = ReaderApp(articles=[article], config_file=config_file, seed=False)
    if extraction is not None:
        app.extractions[article.id] = extraction
    painted: list[Clock] = []
    real_render_line = ArticleView.render_line

    def timed_render_line(view: ArticleView, y: int) -> Any:
        if not painted and view.layout_lines:
            painted.append(Clock.now())
        return real_render_line(view, y)

    ArticleView.render_line = timed_render_line  # type: ignore[method-assign]
    started = Clock.now()
    pressed: list[Clock] = []
    try:
        async with app.run_test(size=size) as pilot:
            while not painted:
                await pilot.pause(0.01)
            for key in keys:
                before = Clock.now()
                await pilot.press(key)
                list(app.screen._compositor.render_strips())
                pressed.append(Clock.now() - before)
    finally:
        ArticleView.render_line = real_render_line  # type: ignore[method-assign]
    return painted[0] - started, pressed


def big_article() -> Article:
    paragraph = " ".join(["The harbour authority said the bridge would reopen soon."] * 40)
    body = "\n\n".join(paragraph for _ in range(450))
    return parse("A very long article\n\n" + body + "\n\n" + "word " * 60_000)


def bench_big_article(runs: int, folder: Path) -> bool:
    article = big_article()
    results = [
        asyncio.run(first_paint(article, folder / "config.json", (120, 40), KEYS, Extraction()))
        for _ in range(runs)
    ]
    paint, keys = min(results, key=lambda r: r[0].cpu)
    ok = paint.cpu < FIRST_PAINT_BAR
    print(
        f"reader on a {len(article.text) / 1e6:.1f} MB article, first paint: {paint.cpu:.3f}s CPU "
        f"({paint.wall:.3f}s wall); bar <{FIRST_PAINT_BAR}s {verdict(paint.cpu, FIRST_PAINT_BAR)}"
    )
    for key, took in zip(KEYS, keys, strict=True):
        print(
            f"  key {key:<6} {took.cpu:.3f}s CPU ({took.wall:.3f}s wall); "
            f"bar <{KEY_BAR}s {verdict(took.cpu, KEY_BAR)}"
        )
        ok &= took.cpu < KEY_BAR
    return ok


def bench_corpus(folder: Path) -> bool:
    sys.path.insert(0, str(REPO / "tests"))
    from hostile.payloads import corpus, write_corpus

    from reader.ingest import load_path

    payloads = [p for p in corpus() if not p.refused]
    paths = write_corpus(folder / "hostile", payloads)
    timings: list[tuple[Clock, str]] = []
    for payload in payloads:
        began = Clock.now()
        try:
            article = load_path(paths[payload.id])
        except BadInputError:
            continue  # right for some: a NUL byte may mean binary data
        ingest = Clock.now() - began
        paint, _ = asyncio.run(first_paint(article, folder / "config.json", (160, 48)))
        timings.append((Clock(ingest.wall + paint.wall, ingest.cpu + paint.cpu), payload.id))
    timings.sort(key=lambda t: t[0].cpu, reverse=True)
    worst = timings[0][0].cpu
    print(
        f"hostile corpus, {len(timings)} payloads read and painted: slowest {worst:.3f}s CPU "
        f"(bar <{FIRST_PAINT_BAR}s each) {verdict(worst, FIRST_PAINT_BAR)}"
    )
    for took, name in timings[:5]:
        print(f"  {took.cpu:7.3f}s CPU ({took.wall:.3f}s wall)  {name}")
    return worst < FIRST_PAINT_BAR


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3, help="timings per measure (best is kept)")
    ap.add_argument("--skip-corpus", action="store_true", help="leave out the hostile corpus")
    args = ap.parse_args(argv)
    wall = time.perf_counter()
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    ok = bench_text(args.runs)
    with tempfile.TemporaryDirectory(prefix="bench-ui-") as tmp:
        os.environ["READER_HOME"] = str(Path(tmp) / "home")  # never the user's data
        ok &= bench_big_article(args.runs, Path(tmp))
        if not args.skip_corpus:
            ok &= bench_corpus(Path(tmp))
    print(f"(the whole run took {time.perf_counter() - wall:.1f} s wall-clock)")
    print("all bars met" if ok else "SOME BARS FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
