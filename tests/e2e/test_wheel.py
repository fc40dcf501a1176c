"""The wheel ships styles/ and seeds/, and an installed copy finds them from anywhere."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest
from conftest import REPO, SEEDS

# One worker builds the wheel once for every test here (the fixture is per module).
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("wheel")]


def _build_wheel(out: Path) -> Path:
    """Build with the hatchling already installed when there is one (fast, no
    network); otherwise let `build` make its isolated environment."""
    command = [sys.executable, "-m", "build", "--wheel", "--outdir", str(out), str(REPO)]
    if importlib.util.find_spec("hatchling") is not None:
        command.insert(4, "--no-isolation")
    result = subprocess.run(command, capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stderr[-2000:]
    [wheel] = out.glob("reader_tui-*.whl")
    return wheel


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build_wheel(tmp_path_factory.mktemp("dist"))


def test_wheel_contains_styles_and_seeds(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    styles = [n for n in names if n.startswith("reader/styles/") and n.endswith(".tcss")]
    assert styles, "no .tcss file in the wheel"
    for seed in SEEDS.iterdir():
        if seed.is_file():
            assert f"reader/seeds/{seed.name}" in names
    for style in (REPO / "styles").glob("*.tcss"):
        assert f"reader/styles/{style.name}" in names


def test_installed_wheel_finds_seeds_from_another_directory(wheel: Path, tmp_path: Path) -> None:
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    install = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "--quiet",
            "--no-deps",
            "--no-index",
            str(wheel),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert install.returncode == 0, install.stderr
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    script = (
        "import json, reader\n"
        "from reader.paths import seeds_dir, styles_dir\n"
        "from reader.ingest import load_path\n"
        "seed = seeds_dir() / 'xiaomi-yu7-us-market.txt'\n"
        "print(json.dumps({'package': reader.__file__, 'seeds': str(seeds_dir()),\n"
        "  'names': sorted(p.name for p in seeds_dir().iterdir()),\n"
        "  'styles': sorted(p.name for p in styles_dir().glob('*.tcss')),\n"
        "  'section': load_path(seed).meta.section}))\n"
    )
    result = subprocess.run(
        [str(python), "-c", script], capture_output=True, text=True, cwd=elsewhere, env=env
    )
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert str(env_dir) in found["package"], "imported the checkout, not the installed wheel"
    assert found["seeds"].startswith(str(env_dir))
    assert found["names"] == sorted(p.name for p in SEEDS.iterdir() if p.is_file())
    assert found["styles"] == sorted(p.name for p in (REPO / "styles").glob("*.tcss"))
    assert found["section"] == "ECONOMY"
