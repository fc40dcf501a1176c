"""Which links the reader may hand to a browser.

Only http and https, with a host, no leading "-" (a browser would read it
as an option), and no whitespace or control characters anywhere.
"""

from __future__ import annotations

from urllib.parse import urlsplit


def safe_link(href: str) -> str | None:
    """`href` if it is safe to open on the user's explicit request, else None."""
    if not href or href.startswith("-") or len(href) > 4096:
        return None
    if any(ch.isspace() or ord(ch) < 32 or 0x7F <= ord(ch) <= 0x9F for ch in href):
        return None
    try:
        parts = urlsplit(href)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    if parts.netloc.startswith("-"):
        return None
    return href
