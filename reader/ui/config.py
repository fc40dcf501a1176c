"""UI settings remembered between runs, in config.json next to the store.

A missing or unreadable file gives the defaults: settings are a comfort,
never a reason to refuse to start. "Unreadable" includes anything that is
not a regular file of at most CONFIG_LIMIT bytes holding a JSON object
(read through reader.datafile, so a FIFO or /dev/zero never blocks or
floods memory).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

from reader.datafile import CONFIG_LIMIT, read_regular
from reader.files import atomic_write
from reader.paths import config_path

DEFAULT_THEME = "textual-dark"
DEFAULT_WIDTH = 72


@dataclass(frozen=True, slots=True)
class UIConfig:
    theme: str = DEFAULT_THEME
    reading_width: int = DEFAULT_WIDTH
    show_quote_marks: bool = True
    library_sort: str = "date"
    seeded: bool = False
    highlight_color: str = "yellow"

    def with_(self, **changes: Any) -> UIConfig:
        return replace(self, **changes)


def load_config(path: Path | None = None) -> UIConfig:
    path = path or config_path()
    try:
        result = read_regular(path, CONFIG_LIMIT)
        raw = json.loads(result[0]) if result is not None else None
    except (OSError, ValueError, RecursionError, MemoryError):
        return UIConfig()
    if not isinstance(raw, dict):
        return UIConfig()
    defaults = UIConfig()
    values: dict[str, Any] = {}
    for key, default in asdict(defaults).items():
        value = raw.get(key, default)
        values[key] = value if isinstance(value, type(default)) else default
    width = values["reading_width"]
    values["reading_width"] = max(24, min(160, width))
    return UIConfig(**values)


def save_config(config: UIConfig, path: Path | None = None) -> None:
    """Write atomically (reader.files.atomic_write: temp file, fsync, rename)
    so a crash never leaves half a file."""
    path = path or config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    data = (json.dumps(asdict(config), indent=2) + "\n").encode("utf-8")
    atomic_write(path, data, keep_backup=False)
