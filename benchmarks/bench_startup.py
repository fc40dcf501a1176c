"""Start-up time of the reader against a bare Textual app, side by side.

Each run starts a fresh Python process in a pseudo-terminal (120x40). The
parent notes the wall-clock time just before spawning it; the child, at its
first full paint (the first refresh after the condition below), writes the
wall-clock time to a file and exits at once. The figure is the difference:

- bare:   a Textual app with Header, a Static and Footer; exits after the
          first refresh that follows mount.
- reader: `reader SEED` through the real CLI (store, config, ingest); exits
          after the first refresh that follows the sidebar being filled by
          the extraction worker.
- 1 MB:   `reader BIG.txt` on a generated 1 MB article; exits after the
          first refresh that shows the article (extraction still running).

The package's bytecode is compiled first, as `pip install` does: with an
editable install and PYTHONDONTWRITEBYTECODE set (as on some machines),
every run would otherwise compile the reader's sources from scratch, which
an installed reader never does. Runs are interleaved so machine noise hits
all of them alike. Prints the
medians and the reader/bare ratio (bar: <= 1.5) and the 1 MB first paint
(bar: < 1 s).

Then the big and deeply nested articles of the hostile corpus
(tests/hostile/payloads.py: 1 MB lines, big tables, nested Markdown), each
`reader PATH` to its first paint as for 1 MB (bar: < 2 s, the bar
tests/test_pty.py used to hold), median of --hostile-runs.

    python benchmarks/bench_startup.py [--runs 15] [--hostile-runs 5]
"""

from __future__ import annotations

import argparse
import compileall
import fcntl
import importlib.abc
import importlib.util
import os
import pty
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import threading
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "seeds" / "xiaomi-yu7-us-market.txt"
SIZE = (120, 40)


# --------------------------------------------------------------------- children


SHOWN: list[float] = []
CLEANUP: list[Callable[[], None]] = []


def painted() -> None:
    """Record the moment of the first full paint (and when the article was handed
    to the pane, if it was) and leave without cleaning up."""
    now = time.time()
    Path(os.environ["BENCH_RESULT"]).write_text(" ".join(map(repr, [now, *SHOWN[:1]])))
    for cleanup in CLEANUP:  # stop the extraction process: it must not slow the next run
        cleanup()
    os._exit(0)


def child_bare() -> None:
    from textual.app import App, ComposeResult
    from textual.widgets import Footer, Header, Static

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield Header()
            yield Static("Hello, terminal.")
            yield Footer()

        def on_mount(self) -> None:
            self.call_after_refresh(painted)

    Bare().run()


def after_import(name: str, patch: Callable[[ModuleType], None]) -> None:
    """Run `patch` on module `name` right after it is first imported.

    The reader imports its interface only once it has started the extraction
    process (and paused the garbage collector); importing reader.ui.app here
    to patch it would change that order and measure a start-up no user has.
    """

    class Finder(importlib.abc.MetaPathFinder):
        def find_spec(self, fullname: str, path: object, target: object = None) -> Any:
            if fullname != name:
                return None
            sys.meta_path.remove(self)
            spec = importlib.util.find_spec(fullname)
            assert spec is not None and spec.loader is not None
            run_module = spec.loader.exec_module

            def exec_module(module: ModuleType) -> None:
                run_module(module)
                patch(module)

            spec.loader.exec_module = exec_module  # type: ignore[method-assign]
            return spec

    sys.meta_path.insert(0, Finder())


def child_reader(path: str, *, wait_for_sidebar: bool) -> None:
    from reader import cli
    from reader.extract import process as extract_worker

    start = extract_worker.ExtractionProcess.start

    def start_and_remember(self: extract_worker.ExtractionProcess) -> None:
        start(self)
        CLEANUP.append(self.close)

    extract_worker.ExtractionProcess.start = start_and_remember  # type: ignore[method-assign]

    def patch_app(ui_app: ModuleType) -> None:
        # reader.ui.app re-exports the reading screen and imports the sidebar.
        if wait_for_sidebar:
            sidebar = ui_app.Sidebar
            set_extraction = sidebar.set_extraction

            def exit_after_sidebar(self: Any, extraction: object) -> None:
                set_extraction(self, extraction)
                if extraction is not None:  # the extraction arrived (not the empty start)
                    self.call_after_refresh(painted)

            sidebar.set_extraction = exit_after_sidebar
        else:
            reading = ui_app.ReadingScreen
            show = reading.show_article

            def exit_after_article(self: Any, opened: object) -> None:
                SHOWN.append(time.time())
                show(self, opened)
                self.call_after_refresh(painted)

            reading.show_article = exit_after_article

    after_import("reader.ui.app", patch_app)
    cli.main([path])
    raise SystemExit("the reader exited before painting")


# ---------------------------------------------------------------------- parent


