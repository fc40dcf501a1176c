"""Search speed at 50,000 highlights over 2,000 articles, side by side.

Run by hand:  .venv/bin/python benchmarks/bench_search.py [--highlights N] [--no-store]
              [--dir DIR (keep/reuse the generated store)] [--clock wall|cpu]
(--clock cpu times this process's CPU only: steadier when the machine is shared.)

Generates realistic synthetic highlights (Zipf-distributed words from a
common-word list plus a long tail of generated words, some accented; notes,
tags, people, colours, two years of dates), saves them through the real
store (reader.store) in a temp folder, then measures:

- open: Store.open + loading every highlight and article (what `reader`
  does before it can search), and json.load of the same records in one file;
  opens are timed in fresh child processes (a clean heap each), alternating
  store-only and store+index runs, 7 pairs, median of the paired differences;
- the index on top of that: SearchIndex.from_store from its snapshot (the
  usual open), built from scratch (first open, or a stale snapshot), and
  the first open that also writes the snapshot; as ratios of both;
- queries: a mix of words, as-you-type prefixes, phrases, typos, OR, -word,
  tag/person/article/colour/date filters, timed through SearchIndex.search
  (limit 50, results built with their emphasis spans), after the first
  query, which is reported on its own (it sorts the vocabulary);
- the same free-text queries by a plain linear scan over the records in
  memory (lower-cased substring tests, no accent folding), and by SQLite
  FTS5 from the standard library (unicode61 remove_diacritics 2, bm25 with
  the same field weights), with its build time.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from reader.model import COLORS, Highlight, LibraryEntry
from reader.search import ArticleInfo, SearchIndex, parse_query
from reader.search.cache import cache_path

_COMMON_TEXT = """the of and to a in that is for on it with as was said he by at from his an be
has have are but not this they its were which more had been their after year who will
would about new up one also than people there all two percent over other when out into
government million last first could company market some can state years billion we
only president told most what she her time so if while before no officials just because
since did against many last week three made city under them now any country between
where public our like through may back even such four group including both then those
first china chinese trade tariff tariffs deal talks minister ministry economy economic
growth prices price exports imports steel car cars electric sales sold bank banks
policy rates rate inflation workers jobs union strike court law police election vote
party leader leaders war peace security military forces attack health hospital covid
school students climate energy oil gas power plant water food farmers crops weather
storm city council housing rent homes buyers sellers technology phone phones chips
software data users internet platform company shares investors profit revenue quarter
analysts report reported according statement spokesman interview officials agency
"""
COMMON = _COMMON_TEXT.split()

SYLLABLES = [
    c + v
    for c in [*"bcdfghjklmnprstvz", "ch", "sh", "th", "tr", "st", "br", "pl"]
    for v in ["a", "e", "i", "o", "u", "ai", "ou", "ie", "an", "en", "or", "ul"]
]
ACCENTED = {"a": "á", "e": "é", "o": "ō", "u": "ü", "i": "í"}
KINDS: tuple[str, ...] = ("word", "words2", "words3", "typing", "phrase", "typo", "or", "exclude")
KINDS += ("tag", "person", "article", "filters", "common")
TAG_STEMS = ["trade", "ev", "policy", "china", "eu", "climate", "labour", "markets", "tech"]


@dataclass
class Corpus:
    articles: list[LibraryEntry]
    highlights: list[Highlight]
    vocab: list[str]


def make_vocab(rng: random.Random, size: int) -> list[str]:
    words = list(dict.fromkeys(COMMON))
    seen = set(words)
    while len(words) < size:
        word = "".join(rng.choice(SYLLABLES) for _ in range(rng.choice([2, 2, 3, 3, 3, 4])))
        if rng.random() < 0.04:
            i = rng.randrange(len(word))
            word = word[:i] + ACCENTED.get(word[i], word[i]) + word[i + 1 :]
        if word not in seen:
            seen.add(word)
            words.append(word)
    return words


def make_corpus(n_highlights: int, n_articles: int, seed: int) -> Corpus:
    rng = random.Random(seed)
    vocab = make_vocab(rng, 30_000)
    cum: list[float] = []
    total = 0.0
    for rank in range(1, len(vocab) + 1):
        total += 1.0 / rank**1.05
        cum.append(total)

    def words(n: int) -> list[str]:
        return rng.choices(vocab, cum_weights=cum, k=n)

    def sentence(n: int) -> str:
        ws = words(n)
        out = []
        for i, w in enumerate(ws):
            if i == 0 or rng.random() < 0.04:
                w = w.capitalize()
            if rng.random() < 0.03:
                w = w + "-" + rng.choice(ws)
            out.append(w + ("," if rng.random() < 0.06 else ""))
        return " ".join(out) + "."

    tags = list(TAG_STEMS)
    while len(tags) < 200:
        tags.append(rng.choice(TAG_STEMS) + "-" + rng.choice(vocab[200:3000]))
    tag_cum = [sum(1 / r for r in range(1, i + 2)) for i in range(len(tags))]
    people = []
    for _ in range(500):
        first = "".join(rng.choice(SYLLABLES) for _ in range(2)).capitalize()
        last = "".join(rng.choice(SYLLABLES) for _ in range(rng.choice([1, 2]))).capitalize()
        people.append((f"{first} {last}", last))

    start = datetime(2025, 1, 1, tzinfo=UTC)
    articles = []
    for i in range(n_articles):
        body = " ".join(sentence(rng.randint(12, 30)) for _ in range(rng.randint(15, 40)))
        articles.append(
            LibraryEntry(
                article_id=f"{i:016x}",
                path=f"/news/{i}.md",
                title=sentence(rng.randint(5, 10)).rstrip("."),
                section=None,
                published=start + timedelta(days=rng.uniform(0, 700)),
                source_text=body,
                is_markdown=False,
            )
        )
    highlights = []
    for i in range(n_highlights):
        article = articles[rng.randrange(n_articles)]
        text = sentence(rng.randint(12, 60))
        created = start + timedelta(days=rng.uniform(0, 730))
        note = sentence(rng.randint(4, 40)) if rng.random() < 0.35 else ""
        chosen_tags: tuple[str, ...] = ()
        if rng.random() < 0.6:
            chosen_tags = tuple(
                dict.fromkeys(rng.choices(tags, cum_weights=tag_cum, k=rng.randint(1, 3)))
            )
        named: tuple[str, ...] = ()
        if rng.random() < 0.25:
            full, alias = people[rng.randrange(len(people))]
            named = (full, alias)
        highlights.append(
            Highlight(
                id=f"hl-{i:06d}",
                article_id=article.article_id,
                start=0,
                end=len(text),
                exact=text,
                prefix="",
                suffix="",
                color=rng.choices(COLORS, weights=[6, 2, 2, 1, 1])[0],
                tags=chosen_tags,
                note=note,
                created=created,
                updated=created,
                orphaned=rng.random() < 0.02,
                people=named,
            )
        )
    return Corpus(articles, highlights, vocab)


# ---------------------------------------------------------------- queries


def make_queries(corpus: Corpus, n: int, seed: int) -> list[tuple[str, str]]:
    """(kind, query) pairs drawn from the data so most of them have hits."""
    rng = random.Random(seed + 1)
    hs = corpus.highlights

    def words_of(h: Highlight) -> list[str]:
        return [w.strip(".,").lower() for w in h.exact.split() if len(w.strip(".,")) > 2]

    def typo(word: str) -> str:
        i = rng.randrange(1, len(word) - 1)
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]

    queries: list[tuple[str, str]] = []
    while len(queries) < n:
        h = hs[rng.randrange(len(hs))]
        ws = words_of(h)
        if len(ws) < 4:
            continue
        kind = rng.choice(KINDS)
        a, b, c = rng.sample(ws, 3)
        if kind == "word":
            queries.append((kind, a + " "))
        elif kind == "words2":
            queries.append((kind, f"{a} {b} "))
        elif kind == "words3":
            queries.append((kind, f"{a} {b} {c} "))
        elif kind == "typing":
            for i in range(1, len(b) + 1):
                queries.append((kind, f"{a} {b[:i]}"))
        elif kind == "phrase":
            i = rng.randrange(len(ws) - 2)
            queries.append((kind, '"' + " ".join(ws[i : i + 2]) + '"'))
        elif kind == "typo":
            long = [w for w in ws if len(w) >= 6 and "-" not in w]
            if long:
                queries.append((kind, typo(rng.choice(long)) + " "))
        elif kind == "or":
            queries.append((kind, f"{a} OR {b} "))
        elif kind == "exclude":
            queries.append((kind, f"{a} -{b} "))
        elif kind == "tag" and h.tags:
            queries.append((kind, f"#{h.tags[0]} {a} "))
        elif kind == "person" and h.people:
            queries.append((kind, f'person:"{h.people[0]}"'))
        elif kind == "article":
            queries.append((kind, f"article:{a} "))
        elif kind == "filters":
            queries.append((kind, f"color:{h.color} has:note after:2026-01-01 "))
        elif kind == "common":
            queries.append((kind, rng.choice(["the ", "said ", "the year ", "t", "s", "co"])))
    return queries[:n] if len(queries) > n * 1.5 else queries


FREE_TEXT = {"word", "words2", "words3", "typing", "phrase", "or", "exclude", "common"}


def linear_scan(records: list[dict[str, Any]], query: str, limit: int = 50) -> list[str]:
    """What one would write without an index: lower-case every record, test substrings."""
    parsed = parse_query(query)
    need: list[str] = []
    alts: list[list[str]] = []
    exclude: list[str] = []
    for clause in parsed.clauses:
        texts = [" ".join(a.tokens) for a in clause]
        if clause[0].negated:
            exclude.append(texts[0])
        elif len(texts) > 1:
            alts.append(texts)
        else:
            need.append(texts[0])
    hits: list[tuple[int, float, str]] = []
    for r in records:
        hay = f"{r['text']} {r['note']} {' '.join(r['tags'])} {r['title']}".lower()
        if (
            all(w in hay for w in need)
            and all(any(w in hay for w in alt) for alt in alts)
            and not any(w in hay for w in exclude)
        ):
            hits.append((sum(hay.count(w) for w in need), r["created"], r["id"]))
    hits.sort(reverse=True)
    return [h[2] for h in hits[:limit]]


def fts_query(query: str) -> str | None:
    """The FTS5 MATCH expression for a free-text query (None if it has no words)."""
    parsed = parse_query(query)
    parts: list[str] = []
    negs: list[str] = []
    for clause in parsed.clauses:
        alts = []
        for atom in clause:
            text = '"' + " ".join(atom.tokens) + '"' + ("*" if atom.prefix else "")
            alts.append(text)
        expr = alts[0] if len(alts) == 1 else "(" + " OR ".join(alts) + ")"
        (negs if clause[0].negated else parts).append(expr)
    if not parts:
        return None
    return " AND ".join(parts) + "".join(f" NOT {n}" for n in negs)


def build_fts(records: list[dict[str, Any]]) -> sqlite3.Connection:
    db = sqlite3.connect(":memory:")
    db.execute(
        "CREATE VIRTUAL TABLE notes USING fts5(text, note, tags, title, hid UNINDEXED, "
        "created UNINDEXED, tokenize='unicode61 remove_diacritics 2')"
    )
    db.executemany(
        "INSERT INTO notes VALUES (?, ?, ?, ?, ?, ?)",
        (
            (r["text"], r["note"], " ".join(r["tags"]), r["title"], r["id"], r["created"])
            for r in records
        ),
    )
    db.commit()
    return db


def fts_search(db: sqlite3.Connection, match: str, limit: int = 50) -> list[Any]:
    return db.execute(
        "SELECT hid, text, note, tags, bm25(notes, 2.0, 4.0, 6.0, 1.0) AS s FROM notes "
        "WHERE notes MATCH ? ORDER BY s, created DESC LIMIT ?",
        (match, limit),
    ).fetchall()


# ---------------------------------------------------------------- timing


_CLOCKS: dict[str, Callable[[], float]] = {"wall": time.perf_counter, "cpu": time.process_time}
_clock: list[Callable[[], float]] = [time.perf_counter]


def clock() -> float:
    """The clock chosen with --clock: wall time, or this process's CPU time
    (steadier when other work shares the machine)."""
    return _clock[0]()


def timed(fn: Callable[[], Any], repeat: int = 3) -> tuple[float, Any]:
    """Median seconds of `repeat` runs, and the last result."""
    times = []
    result: Any = None
    for _ in range(repeat):
        gc.collect()
        t = clock()
        result = fn()
        times.append(clock() - t)
    return statistics.median(times), result


def percentiles(ms: list[float]) -> tuple[float, float, float]:
    ordered = sorted(ms)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered), p95, ordered[-1]


def child_open(mode: str, path: Path) -> float:
    """Time one open of the store: "open" (the store alone: every highlight
    and article loaded), "warm" (plus the index from its snapshot), "cold"
    (plus the index built afresh), "first" (cold, then the snapshot saved)."""
    from reader.store import Store

    if mode == "first":
        cache_path(path).unlink(missing_ok=True)
    gc.collect()
    t = clock()
    with Store.open(path) as s:
        if mode == "open":
            s.highlights()
            s.articles()
        else:
            SearchIndex.from_store(s, use_snapshot=mode != "cold")
    return clock() - t


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--highlights", type=int, default=50_000)
    ap.add_argument("--articles", type=int, default=2_000)
    ap.add_argument("--queries", type=int, default=400)
    ap.add_argument("--scan-queries", type=int, default=40, help="queries for the linear scan")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--no-store", action="store_true", help="skip the store; compare to json.load")
    ap.add_argument("--dir", type=Path, help="keep the generated store here")
    ap.add_argument("--clock", choices=sorted(_CLOCKS), default="wall", help="what to time")
    ap.add_argument("--child", choices=["open", "warm", "cold", "first"], help=argparse.SUPPRESS)
    ap.add_argument("store", nargs="?", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    _clock[0] = _CLOCKS[args.clock]
    if args.child:
        print(child_open(args.child, args.store))
        return 0
    load = os.getloadavg()[0]
    print(f"timing with the {args.clock} clock; load average {load:.1f} on {os.cpu_count()} CPUs")

    t = clock()
    corpus = make_corpus(args.highlights, args.articles, args.seed)
    print(
        f"corpus: {len(corpus.highlights):,} highlights over {len(corpus.articles):,} articles, "
        f"generated in {clock() - t:.1f} s"
    )
    titles = {a.article_id: a.title for a in corpus.articles}
    records = [
        {
            "id": h.id,
            "text": h.exact,
            "note": h.note,
            "tags": list(h.tags),
            "title": titles[h.article_id],
            "created": h.created.isoformat(),
        }
        for h in corpus.highlights
    ]
    workdir = args.dir or Path(tempfile.mkdtemp(prefix="bench-search-"))
    workdir.mkdir(parents=True, exist_ok=True)

    # the same data as one JSON file: the floor any JSON-backed store pays to open
    json_path = workdir / "plain.json"
    json_path.write_text(
        json.dumps(
            {
                "articles": [
                    {"id": a.article_id, "title": a.title, "source_text": a.source_text}
                    for a in corpus.articles
                ],
                "highlights": [
                    {**r, "color": h.color, "people": list(h.people), "prefix": "", "suffix": ""}
                    for r, h in zip(records, corpus.highlights, strict=True)
                ],
            }
        ),
        encoding="utf-8",
    )
    t_json, _ = timed(lambda: json.loads(json_path.read_text(encoding="utf-8")))

    t_open: float | None = None
    t_warm: float | None = None
    t_first_open: float | None = None
    snap_size = 0
    if args.no_store:

        def build() -> SearchIndex:
            index = SearchIndex()
            for a in corpus.articles:
                index.set_article(ArticleInfo.from_entry(a))
            index.add_many(corpus.highlights)
            return index

        t_cold, index = timed(build)
    else:
        from reader.store import Store

        store_path = workdir / "store.json"
        if store_path.exists():
            print(f"reusing the store in {store_path} (same --seed and sizes, or results mislead)")
        else:
            t = clock()
            with Store.open(store_path) as store:
                for a in corpus.articles:
                    store.upsert_article(a)
                store.add_many(corpus.highlights)
            print(f"store written in {clock() - t:.1f} s ({store_path})")
        snap = cache_path(store_path)
        snap.unlink(missing_ok=True)

        def in_child(mode: str) -> float:
            """Seconds one fresh process takes to open (see child_open): a
            clean heap for each, so one run's garbage never bills another."""
            out = subprocess.run(
                [sys.executable, __file__, "--child", mode, "--clock", args.clock, str(store_path)],
                capture_output=True,
                text=True,
                check=True,
            )
            return float(out.stdout.strip())

        t_cold = statistics.median(in_child("cold") for _ in range(3))
        t_first_open = in_child("first")  # builds and saves the snapshot
        snap_size = snap.stat().st_size
        # alternate the two so drift in the machine's load hits both alike
        opens: list[float] = []
        warms: list[float] = []
        for _ in range(7):
            opens.append(in_child("open"))
            warms.append(in_child("warm"))
        t_open = statistics.median(opens)
        # the index's share: median of the paired differences
        t_warm = t_open + statistics.median(w - o for w, o in zip(warms, opens, strict=True))
        with Store.open(store_path) as s:
            index = SearchIndex.from_store(s)
        assert index.reused == len(corpus.highlights), index.reused

    t = clock()
    index.search("the minis")
    t_first_query = clock() - t
    gc.freeze()  # as the app should once it has opened (see SearchIndex.from_store)

    queries = make_queries(corpus, args.queries, args.seed)
    for _, q in queries[:20]:  # warm the vocabulary caches as opening the Notes screen would
        index.search(q)
    per_kind: dict[str, list[float]] = {}
    all_ms: list[float] = []
    hits = 0
    for kind, q in queries:
        t = clock()
        found = index.search(q, limit=50)
        ms = (clock() - t) * 1000
        hits += bool(found)
        all_ms.append(ms)
        per_kind.setdefault(kind, []).append(ms)

    free = [q for kind, q in queries if kind in FREE_TEXT]
    scan_sample = random.Random(args.seed).sample(free, min(args.scan_queries, len(free)))
    idx_ms = []
    scan_ms = []
    for q in scan_sample:
        t = clock()
        index.search(q, limit=50)
        idx_ms.append((clock() - t) * 1000)
        t = clock()
        linear_scan(records, q)
        scan_ms.append((clock() - t) * 1000)

    t_fts_build, db = timed(lambda: build_fts(records), repeat=1)
    fts_ms = []
    fts_idx_ms = []
    for q in free:
        match = fts_query(q)
        if match is None:
            continue
        t = clock()
        fts_search(db, match)
        fts_ms.append((clock() - t) * 1000)
        t = clock()
        index.search(q, limit=50)
        fts_idx_ms.append((clock() - t) * 1000)

    med, p95, worst = percentiles(all_ms)
    print()
    print(f"{'':34}{'median':>10}{'p95':>10}{'max':>10}")
    print(
        f"{'SearchIndex, all queries':34}{med:>9.2f}m{p95:>9.2f}m{worst:>9.2f}m   n={len(all_ms)}"
    )
    for kind in sorted(per_kind):
        m, p, w = percentiles(per_kind[kind])
        print(f"{'  ' + kind:34}{m:>9.2f}m{p:>9.2f}m{w:>9.2f}m   n={len(per_kind[kind])}")
    print(f"  ({hits} of {len(queries)} queries had results; times in ms)")
    m_i, p_i, _ = percentiles(idx_ms)
    m_s, p_s, _ = percentiles(scan_ms)
    print(f"{'linear scan (same free-text)':34}{m_s:>9.2f}m{p_s:>9.2f}m")
    print(
        f"{'SearchIndex (same free-text)':34}{m_i:>9.2f}m{p_i:>9.2f}m   scan/index {m_s / m_i:.0f}x"
    )
    m_f, p_f, _ = percentiles(fts_ms)
    m_fi, p_fi, _ = percentiles(fts_idx_ms)
    print(f"{'SQLite FTS5 (same free-text)':34}{m_f:>9.2f}m{p_f:>9.2f}m   n={len(fts_ms)}")
    print(
        f"{'SearchIndex (same free-text)':34}{m_fi:>9.2f}m{p_fi:>9.2f}m   "
        f"fts5/index {m_f / m_fi:.2f}x (median), {p_f / p_fi:.2f}x (p95)"
    )
    print()
    print(f"json.load of the same data:           {t_json * 1000:8.0f} ms")
    if t_open is None:
        print(f"index build from records in memory:   {t_cold * 1000:8.0f} ms", end="")
        print(f"   = {t_cold / t_json:.0%} of json.load (the baseline without a store)")
        bar = t_cold <= 0.5 * t_json
    else:
        assert t_warm is not None and t_first_open is not None
        print(f"store open + load all (the baseline): {t_open * 1000:8.0f} ms")
        print(
            f"  + index from its snapshot:          {(t_warm - t_open) * 1000:8.0f} ms"
            f"   = +{(t_warm - t_open) / t_open:.0%} of open (bar <= 50%), "
            f"{(t_warm - t_open) / t_json:.0%} of json.load"
        )
        print(
            f"  + index built from scratch:         {(t_cold - t_open) * 1000:8.0f} ms"
            f"   = +{(t_cold - t_open) / t_open:.0%} of open (first open / stale snapshot)"
        )
        print(
            f"  first open, build + save snapshot:  {(t_first_open - t_open) * 1000:8.0f} ms"
            f"   (snapshot {snap_size / 2**20:.1f} MB)"
        )
        bar = t_warm - t_open <= 0.5 * t_open
    print(f"first query after open (lazy setup):  {t_first_query * 1000:8.0f} ms")
    print(f"SQLite FTS5 build (in memory):        {t_fts_build * 1000:8.0f} ms")
    ok = med <= 30 and p95 <= 100 and bar
    print(
        "\nbars: median <= 30 ms, p95 <= 100 ms, index <= 50% of the open baseline: "
        + ("met" if ok else "NOT met")
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
