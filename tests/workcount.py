"""Count work, not seconds: how tests check that something grows linearly.

A wall-clock budget in a test fails whenever the machine is busy, and a
quadratic pass hidden behind a fast machine passes it. The number of
function calls (Python and built-in) a piece of code makes for an input is
the same on every machine and under any load, so tests compare that count
at sizes n, 2n and 4n instead. The timing bars themselves live in
benchmarks/.

What this does not see is work inside one built-in call (a regex scanning a
whole paragraph for each quote is one call per quote either way): the
benchmarks time those.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import FrameType
from typing import Any

MAX_GROWTH = 2.5
"""Linear work doubles between 2n and 4n as it does between n and 2n (a
ratio of 2); n log n with Python-level comparisons stays under ~2.2;
quadratic work is 4x. The bar sits between them."""


def calls(work: Callable[[], object]) -> int:
    """Function calls (Python and built-in) made while `work()` runs, in this thread."""
    count = 0

    def profile(frame: FrameType, event: str, arg: Any) -> None:
        nonlocal count
        if event == "call" or event == "c_call":
            count += 1

    previous = sys.getprofile()
    sys.setprofile(profile)
    try:
        work()
    finally:
        sys.setprofile(previous)
    return count


def growth(work_for: Callable[[int], Callable[[], object]], n: int) -> tuple[float, list[int]]:
    """How the call count grows from 2n to 4n against n to 2n, and the counts.

    `work_for(size)` builds the input of that size (not counted) and returns
    the work to count. Differences cancel the fixed cost of a call; a first,
    uncounted run does one-time work (compiling patterns, loading lists).
    """
    work_for(n)()
    counts = [calls(work_for(size)) for size in (n, 2 * n, 4 * n)]
    first, second = counts[1] - counts[0], counts[2] - counts[1]
    return (second / first if first > 0 else float(second > 0)), counts


def assert_linear(work_for: Callable[[int], Callable[[], object]], n: int) -> None:
    """Fail if the work for 4n grows by more than MAX_GROWTH times that for 2n over n."""
    ratio, counts = growth(work_for, n)
    assert ratio <= MAX_GROWTH, (
        f"calls at n, 2n, 4n (n={n}): {counts}; the step 2n->4n is {ratio:.2f}x "
        f"the step n->2n (linear is 2x, quadratic 4x)"
    )
