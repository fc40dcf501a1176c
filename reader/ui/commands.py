"""The reader's commands for the command palette (Ctrl+P).

One table of (title, help, action) so every reader command is reachable by
name as well as by key; actions run through App.run_action, the same path
key bindings take.
"""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

READER_COMMANDS: tuple[tuple[str, str, str], ...] = (
    ("Open a file…", "Open an article or a folder of articles by path", "app.reading('open_file')"),
    ("Help: keys", "List every key binding", "app.help"),
    (
        "Search notes…",
        "Find any saved highlight by its words, note, tags or article (/)",
        "app.notes_search",
    ),
    ("Tags", "Every tag with how many highlights carry it", "app.notes_search('', True)"),
    ("Toggle library", "Show or hide the library list", "app.reading('toggle_library')"),
    (
        "Toggle sidebar",
        "Show or hide the Quotes / People / Figures / Notes sidebar",
        "app.reading('toggle_sidebar')",
    ),
    (
        "Sidebar: Quotes",
        "Show the quotes found in the article",
        "app.reading('sidebar_tab', 'quotes')",
    ),
    (
        "Sidebar: People",
        "Show the people named in the article",
        "app.reading('sidebar_tab', 'people')",
    ),
    (
        "Sidebar: Figures",
        "Show the figures in the article",
        "app.reading('sidebar_tab', 'figures')",
    ),
    (
        "Sidebar: Notes",
        "Show this article's highlights and notes",
        "app.reading('sidebar_tab', 'notes')",
    ),
    (
        "Toggle quote marks",
        "Mark extracted quotes in the text, or not",
        "app.reading('article', 'toggle_marks')",
    ),
    ("Wider text", "Widen the reading column", "app.reading('article', 'wider')"),
    ("Narrower text", "Narrow the reading column", "app.reading('article', 'narrower')"),
    ("Next paragraph", "Move to the next paragraph", "app.reading('article', 'next_paragraph')"),
    (
        "Previous paragraph",
        "Move to the previous paragraph",
        "app.reading('article', 'prev_paragraph')",
    ),
    ("Next quote", "Move to the next quote", "app.reading('article', 'next_quote')"),
    ("Previous quote", "Move to the previous quote", "app.reading('article', 'prev_quote')"),
    ("Top of article", "Go to the start of the article", "app.reading('article', 'top')"),
    ("End of article", "Go to the end of the article", "app.reading('article', 'bottom')"),
    (
        "Quote in sidebar",
        "Show the sidebar entry of the quote at the cursor",
        "app.reading('article', 'show_in_sidebar')",
    ),
    (
        "Open link at cursor",
        "Open the link on the cursor line (asks first)",
        "app.reading('article', 'open_link')",
    ),
    ("Sort library by date", "Newest first", "app.reading('sort_library', 'date')"),
    ("Sort library by title", "A to Z", "app.reading('sort_library', 'title')"),
    (
        "Remove article from library",
        "Remove the current article (asks first)",
        "app.reading('remove_article')",
    ),
    ("Quit", "Leave the reader", "app.quit"),
)


class ReaderCommands(Provider):
    """Offers READER_COMMANDS, fuzzy-matched on their titles."""

    async def discover(self) -> Hits:
        for title, help_text, action in READER_COMMANDS:
            yield DiscoveryHit(title, partial(self._run, action), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, action in READER_COMMANDS:
            score = matcher.match(title)
            if score > 0:
                yield Hit(
                    score, matcher.highlight(title), partial(self._run, action), help=help_text
                )

    async def _run(self, action: str) -> None:
        await self.app.run_action(action)