def run_in_pty(args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Seconds from spawning `args` in a 120x40 pseudo-terminal to its first paint,
    and from the article reaching the pane to that paint (0 if not recorded)."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", SIZE[1], SIZE[0], 0, 0))

    def drain() -> None:
        while True:
            try:
                if not os.read(master, 65536):
                    return
            except OSError:
                return

    threading.Thread(target=drain, daemon=True).start()
    result = Path(env["BENCH_RESULT"])
    result.unlink(missing_ok=True)
    started = time.time()
    process = subprocess.Popen(
        args, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True
    )
    code = process.wait(timeout=120)
    os.close(slave)
    os.close(master)
    if code != 0 or not result.exists():
        raise SystemExit(f"{args} exited with {code} before painting")
    stamps = [float(x) for x in result.read_text().split()]
    return stamps[0] - started, (stamps[0] - stamps[1]) if len(stamps) > 1 else 0.0


def big_article(folder: Path) -> Path:
    paragraph = " ".join(
        ["The council said the bridge would reopen in spring, officials told reporters."] * 12
    )
    text = "A one-megabyte article\n\n" + "\n\n".join(f"{paragraph} ({i})" for i in range(1_100))
    path = folder / "big.txt"
    path.write_text(text, encoding="utf-8")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--hostile-runs", type=int, default=5)
    parser.add_argument("--child", choices=["bare", "reader", "big"], help=argparse.SUPPRESS)
    parser.add_argument("path", nargs="?", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child == "bare":
        child_bare()
        return
    if args.child in ("reader", "big"):
        child_reader(args.path, wait_for_sidebar=args.child == "reader")
        return

    compileall.compile_dir(REPO / "reader", quiet=1)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        big = big_article(folder)
        env = dict(
            os.environ,
            TERM="xterm-256color",
            READER_HOME=str(folder / "home"),
            BENCH_RESULT=str(folder / "painted-at"),
        )
        env.pop("READER_DB", None)
        me = [sys.executable, str(Path(__file__).resolve())]
        commands = {
            "bare": [*me, "--child", "bare"],
            "reader": [*me, "--child", "reader", str(SEED)],
            "big": [*me, "--child", "big", str(big)],
        }
        for command in commands.values():  # warm the file cache and the store
            run_in_pty(command, env)
        times: dict[str, list[float]] = {name: [] for name in commands}
        in_pane: list[float] = []
        load_before = os.getloadavg()[0]
        for _ in range(args.runs):
            for name, command in commands.items():
                total, pane = run_in_pty(command, env)
                times[name].append(total)
                if name == "big":
                    in_pane.append(pane)
        hostile = hostile_first_paints(folder, env, me, args.hostile_runs)

    bare = statistics.median(times["bare"])
    reader = statistics.median(times["reader"])
    big_s = statistics.median(times["big"])
    size_mb = big.stat().st_size / 1e6 if big.exists() else 1.0
    print(
        f"runs: {args.runs} each, interleaved, {SIZE[0]}x{SIZE[1]} pseudo-terminal; "
        f"load average {load_before:.1f} before, {os.getloadavg()[0]:.1f} after"
    )
    print(f"bare Textual app (Header, Static, Footer) to first paint: {bare * 1000:7.0f} ms")
    print(f"reader on the seed, sidebar filled, to first paint:     {reader * 1000:7.0f} ms")
    print(f"ratio reader / bare: {reader / bare:.2f}  (bar <= 1.5)")
    for name, samples in times.items():
        print(f"  {name} samples (ms): " + " ".join(f"{t * 1000:.0f}" for t in samples))
    print(
        f"reader on a {size_mb:.1f} MB article to first paint:       {big_s * 1000:7.0f} ms"
        "  (bar < 1000 ms; extraction continues in its own process)"
    )
    print(
        "  of which from the article reaching the pane to its first paint: "
        f"{statistics.median(in_pane) * 1000:.0f} ms"
    )
    for name, samples in hostile.items():
        median = statistics.median(samples)
        verdict = "ok" if median < HOSTILE_BAR else "FAIL"
        print(
            f"reader on {name:<24} to first paint: {median * 1000:7.0f} ms"
            f"  (bar < {HOSTILE_BAR * 1000:.0f} ms) {verdict}"
        )


HOSTILE_BIG = ["big-1mb-line.txt", "big-1mb-line.md", "table-200x50.md", "table-2x5000.md"]
HOSTILE_BIG += ["nest-mixed.md"]
HOSTILE_BAR = 2.0


def hostile_first_paints(
    folder: Path, env: dict[str, str], me: list[str], runs: int
) -> dict[str, list[float]]:
    """Seconds to the first paint of each big hostile article, `runs` times each."""
    sys.path.insert(0, str(REPO / "tests"))
    from hostile.payloads import corpus, write_corpus

    payloads = [p for p in corpus() if p.id in HOSTILE_BIG]
    paths = write_corpus(folder / "hostile", payloads)
    times: dict[str, list[float]] = {name: [] for name in paths}
    for _ in range(runs):
        for name, path in paths.items():
            total, _ = run_in_pty([*me, "--child", "big", str(path)], env)
            times[name].append(total)
    return times


if __name__ == "__main__":
    main()
