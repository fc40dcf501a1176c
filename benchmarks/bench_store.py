"""Store benchmark (run by hand): the issue's speed bars, side by side with
plain TinyDB measured in the same run.

    .venv/bin/python benchmarks/bench_store.py [--highlights 50000] [--articles 2000]

At 50,000 highlights over 2,000 articles it prints, each with its ratio to
the plain-TinyDB baseline (one JSON file, TinyDB's own JSONStorage):
- adding one highlight: median and p95 (bar: median <= 50 ms);
- opening the store and loading every highlight as models, against
  json.load of the same data in one file (bar: <= 2x json.load);
- peak memory of opening + loading everything, RSS and tracemalloc, each in
  a fresh process (bar: <= 300 MB).
Plain TinyDB rewrites its whole file per insert (~250 ms at 50k), so only a
few baseline inserts are timed.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from reader.model import COLORS, Highlight, LibraryEntry
from reader.store import Store
from reader.store._records import entry_to_record, highlight_to_record

SEED = Path(__file__).resolve().parent.parent / "seeds" / "xiaomi-yu7-us-market.txt"
TAGS = ["ev", "china", "tariffs", "trade", "xiaomi", "markets", "policy", "tech", "autos"]


def make_data(n_highlights: int, n_articles: int) -> tuple[list[LibraryEntry], list[Highlight]]:
    rng = random.Random(7)
    text = SEED.read_text(encoding="utf-8")
    base = datetime(2025, 1, 1, tzinfo=UTC)
    entries = [
        LibraryEntry(
            article_id=f"{i:016x}",
            path=f"/news/article-{i}.txt",
            title=f"Article {i}: " + text.splitlines()[1][:80],
            section="Economy",
            published=base + timedelta(days=i % 365),
            source_text=f"Article {i}\n\n" + text,
            is_markdown=False,
            added=base + timedelta(minutes=i),
        )
        for i in range(n_articles)
    ]
    highlights = []
    for i in range(n_highlights):
        start = rng.randrange(0, len(text) - 300)
        end = start + rng.randrange(40, 250)
        created = base + timedelta(seconds=i * 37)
        highlights.append(
            Highlight(
                id=str(uuid.UUID(int=rng.getrandbits(128))),
                article_id=entries[i % n_articles].article_id,
                start=start,
                end=end,
                exact=text[start:end],
                prefix=text[max(0, start - 32) : start],
                suffix=text[end : end + 32],
                color=rng.choice(COLORS),
                tags=tuple(rng.sample(TAGS, rng.randrange(0, 4))),
                note=("worth checking against the ministry figures " * rng.randrange(0, 3)),
                created=created,
                updated=created,
                people=tuple(rng.sample(["Lei Jun", "Lei", "Gao Lingyun", "Zhou Mi"], 1))
                if rng.random() < 0.4
                else (),
            )
        )
    return entries, highlights


def single_file(entries: list[LibraryEntry], highlights: list[Highlight]) -> dict[str, Any]:
    """The same data as one TinyDB JSON document (the plain-TinyDB layout)."""
    return {
        "highlights": {str(i): highlight_to_record(h) for i, h in enumerate(highlights, 1)},
        "articles": {str(i): entry_to_record(e) for i, e in enumerate(entries, 1)},
    }


def new_highlight(article_id: str, i: int) -> Highlight:
    return Highlight(
        id=str(uuid.uuid4()),
        article_id=article_id,
        start=100,
        end=160,
        exact="A Xiaomi SUV spotted recently on a California highway briefly",
        prefix="x" * 32,
        suffix="y" * 32,
        tags=("bench",),
        note=f"bench {i}",
    )


def best_of(runs: int, fn: Any) -> tuple[float, float]:
    """Best wall time and best CPU time (user + system) of `runs` calls; CPU
    time is the steadier figure on a busy machine."""
    walls, cpus = [], []
    for _ in range(runs):
        w, c = time.perf_counter(), time.process_time()
        fn()
        walls.append(time.perf_counter() - w)
        cpus.append(time.process_time() - c)
    return min(walls), min(cpus)


MEMORY_PROBE = """
import json, resource, sys, tracemalloc
from pathlib import Path
kind, path, traced = sys.argv[1], Path(sys.argv[2]), sys.argv[3] == "traced"
if traced:  # tracemalloc's own bookkeeping inflates RSS, so RSS is a separate run
    tracemalloc.start()
if kind == "store":
    from reader.store import Store
    store = Store.open(path)
    n = len(store.highlights()) + len(store.articles())
else:
    from tinydb import TinyDB
    db = TinyDB(path)
    n = len(db.table("highlights").all()) + len(db.table("articles").all())
