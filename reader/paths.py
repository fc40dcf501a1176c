"""Every path the app uses, in one place, with environment overrides.

READER_HOME overrides the data folder (store, config, library, logs);
READER_DB overrides the store file; the `--db` option beats both.
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "reader"
_PACKAGE_DIR = Path(__file__).resolve().parent


def data_dir() -> Path:
    """The folder for the store, config and logs (created on demand by callers)."""
    override = os.environ.get("READER_HOME")
    if override:
        return Path(override).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def db_path(option: str | os.PathLike[str] | None = None) -> Path:
    """The notes store: `--db` option, else READER_DB, else data_dir()/store.json."""
    if option:
        return Path(option).expanduser()
    env = os.environ.get("READER_DB")
    if env:
        return Path(env).expanduser()
    return data_dir() / "store.json"


def config_path() -> Path:
    return data_dir() / "config.json"


def keymap_path() -> Path:
    """The user's key bindings (binding id -> keys), read at start-up."""
    return data_dir() / "keymap.json"


def log_path() -> Path:
    return data_dir() / "reader.log"


def _shipped_dir(name: str) -> Path:
    """A top-level folder shipped inside the wheel (reader/NAME) or, from a
    source checkout or editable install, the one beside the package."""
    inside = _PACKAGE_DIR / name
    if inside.is_dir():
        return inside
    return _PACKAGE_DIR.parent / name


def styles_dir() -> Path:
    return _shipped_dir("styles")


def seeds_dir() -> Path:
    return _shipped_dir("seeds")
