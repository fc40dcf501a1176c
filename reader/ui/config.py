"""UI settings remembered between runs, in config.json next to the store.

A missing or unreadable file gives the defaults: settings are a comfort,
never a reason to refuse to start. It is read like any input (a regular
file, at most CONFIG_MAX_BYTES): a FIFO or a device put in its place must
not hang the start.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

from reader.errors import BadInputError
from reader.ingest.decode import read_bytes
from reader.paths import config_path

DEFAULT_THEME = "textual-dark"
DEFAULT_WIDTH = 72
CONFIG_MAX_BYTES = 64 * 1024


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
        raw = json.loads(read_bytes(path, CONFIG_MAX_BYTES, kind="a settings file").decode())
    except (BadInputError, ValueError, RecursionError):
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
    """Write atomically (temp file + replace) so a crash never leaves half a file."""
    path = path or config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".config-", suffix=".json", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(asdict(config), handle, indent=2)
            handle.write("\n")
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