peak = tracemalloc.get_traced_memory()[1] if traced else 0
def hwm():
    # ru_maxrss survives exec on Linux (it would report the parent's peak),
    # so read this process's own high-water mark there.
    try:
        for line in open("/proc/self/status"):
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"n": n, "peak": peak, "rss": hwm()}))
"""


def memory(kind: str, path: Path) -> dict[str, float]:
    def probe(mode: str) -> dict[str, float]:
        out = subprocess.run(
            [sys.executable, "-c", MEMORY_PROBE, kind, str(path), mode],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        result: dict[str, float] = json.loads(out)
        return result

    return {"rss": probe("rss")["rss"], "peak": probe("traced")["peak"]}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--highlights", type=int, default=50_000)
    parser.add_argument("--articles", type=int, default=2_000)
    parser.add_argument("--adds", type=int, default=60, help="timed adds to our store")
    parser.add_argument("--baseline-adds", type=int, default=5, help="timed plain-TinyDB inserts")
    parser.add_argument("--dir", type=Path, default=None, help="work folder (default: a temp one)")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="bench-store-", dir=args.dir))
    try:
        entries, highlights = make_data(args.highlights, args.articles)
        print(f"data: {len(highlights):,} highlights over {len(entries):,} articles in {work}")

        # -- build both stores -------------------------------------------------
        ours = work / "ours" / "store.json"
        t = time.perf_counter()
        with Store.open(ours) as store:
            store.upsert_articles(entries)
            store.add_many(highlights)
        build = time.perf_counter() - t
        plain = work / "plain.json"
        data = single_file(entries, highlights)
        plain.write_text(json.dumps(data), encoding="utf-8")  # TinyDB's own format
        del data
        size_ours = sum(p.stat().st_size for p in ours.parent.rglob("*.json"))
        print(f"built in {build:.1f} s; ours {size_ours / 1e6:.1f} MB in "
              f"{len(list(ours.with_name('store.json.d').glob('*.json')))} shard files + catalog; "
              f"plain {plain.stat().st_size / 1e6:.1f} MB")  # fmt: skip

        # -- add one highlight --------------------------------------------------
        rng = random.Random(3)
        add_times = []
        with Store.open(ours) as store:
            store.highlights()  # as the app has: everything loaded
            for i in range(args.adds):
                h = new_highlight(rng.choice(entries).article_id, i)
                t = time.perf_counter()
                store.add(h)
                add_times.append(time.perf_counter() - t)
        from tinydb import TinyDB

        base_times = []
        db = TinyDB(plain)
        table = db.table("highlights")
        for i in range(args.baseline_adds):
            rec = highlight_to_record(new_highlight(rng.choice(entries).article_id, i))
            t = time.perf_counter()
            table.insert(rec)
            base_times.append(time.perf_counter() - t)
        db.close()
        add_med, base_med = statistics.median(add_times), statistics.median(base_times)
        add_p95 = sorted(add_times)[int(len(add_times) * 0.95) - 1]

        # -- open ------------------------------------------------------------------
        def open_ours() -> None:
            with Store.open(ours) as s:
                s.highlights()
                s.articles()

        def open_ours_library() -> None:
            with Store.open(ours) as s:
                s.articles()

        def json_load() -> None:
            with plain.open(encoding="utf-8") as f:
                json.load(f)

        def open_plain() -> None:
            d = TinyDB(plain, access_mode="r")
            d.table("highlights").all()
            d.table("articles").all()
            d.close()

        snapshot = ours.with_name("store.json.d") / ".snapshot"

        def cold_open() -> None:
            snapshot.unlink(missing_ok=True)
            open_ours()  # parses every shard, then writes the snapshot again

        t_ours, c_ours = best_of(5, open_ours)
        _, c_cold = best_of(2, cold_open)
        _, c_lib = best_of(5, open_ours_library)
        t_json, c_json = best_of(5, json_load)
        t_plain, c_plain = best_of(3, open_plain)

        # -- memory ----------------------------------------------------------------
        m_ours = memory("store", ours)
        m_plain = memory("plain", plain)

        mb = 1024 * 1024
        print()
        print(f"{'measure':<46}{'ours':>12}{'plain TinyDB':>14}{'ratio':>8}   bar")
        rows = [
            ("add one highlight, median (ms)", add_med * 1e3, base_med * 1e3, "<= 50 ms"),
            ("add one highlight, p95 (ms)", add_p95 * 1e3, max(base_times) * 1e3, ""),
            ("open + load all + library, wall (ms)", t_ours * 1e3, t_plain * 1e3, ""),
            ("open + load all + library, CPU (ms)", c_ours * 1e3, c_plain * 1e3, ""),
            ("  same without snapshot, CPU (ms)", c_cold * 1e3, c_plain * 1e3, ""),
            ("open + library list only, CPU (ms)", c_lib * 1e3, c_plain * 1e3, ""),
            ("peak RSS after opening (MB)", m_ours["rss"] / mb, m_plain["rss"] / mb, "<= 300"),
            ("tracemalloc peak while opening (MB)", m_ours["peak"] / mb, m_plain["peak"] / mb, ""),
        ]
        for name, a, b, bar in rows:
            print(f"{name:<46}{a:>12.1f}{b:>14.1f}{a / b:>8.2f}   {bar}")
        print()
        print(f"json.load of the same data in one file: {t_json * 1e3:.0f} ms wall, "
              f"{c_json * 1e3:.0f} ms CPU")  # fmt: skip
        print(f"open + load all vs json.load (bar <= 2x): {c_ours / c_json:.2f}x CPU, "
              f"{t_ours / t_json:.2f}x wall; without the snapshot {c_cold / c_json:.2f}x CPU "
              f"(includes rewriting it); library only {c_lib / c_json:.2f}x CPU")  # fmt: skip
        ok = add_med <= 0.050 and c_ours <= 2 * c_json and m_ours["rss"] <= 300 * mb
        print("bars met" if ok else "BARS NOT MET")
        return 0 if ok else 1
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
