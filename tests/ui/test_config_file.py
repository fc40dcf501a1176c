"""config.json is read like any input: a regular file of bounded size, else
the defaults (a FIFO in its place must not hang the start)."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import pytest

from reader.datafile import CONFIG_LIMIT
from reader.ui.config import UIConfig, load_config, save_config


def test_a_saved_config_reads_back(tmp_path: Path) -> None:
    path = tmp_path / "config.json"
    save_config(UIConfig(reading_width=90, theme="nord"), path)
    assert load_config(path) == UIConfig(reading_width=90, theme="nord")


@pytest.mark.parametrize("kind", ["folder", "too large", "deep", "not utf-8"])
def test_a_config_that_is_not_a_small_json_file_gives_the_defaults(
    kind: str, tmp_path: Path
) -> None:
    path = tmp_path / "config.json"
    if kind == "folder":
        path.mkdir()
    elif kind == "too large":
        path.write_text(json.dumps({"reading_width": 90, "pad": " " * CONFIG_LIMIT}))
    elif kind == "deep":
        path.write_text("[" * 30_000 + "]" * 30_000)
    else:
        path.write_bytes(b'{"theme": "\xff"}')
    assert load_config(path) == UIConfig()


def test_a_fifo_in_place_of_the_config_gives_the_defaults_without_blocking(
    tmp_path: Path,
) -> None:
    path = tmp_path / "config.json"
    os.mkfifo(path)
    result: list[UIConfig] = []
    reader = threading.Thread(target=lambda: result.append(load_config(path)), daemon=True)
    reader.start()
    # A deadlock guard, not a time budget: reading a FIFO blocks until a writer comes.
    reader.join(timeout=60)
    if reader.is_alive():
        with open(path, "w"):  # unblock the reader so the test process can end
            pass
        pytest.fail("load_config blocked on a FIFO")
    assert result == [UIConfig()]
