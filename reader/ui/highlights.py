"""The highlights of the open article: made, edited and deleted in the UI,
saved to the store off the UI thread.

`Highlighter` is an invisible widget the app mounts once. Every change is
applied to its in-memory list at once (the screen repaints from
`Highlighter.Changed`), then queued for one saver thread — a
`@work(thread=True)` loop that runs the store calls in the order they were
made and posts `Saved` or `SaveFailed` back. The UI never waits on a save;
a failed save puts the highlight back as it was and says why in one
sentence. Widgets are touched only on the UI thread: the saver only calls
the store and posts messages. When the app closes, the saver finishes the
queue first, so nothing acknowledged on screen is lost.

A store that stays busy (another process holding its lock past the wait)
does not lose a change either: it is kept in the store's journal, which
the store replays before this highlighter's next save, at close, or at the
next start. Closing waits at most CLOSE_LOCK_WAIT seconds for a busy store,
then journals what is left; `unsaved_notice()` is the sentence to print
after the app has exited when changes remain in the journal.

Loading re-anchors each saved highlight to the article's current text
(reader.anchor), also picking up highlights saved under the id of an earlier
version of the text; ones that cannot be placed are kept, marked orphaned,
for the Notes tab to list with their saved words.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Literal

from textual import on, work
from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.worker import get_current_worker

from reader.annotations import (
    article_note,
    clean_note,
    new_highlight,
    overlapping,
    people_in,
    reading_order,
    trim_span,
)
from reader.clock import utc_now
from reader.errors import ReaderError, StoreBusyError
from reader.model import COLORS, Article, Extraction, Highlight
from reader.store_api import StoreAPI
from reader.text.tags import unique_tags

if TYPE_CHECKING:
    from reader.ui.screens.highlight_editor import HighlightEdit

# The dialogs (TextArea among them) and the anchoring module (rapidfuzz) are
# imported where they are first used: together they add ~20 ms to start-up,
# and none of them is needed to paint the first screen.


def _reanchor(text: str, h: Highlight) -> Highlight:
    from reader.anchor import reanchor

    return reanchor(text, h)


log = logging.getLogger(__name__)

Kind = Literal["add", "update", "delete"]

FLUSH_SECONDS = 15.0
"""How long closing the app waits for queued saves (each waits at most
CLOSE_LOCK_WAIT for a busy store; this covers a disk that stalls)."""

CLOSE_LOCK_WAIT = 2.0
"""At close, how long a save waits for a store another process holds
before the change is journaled instead."""

RESTORE_QUESTION = Content.assemble(
    ("Restore the backup of your notes?", "bold"),
    "\n\n",
    "A damaged notes file was moved aside (nothing in it was deleted). Restoring "
    "brings back its last good copy, merged with anything saved since.",
)


# --------------------------------------------------------------- the widget


@dataclass(frozen=True, slots=True)
class _Job:
    kind: Kind
    highlight: Highlight
    previous: Highlight | None = None


class Highlighter(Widget):
    """See the module docstring. Mount once; call `load` for each article."""

    DEFAULT_CSS = "Highlighter { display: none; }"

    class Changed(Message):
        """The open article's highlights changed (shown at once, saved later)."""

        def __init__(self, article_id: str, highlights: Sequence[Highlight]) -> None:
            super().__init__()
            self.article_id = article_id
            self.highlights = tuple(highlights)

    class Saved(Message):
        """A change reached the store (`kind` is add, update or delete)."""

        def __init__(self, kind: Kind, highlight: Highlight) -> None:
            super().__init__()
            self.kind = kind
            self.highlight = highlight

    class SaveFailed(Message):
        """A change could not be saved; it has been undone on screen."""

        def __init__(self, kind: Kind, highlight: Highlight, error: str) -> None:
            super().__init__()
            self.kind = kind
            self.highlight = highlight
            self.error = error

    class ColorChosen(Message):
        """The reader picked a colour: the app remembers it for next time."""

        def __init__(self, color: str) -> None:
            super().__init__()
            self.color = color

    class Restored(Message):
        """A backup of the store was restored: lists read from it are stale."""

        def __init__(self, files: int) -> None:
            super().__init__()
            self.files = files

    class _Loaded(Message):
        def __init__(
            self,
            article_id: str,
            highlights: list[tuple[Highlight, Highlight]],
            tags: list[str] | None,
            error: str | None,
            notices: list[str],
            backup: bool,
        ) -> None:
            super().__init__()
            self.article_id = article_id
            self.highlights = highlights
            """(as saved, re-anchored) pairs."""
            self.tags = tags
            self.error = error
            self.notices = notices
            self.backup = backup

    class _RestoreDone(Message):
        def __init__(self, files: int, error: str | None) -> None:
            super().__init__()
            self.files = files
            self.error = error

    class _Done(Message):
        def __init__(
            self, job: _Job, stored: Highlight | None, error: str | None, kept: str = ""
        ) -> None:
            super().__init__()
            self.job = job
            self.stored = stored
            self.error = error
            self.kept = kept
            """The journal the change was kept in (the store was busy), if it was."""

    def __init__(
        self,
        store: StoreAPI | None,
        *,
        color: str = COLORS[0],
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.store = store
        self.last_color = color if color in COLORS else COLORS[0]
        self.article: Article | None = None
        self.extraction: Extraction | None = None
        self.known_tags: list[str] = []
        self._saved: dict[str, Highlight] = {}
        """The open article's highlights as saved (original offsets and selectors)."""
        self._shown: dict[str, Highlight] = {}
        """The same, re-anchored to the current text (what the screen shows)."""
        self._made_here: set[str] = set()
        self._article_ids: set[str] = set()
        self._without_people: set[str] = set()
        self._undo: list[Highlight] = []
        self._queue: queue.Queue[_Job | None] = queue.Queue()
        self._saver_done = threading.Event()
        self._saver_done.set()
        self._stopping = threading.Event()
        self._current: _Job | None = None
        """The job the saver is running (journaled by flush if it never ends)."""
        self._unsaved = 0
        """Changes this highlighter journaled that no replay has saved yet."""
        self._journal_path = ""
        self._told_busy = False
        self._warned_no_store = False
        self._tags_loaded = False
        self._notices_seen = len(store.notices) if store is not None else 0
        """Store notices shown already (the app shows those of opening the store)."""

    # ------------------------------------------------------------- lifecycle

    def on_mount(self) -> None:
        self._saver_done.clear()
        self._saver()
        if self.store is not None and self.store.backup_available:
            self.call_after_refresh(self.offer_restore)

    def on_unmount(self) -> None:
        self.flush()

    def flush(self, timeout: float = FLUSH_SECONDS) -> bool:
        """Stop the saver after the queued saves; True if they all finished.
        A busy store is waited for CLOSE_LOCK_WAIT seconds, then what is left
        is journaled; if even that does not end in `timeout`, this thread
        journals the changes the saver has not reached."""
        if self._saver_done.is_set():
            return True
        self._stopping.set()
        store = self.store
        patience = store.lock_wait if store is not None else None
        if store is not None and patience is not None:
            store.lock_wait = min(patience, CLOSE_LOCK_WAIT)
        self._queue.put(None)
        finished = self._saver_done.wait(timeout)
        if not finished:
            log.error("queued highlight saves did not finish in %.0f s", timeout)
            self._journal_leftovers()
        elif store is not None and patience is not None:
            store.lock_wait = patience
        return finished

    def unsaved_notice(self) -> str | None:
        """After the app has closed: one sentence if changes could not reach
        the store and wait in its journal; None when everything was saved."""
        n = self._unsaved
        if not n:
            return None
        what = f"{n} highlight change{'s' if n != 1 else ''}"
        they = "they are" if n != 1 else "it is"
        return (
            f"{what} could not be saved now (the notes store is busy); {they} kept in "
            f"{self._journal_path} and will be saved the next time reader opens the store."
        )

    def _journal_leftovers(self) -> None:
        """The saver is stuck: journal its job and the queued ones (a replay
        skips any of them the saver does finish)."""
        jobs = [self._current]
        while True:
            try:
                jobs.append(self._queue.get_nowait())
            except queue.Empty:
                break
        for job in jobs:
            if job is not None:
                self._keep(job)

    @property
    def pending(self) -> int:
        """Changes queued and not yet saved."""
        return self._queue.unfinished_tasks

    @work(thread=True, group="highlight-saver")
    def _saver(self) -> None:
        """The one thread that writes: jobs run in the order they were made.
        Ends after the queue's end marker, or when cancelled with nothing queued."""
        worker = get_current_worker()
        try:
            while True:
                try:
                    job = self._queue.get(timeout=0.25)
                except queue.Empty:
                    if worker.is_cancelled:
                        return
                    continue
                try:
                    if job is None:
                        if self._unsaved:
                            self._catch_up()  # the store may be free by now
                        return
                    self._current = job
                    self._run(job)
                finally:
                    self._current = None
                    self._queue.task_done()
        finally:
            self._saver_done.set()

    def _catch_up(self) -> None:
        """Save what this highlighter journaled, before anything newer."""
        if self.store is not None:
            self.store.replay_journal()
            self._unsaved = 0

    def _run(self, job: _Job) -> None:
        store = self.store
        stored: Highlight | None = job.highlight
        error: str | None = None
        kept = ""
        try:
            if store is not None:
                if self._unsaved:
                    self._catch_up()
                if job.kind == "add":
                    stored = store.add(job.highlight)
                elif job.kind == "update":
                    stored = store.update(job.highlight)
                else:
                    store.delete(job.highlight.id)
        except StoreBusyError as exc:
            kept = self._keep(job)
            error = None if kept else str(exc)
        except ReaderError as exc:
            error = str(exc)
        except Exception:
            log.exception("saving a highlight failed")
            error = "The highlight could not be saved."
        self.post_message(self._Done(job, stored, error, kept))

    def _keep(self, job: _Job) -> str:
        """Journal a change the busy store could not take; the journal's path,
        or "" if it could not be kept there either."""
        if self.store is None:
            return ""
        try:
            path = str(self.store.journal(job.kind, job.highlight))
        except (ReaderError, ValueError):
            log.exception("journaling a highlight change failed")
            return ""
        self._unsaved += 1
        self._journal_path = path
        return path

    # --------------------------------------------------------------- loading

    def load(self, article: Article | None, *, other_ids: Sequence[str] = ()) -> None:
        """Show `article`'s highlights (read and re-anchored in a worker).
        `other_ids`: ids of earlier versions of its text (e.g. the library's)."""
        self.article = article
        self.extraction = None
        self._saved = {}
        self._shown = {}
        self._made_here = set()
        self._without_people = set()
        if article is None:
            self._article_ids = set()
            return
        ids = list(dict.fromkeys([article.id, *other_ids]))
        self._article_ids = set(ids)
        self._post_changed()
        self._load(article, ids, not self._tags_loaded, self._notices_seen)

    def reload(self) -> None:
        """Read the open article's highlights again (after a restore)."""
        if self.article is not None:
            others = sorted(self._article_ids - {self.article.id})
            self._tags_loaded = False
            self.load(self.article, other_ids=others)

    @work(thread=True, exclusive=True, group="highlight-load")
    def _load(self, article: Article, ids: list[str], with_tags: bool, seen: int) -> None:
        """Read and re-anchor in a thread: fuzzy re-anchoring of a long,
        edited article must not stall the screen."""
        pairs: list[tuple[Highlight, Highlight]] = []
        tags: list[str] | None = None
        error = None
        store = self.store
        if store is not None:
            try:
                for article_id in ids:
                    pairs.extend(
                        (h, _reanchor(article.text, h)) for h in store.highlights(article_id)
                    )
                if with_tags:
                    tags = list(store.all_tags())
            except ReaderError as exc:
                error = str(exc)
        notices = list(store.notices[seen:]) if store is not None else []
        backup = bool(notices) and store is not None and store.backup_available
        self.post_message(self._Loaded(article.id, pairs, tags, error, notices, backup))

    @on(_Loaded)
    def _loaded(self, message: _Loaded) -> None:
        message.stop()
        if message.error:
            self.app.notify(message.error, markup=False, severity="error")
        self._notices_seen += len(message.notices)
        for notice in message.notices:
            self.app.notify(notice, markup=False, severity="warning", timeout=10)
        if message.backup:
            self.offer_restore()
        if message.tags is not None:
            self._tags_loaded = True
            self.known_tags = message.tags
        if self.article is None or self.article.id != message.article_id:
            return
        for saved, shown in message.highlights:
            if saved.id in self._made_here:
                continue
            self._saved[saved.id] = saved
            self._shown[saved.id] = shown
        self._post_changed()

    # ----------------------------------------------------- a damaged store

    def offer_restore(self) -> None:
        """Ask whether to restore the backup of a damaged notes file."""

        def decided(choice: str | None) -> None:
            if choice == "restore":
                self._restore()

        from reader.ui.screens.dialogs import ConfirmScreen

        self.app.push_screen(
            ConfirmScreen(
                RESTORE_QUESTION, [("restore", "Restore the backup"), ("later", "Not now")]
            ),
            decided,
        )

    @work(thread=True, exclusive=True, group="highlight-restore")
    def _restore(self) -> None:
        files, error = 0, None
        if self.store is not None:
            try:
                files = self.store.restore_backup()
            except ReaderError as exc:
                error = str(exc)
        self.post_message(self._RestoreDone(files, error))

    @on(_RestoreDone)
    def _restored(self, message: _RestoreDone) -> None:
        message.stop()
        if message.error:
            self.app.notify(message.error, markup=False, severity="error")
            return
        self.app.notify("The backup of your notes was restored.", timeout=6)
        self.reload()
        self.post_message(self.Restored(message.files))

    def set_extraction(self, article_id: str, extraction: Extraction) -> None:
        """Extraction arrives after the article; fill in the people of
        highlights made before it did."""
        if self.article is None or self.article.id != article_id:
            return
        self.extraction = extraction
        for hid in sorted(self._without_people):
            h = self._saved.get(hid)
            if h is None or h.whole_article:
                continue
            people = people_in(extraction, h.start, h.end)
            if people:
                self._replace(replace(h, people=people))
        self._without_people.clear()

    # ----------------------------------------------------------------- reads

    @property
    def highlights(self) -> list[Highlight]:
        """The open article's highlights in reading order (re-anchored)."""
        return reading_order(self._shown.values())

    def get(self, highlight_id: str) -> Highlight | None:
        return self._shown.get(highlight_id)

    def overlapping(self, start: int, end: int) -> list[Highlight]:
        """Placed highlights that touch [start, end), innermost (shortest) first."""
        return overlapping(self._shown.values(), start, end)

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    # ---------------------------------------------------------------- writes

    def add(
        self,
        start: int,
        end: int,
        *,
        color: str | None = None,
        tags: Sequence[str] = (),
        note: str = "",
    ) -> Highlight | None:
        """Highlight [start, end) of the open article (white space trimmed).
        The same words highlighted again change that highlight instead of
        making a second one (new colour, tags added, note replaced if given)."""
        if self.article is None:
            return None
        span = trim_span(self.article.text, start, end)
        if span is None:
            return None
        if color is not None:
            self.remember_color(color)
        same = next(
            (h for h in self._shown.values() if (h.start, h.end) == span and not h.orphaned),
            None,
        )
        if same is not None:
            return self.edit(
                same.id,
                color=self.last_color,
                tags=(*same.tags, *(t for t in tags if t not in same.tags)),
                note=note or None,
            )
        h = new_highlight(
            self.article,
            *span,
            color=self.last_color,
            tags=tags,
            note=note,
            extraction=self.extraction,
        )
        if self.extraction is None:
            self._without_people.add(h.id)
        return self._insert(h)

    def add_article_note(self, note: str) -> Highlight | None:
        """A note on the whole open article."""
        if self.article is None:
            return None
        return self._insert(article_note(self.article, note, self.last_color))

    def article_notes(self) -> list[Highlight]:
        return [h for h in self.highlights if h.whole_article]

    def edit(
        self,
        highlight_id: str,
        *,
        tags: Sequence[str] | None = None,
        note: str | None = None,
        color: str | None = None,
    ) -> Highlight | None:
        """Change tags, note or colour of a highlight of the open article."""
        old = self._saved.get(highlight_id)
        if old is None:
            return None
        if color is not None and color in COLORS:
            self.remember_color(color)
        else:
            color = old.color
        new = replace(
            old,
            tags=old.tags if tags is None else unique_tags(tags),
            note=old.note if note is None else clean_note(note),
            color=color,
            updated=utc_now(),
        )
        if (new.tags, new.note, new.color) == (old.tags, old.note, old.color):
            return old
        return self._replace(new)

    def delete(self, highlight_id: str) -> Highlight | None:
        """Delete a highlight of the open article; `undo` brings it back."""
        old = self._saved.pop(highlight_id, None)
        if old is None:
            return None
        self._shown.pop(highlight_id, None)
        self._undo.append(old)
        self._enqueue(_Job("delete", old))
        self._post_changed()
        return old

    def undo(self) -> Highlight | None:
        """Restore the last highlight deleted in this session."""
        if not self._undo:
            return None
        h = self._undo.pop()
        if self.article is not None and h.article_id in self._article_ids:
            self._saved[h.id] = h
            self._shown[h.id] = _reanchor(self.article.text, h)
            self._post_changed()
        self._enqueue(_Job("add", h))
        return h

    # ------------------------------------------------- dialogs, then a change
    # Each asks with a modal and applies the answer; `span` makes a new
    # highlight of those offsets, `highlight_id` changes an existing one.

    def _passage(self, span: tuple[int, int] | None, highlight_id: str | None) -> str:
        if highlight_id is not None:
            h = self.get(highlight_id)
            return h.exact if h is not None else ""
        if span is not None and self.article is not None:
            return self.article.text[span[0] : span[1]]
        return ""

    def ask_color(
        self, *, span: tuple[int, int] | None = None, highlight_id: str | None = None
    ) -> None:
        h = self.get(highlight_id) if highlight_id else None
        current = h.color if h is not None else self.last_color

        def chosen(color: str | None) -> None:
            if color is None:
                return
            if highlight_id is not None:
                self.edit(highlight_id, color=color)
            elif span is not None:
                self.add(*span, color=color)

        from reader.ui.screens.color_picker import ColorPicker

        self.app.push_screen(ColorPicker(current), chosen)

    def ask_tags(
        self, *, span: tuple[int, int] | None = None, highlight_id: str | None = None
    ) -> None:
        h = self.get(highlight_id) if highlight_id else None
        passage = self._passage(span, highlight_id)

        def chosen(tags: tuple[str, ...] | None) -> None:
            if tags is None:
                return
            if highlight_id is not None:
                self.edit(highlight_id, tags=tags)
            elif span is not None:
                self.add(*span, tags=tags)

        from reader.ui.screens.tag_editor import TagEditor

        editor = TagEditor(h.tags if h else (), known=self.known_tags, passage=passage)
        self.app.push_screen(editor, chosen)

    def ask_note(
        self, *, span: tuple[int, int] | None = None, highlight_id: str | None = None
    ) -> None:
        h = self.get(highlight_id) if highlight_id else None
        passage = self._passage(span, highlight_id)

        def written(note: str | None) -> None:
            if note is None:
                return
            if highlight_id is not None:
                self.edit(highlight_id, note=note)
            elif span is not None:
                self.add(*span, note=note)

        from reader.ui.screens.note_editor import NoteEditor

        self.app.push_screen(NoteEditor(h.note if h else "", passage=passage), written)

    def ask_article_note(self) -> None:
        """`N`: write (or edit) the note on the whole article."""
        if self.article is None:
            return
        existing = self.article_notes()
        current = existing[0] if existing else None

        def written(note: str | None) -> None:
            if note is None:
                return
            if current is not None:
                self.edit(current.id, note=note)
            elif note.strip():
                self.add_article_note(note)

        from reader.ui.screens.note_editor import NoteEditor

        title = "Note on the whole article"
        self.app.push_screen(
            NoteEditor(current.note if current else "", passage="", title=title), written
        )

    def ask_edit(self, highlight_id: str) -> None:
        """`e`: tags, note and colour in one dialog."""
        h = self.get(highlight_id)
        if h is None:
            return

        def edited(result: HighlightEdit | None) -> None:
            if result is not None:
                self.edit(highlight_id, tags=result.tags, note=result.note, color=result.color)

        from reader.ui.screens.highlight_editor import HighlightEditor

        self.app.push_screen(HighlightEditor(h, known_tags=self.known_tags), edited)

    def delete_and_tell(self, highlight_id: str) -> Highlight | None:
        """`x`: delete, saying how to undo."""
        gone = self.delete(highlight_id)
        if gone is not None:
            self.app.notify("Highlight deleted. Press u to undo.", timeout=4)
        return gone

    def undo_and_tell(self) -> Highlight | None:
        """`u`: bring back the last highlight deleted in this session."""
        back = self.undo()
        if back is None:
            self.app.notify("Nothing to undo.", severity="warning", timeout=3)
        else:
            self.app.notify("Highlight restored.", timeout=3)
        return back

    def remember_color(self, color: str) -> None:
        if color in COLORS and color != self.last_color:
            self.last_color = color
            self.post_message(self.ColorChosen(color))

    # -------------------------------------------------------------- internals

    def _insert(self, h: Highlight) -> Highlight:
        self._saved[h.id] = h
        self._shown[h.id] = h
        self._made_here.add(h.id)
        self._add_known_tags(h.tags)
        self._enqueue(_Job("add", h))
        self._post_changed()
        return h

    def _replace(self, new: Highlight) -> Highlight:
        old = self._saved[new.id]
        self._saved[new.id] = new
        shown = self._shown.get(new.id, old)
        self._shown[new.id] = replace(
            new, start=shown.start, end=shown.end, orphaned=shown.orphaned
        )
        self._add_known_tags(new.tags)
        self._enqueue(_Job("update", new, old))
        self._post_changed()
        return new

    def _add_known_tags(self, tags: Iterable[str]) -> None:
        known = {t.casefold() for t in self.known_tags}
        self.known_tags.extend(t for t in tags if t.casefold() not in known)

    def _enqueue(self, job: _Job) -> None:
        if self.store is None and not self._warned_no_store:
            self._warned_no_store = True
            self.app.notify(
                "Highlights are not being saved: the notes store could not be opened.",
                severity="warning",
            )
        self._queue.put(job)

    def _post_changed(self) -> None:
        if self.article is not None:
            self.post_message(self.Changed(self.article.id, self.highlights))

    @on(_Done)
    def _done(self, message: _Done) -> None:
        message.stop()
        job = message.job
        if message.kept and not self._told_busy and not self._stopping.is_set():
            self._told_busy = True
            self.app.notify(
                "The notes store is busy (another reader is holding it): your changes are "
                f"kept in {message.kept} and saved as soon as it is free.",
                markup=False,
                severity="warning",
                timeout=10,
            )
        if message.error is None:
            stored = message.stored or job.highlight
            if job.kind != "delete" and stored.id in self._saved:
                self._saved[stored.id] = stored
            self.post_message(self.Saved(job.kind, stored))
            return
        self._revert(job)
        self.app.notify(message.error, markup=False, severity="error", timeout=8)
        self.post_message(self.SaveFailed(job.kind, job.highlight, message.error))

    def _revert(self, job: _Job) -> None:
        h = job.highlight
        text = self.article.text if self.article is not None else None
        if job.kind == "add":
            self._saved.pop(h.id, None)
            self._shown.pop(h.id, None)
        elif job.kind == "update" and job.previous is not None and h.id in self._saved:
            self._saved[h.id] = job.previous
            self._shown[h.id] = _reanchor(text, job.previous) if text else job.previous
        elif job.kind == "delete":
            if h in self._undo:
                self._undo.remove(h)
            if self.article is not None and h.article_id in self._article_ids:
                self._saved[h.id] = h
                self._shown[h.id] = _reanchor(self.article.text, h)
        self._post_changed()
