"""Search over saved highlights: a query language and a ranked, live index.

API (plain Python, no Textual; the TUI runs `search` in a worker thread —
every method takes the index's lock, so that is safe):

    parse_query(text, *, prefix_last=True) -> ParsedQuery
        Never raises. `.clauses` (all must match; each a tuple of OR'd
        `Atom`s with .kind, .tokens, .negated, .prefix, .day), `.warnings`
        (unclosed quote, unknown field, bad date, unknown colour...),
        `.description` ("trade, tag china, not tariff"), `.hint`
        ("understood ...; unknown field 'foo:' ..." or None when well formed),
        `.is_empty` and `.words` (the free-text words, to emphasise).
        With prefix_last the last word, when the text does not end in a
        space, also matches words it begins (search as you type); the CLI
        uses it too.

    SearchIndex.from_store(store, snapshot=None, *, use_snapshot=True)
        Indexes every highlight and article of a store (reader.store_api.StoreAPI)
        and subscribes to it, so adds/edits/deletes show up in the next search.
        A snapshot of the index (PATH.search beside the store) makes the
        next open cheap: unchanged highlights are taken from it, changed
        ones re-indexed; it is rewritten when missing or >5% stale, ignored
        when damaged. `index.save()` writes it on demand (e.g. on quit after
        many edits); `index.reused` says how many came from it. Once open,
        the app should call gc.freeze() (see from_store's docstring).
    SearchIndex() + add(h, ArticleInfo) / update(h, article=None) /
        remove(highlight_id) / add_many(hs) / set_article(ArticleInfo)
        Incremental maintenance by hand (tests, or a store-less caller).
        from_store subscribes to the store's highlight events and its
        article events (added, renamed), so nothing needs forwarding.
    index.search(query: str | ParsedQuery, limit=50) -> list[SearchResult]
        Best first; ties (equal score) newest first. A filter-only query
        (tag:x, is:orphan...) lists its matches newest first.
    index.recent(limit=50) -> list[SearchResult]     what an empty query shows
    index.tag_counts() -> list[tuple[str, int]]      most used tag first

    SearchResult: .highlight (model.Highlight), .article (ArticleInfo: id,
        title, path, published, outlet), .score, .spans ([start, end) into
        highlight.exact of matched words, for emphasis), .note_excerpt
        (one line around the first match in the note) and .note_spans.

Query language (QUERY_HELP holds the text the help screen and README show):
words must all match in any order; "exact phrase"; a OR b (binds tighter
than the implicit AND); -word / -"phrase" / -tag:x exclude; tag:T or #T;
article:WORD (title, and outlet, words); person:"Lei Jun" (any name or alias
stored with the highlight); color:yellow; has:note|tag|person;
is:orphan|article; after:D and before:D compare the date the highlight was
saved (after is inclusive, before exclusive; D is YYYY, YYYY-MM or
YYYY-MM-DD); published-after:D / published-before:D compare the article's
publication date. Matching folds case, accents and punctuation; words of 5+
letters forgive 1 edit (2 from 7 letters; a swap of neighbours is one edit)
when they match nothing exactly.

Ranking: BM25 over one field-weighted bag of words per highlight (text and
article title x1, note x2, tags x3), so note and tag matches rank higher;
prefix completions score x0.85, typo matches x0.6 (x0.45 for two edits).
In a collection of 1,000+ highlights, a word found in over half of them
(idf under ln 2) still has to match but is not scored; a word being typed
with over 100 completions matches all of them but scores only itself.
"""

from reader.search.index import ArticleInfo, SearchIndex, SearchResult, note_excerpt
from reader.search.query import QUERY_HELP, Atom, ParsedQuery, parse_query

__all__ = [
    "QUERY_HELP",
    "ArticleInfo",
    "Atom",
    "ParsedQuery",
    "SearchIndex",
    "SearchResult",
    "note_excerpt",
    "parse_query",
]
