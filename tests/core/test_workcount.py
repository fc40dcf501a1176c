"""The call-count check the linearity tests rely on can fail: quadratic work
is caught, linear and n log n work are not."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from workcount import MAX_GROWTH, assert_linear, calls, growth


def linear(n: int) -> Callable[[], object]:
    items = list(range(n))
    return lambda: [abs(x) for x in items]


def quadratic(n: int) -> Callable[[], object]:
    items = list(range(n))
    return lambda: [sum(abs(y) for y in items[:i]) for i in range(len(items))]


def n_log_n(n: int) -> Callable[[], object]:
    class Key:
        def __init__(self, value: int) -> None:
            self.value = value

        def __lt__(self, other: Key) -> bool:
            return self.value < other.value

    items = [Key((x * 7919) % n) for x in range(n)]
    return lambda: sorted(items)


def test_calls_counts_python_and_builtin_calls() -> None:
    assert calls(lambda: [abs(x) for x in range(10)]) >= 10
    assert calls(linear(200)) > calls(linear(100))


def test_linear_work_passes_and_doubles() -> None:
    ratio, counts = growth(linear, 100)
    assert ratio == pytest.approx(2.0, rel=0.05), counts
    assert_linear(linear, 100)


def test_n_log_n_work_passes() -> None:
    ratio, _ = growth(n_log_n, 500)
    assert 2.0 < ratio <= MAX_GROWTH
    assert_linear(n_log_n, 500)


def test_quadratic_work_fails() -> None:
    ratio, _ = growth(quadratic, 50)
    assert ratio > MAX_GROWTH
    with pytest.raises(AssertionError, match="quadratic 4x"):
        assert_linear(quadratic, 50)


def test_one_time_work_in_the_first_run_is_not_counted() -> None:
    cache: list[int] = []

    def warms_up(n: int) -> Callable[[], object]:
        def work() -> None:
            if not cache:
                cache.extend(abs(x) for x in range(10_000))  # e.g. compiling patterns
            [abs(x) for x in range(n)]

        return work

    assert_linear(warms_up, 100)
