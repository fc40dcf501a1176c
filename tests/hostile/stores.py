"""A notes store written by someone else, for the hostile-output tests.

Made with the Store API, then edited on disk the way another program (or a
person) could: escape sequences, C1 controls and bidi overrides in every
text field, an unknown colour, a path with C1 controls, and one highlight
whose id holds an OSC sequence.
"""

from __future__ import annotations

import json
from pathlib import Path

from hostile.payloads import CLIPBOARD_B64, TITLE_SECRET
from reader.model import Highlight, LibraryEntry
from reader.store import Store

OSC0 = f"\x1b]0;{TITLE_SECRET}\x07"
OSC52 = f"\x1b]52;c;{CLIPBOARD_B64}\x07"
C1 = "\x9b2J\x9d0;pwned\x9c"
HOSTILE = f"Harbour{OSC0} council{OSC52} vote{C1}\u202eevil\u2066 done"
ARTICLE_ID = "00000000000000aa"
STORY = "Harbour council vote\n\nThe council approved the terminal on Tuesday.\n"


def _rewrite(path: Path, change: dict[str, object], table: str) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    for record in data[table].values():
        record.update(change)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def write_hostile_store(folder: Path) -> Path:
    """The store (store.json in `folder`); its article's file is story.txt,
    but the library records it under a path with C1 controls (gone)."""
    db = folder / "store.json"
    story = folder / "story.txt"
    story.write_text(STORY, encoding="utf-8")
    with Store.open(db) as store:
        store.upsert_article(
            LibraryEntry(
                article_id=ARTICLE_ID,
                path=str(story),
                title="Harbour council vote",
                section="Local",
                published=None,
                source_text=STORY,
                is_markdown=False,
            )
        )
        for hid in ("h-clean", "h-hostile-id"):
            store.add(
                Highlight(
                    id=hid,
                    article_id=ARTICLE_ID,
                    start=22,
                    end=33,
                    exact="The council",
                    prefix="",
                    suffix="",
                    tags=("harbour",),
                    note="a note",
                )
            )
    _rewrite(
        db,
        {"title": HOSTILE, "section": HOSTILE, "path": f"{folder}/story{C1}.txt"},
        "articles",
    )
    shard = db.with_name("store.json.d") / f"{ARTICLE_ID}.json"
    data = json.loads(shard.read_text(encoding="utf-8"))
    for record in data["highlights"].values():
        record.update(
            exact=f"The{OSC0} council",
            note=f"see {OSC52} and\t{C1}",
            tags=[f"harbour{OSC0}", f"vote{C1}"],
            people=[f"Jane{OSC0}"],
            color=f"\x1b[31m{C1}",
        )
        if record["id"] == "h-hostile-id":
            record["id"] = f"h{OSC0}"
    shard.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return db
