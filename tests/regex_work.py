"""Count the steps a backtracking regex engine takes: a deterministic measure
of what a pattern costs, for "linear, not quadratic" tests.

`re` runs in C, where nothing can be counted, and CPU time is not
deterministic. So the pattern is re-run on a model of the engine: the parse
tree `re` itself builds (re._parser), searched in the same order as `re`
searches it (greedy repeats longest first, lazy ones shortest first,
alternatives left to right, lookarounds, atomic groups and possessive repeats
committed to their first match). One step is one attempt of one node at one
position, so a pattern that backtracks super-linearly in `re` does the same
here, and the count is the same on every machine.

`spans` returns the matches the model found, so a test can check the model
agrees with `re` on the very input it measured.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from re import _constants as c  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]
from typing import Any

Cont = Callable[[int], bool]
Node = Callable[[int, Cont], bool]


class TooMuchWork(Exception):
    """The step budget ran out: the pattern is far from linear on this input."""


def _word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


_CATEGORIES: dict[Any, Callable[[str], bool]] = {
    c.CATEGORY_WORD: _word,
    c.CATEGORY_NOT_WORD: lambda ch: not _word(ch),
    c.CATEGORY_SPACE: str.isspace,
    c.CATEGORY_NOT_SPACE: lambda ch: not ch.isspace(),
    c.CATEGORY_DIGIT: str.isdecimal,
    c.CATEGORY_NOT_DIGIT: lambda ch: not ch.isdecimal(),
}


class Engine:
    """One pattern, compiled to closures that count their own steps."""

    def __init__(self, pattern: re.Pattern[str], budget: int = 10_000_000) -> None:
        self.pattern = pattern
        self.budget = budget
        self.steps = 0
        self.text = ""
        self.end = 0
        tree = _parser.parse(pattern.pattern, pattern.flags)
        self._root = self._sequence(list(tree), pattern.flags)

    # ------------------------------------------------------------- running

    def run(self, text: str, mode: str, pos: int = 0, endpos: int | None = None) -> int:
        """Steps taken by `mode` ("match", "fullmatch", or "search", which
        finds every match left to right like finditer, sub and split do)."""
        self.spans(text, mode, pos, endpos)
        return self.steps

    def spans(
        self, text: str, mode: str, pos: int = 0, endpos: int | None = None
    ) -> list[tuple[int, int]]:
        self.steps = 0
        self.end = len(text) if endpos is None else min(endpos, len(text))
        self.text = text[: self.end]
        if mode in ("match", "fullmatch"):
            found = self._attempt(pos, must_advance=False, full=mode == "fullmatch")
            return [] if found is None else [(pos, found)]
        out: list[tuple[int, int]] = []
        start, must_advance = pos, False
        while start <= self.end:
            found = self._attempt(start, must_advance, full=False)
            if found is None:
                start, must_advance = start + 1, False
                continue
            out.append((start, found))
            start, must_advance = found, found == start
            if must_advance and start == self.end:
                break
        return out

    def _attempt(self, start: int, must_advance: bool, full: bool) -> int | None:
        found: list[int] = []

        def done(end: int) -> bool:
            if (must_advance and end == start) or (full and end != self.end):
                return False
            found.append(end)
            return True

        return found[0] if self._root(start, done) else None

    def _tick(self) -> None:
        self.steps += 1
        if self.steps > self.budget:
            raise TooMuchWork(f"over {self.budget} steps")

    # ----------------------------------------------------------- compiling

    def _sequence(self, items: list[tuple[Any, Any]], flags: int) -> Node:
        nodes = [self._node(op, av, flags) for op, av in items]

        def chain(i: int) -> Node:
            if i == len(nodes):
                return lambda pos, k: k(pos)
            first, rest = nodes[i], chain(i + 1)
            return lambda pos, k: first(pos, lambda p: rest(p, k))

        return chain(0)

    def _char(self, op: Any, av: Any, flags: int) -> Callable[[str], bool] | None:
        """A test for one character, when the node matches exactly one."""
        fold = bool(flags & re.IGNORECASE)
        if op is c.LITERAL or op is c.NOT_LITERAL:
            want = chr(av)

            def test(ch: str) -> bool:
                return ch.lower() == want.lower() if fold else ch == want

            return test if op is c.LITERAL else (lambda ch: not test(ch))
        if op is c.ANY:
            return (lambda ch: True) if flags & re.DOTALL else (lambda ch: ch != "\n")
        if op is c.IN:
            negate = bool(av) and av[0][0] is c.NEGATE
            tests: list[Callable[[str], bool]] = []
            for kind, arg in av[1:] if negate else av:
                if kind is c.LITERAL:
                    tests.append(lambda ch, code=arg: ord(ch) == code)
                elif kind is c.RANGE:
                    tests.append(lambda ch, lo=arg[0], hi=arg[1]: lo <= ord(ch) <= hi)
                elif kind is c.CATEGORY:
                    tests.append(_CATEGORIES[arg])
                else:
                    raise NotImplementedError(f"set item {kind}")

            def inside(ch: str) -> bool:
                if any(t(ch) for t in tests):
                    return True
                return fold and any(t(v) for v in (ch.lower(), ch.upper()) for t in tests)

            return (lambda ch: not inside(ch)) if negate else inside
        return None

    def _node(self, op: Any, av: Any, flags: int) -> Node:
        tick = self._tick
        char = self._char(op, av, flags)
        if char is not None:

            def one(pos: int, k: Cont) -> bool:
                tick()
                return pos < self.end and char(self.text[pos]) and k(pos + 1)

            return one
        if op is c.SUBPATTERN:
            _group, add, delete, sub = av
            return self._sequence(list(sub), (flags | add) & ~delete)
        if op is c.BRANCH:
            alternatives = [self._sequence(list(alt), flags) for alt in av[1]]

            def branch(pos: int, k: Cont) -> bool:
                tick()
                return any(alt(pos, k) for alt in alternatives)

            return branch
        if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            return self._repeat(op, av, flags)
        if op is c.ATOMIC_GROUP:
            return self._committed(self._sequence(list(av), flags))
        if op in (c.ASSERT, c.ASSERT_NOT):
            return self._look(op is c.ASSERT, av, flags)
        if op is c.AT:
            return self._at(av, flags)
        raise NotImplementedError(f"regex node {op}")

    def _committed(self, inner: Node) -> Node:
        """An atomic group: its first match only, never backtracked into."""

        def atomic(pos: int, k: Cont) -> bool:
            ends: list[int] = []

            def first(end: int) -> bool:
                ends.append(end)
                return True

            return inner(pos, first) and k(ends[0])

        return atomic

    def _repeat(self, op: Any, av: Any, flags: int) -> Node:
        low, high, sub = av
        items = list(sub)
        tick = self._tick
        char = self._char(*items[0], flags) if len(items) == 1 else None
        if char is not None:
            # one character at a time, as re's REPEAT_ONE: scan, then give back
            def run_length(pos: int) -> int:
                n = 0
                while n < high and pos + n < self.end:
                    tick()
                    if not char(self.text[pos + n]):
                        break
                    n += 1
                return n

            if op is c.MIN_REPEAT:

                def lazy_one(pos: int, k: Cont) -> bool:
                    longest = run_length(pos)
                    for n in range(low, longest + 1):
                        tick()
                        if k(pos + n):
                            return True
                    return False

                return lazy_one
            if op is c.POSSESSIVE_REPEAT:

                def possessive_one(pos: int, k: Cont) -> bool:
                    n = run_length(pos)
                    return n >= low and k(pos + n)

                return possessive_one

            def greedy_one(pos: int, k: Cont) -> bool:
                for n in range(run_length(pos), low - 1, -1):
                    tick()
                    if k(pos + n):
                        return True
                return False

            return greedy_one
        item = self._sequence(items, flags)

        def greedy(pos: int, k: Cont) -> bool:
            def step(p: int, count: int) -> bool:
                tick()
                if count < high and item(
                    p, lambda q: (q != p or count < low) and step(q, count + 1)
                ):
                    return True
                return count >= low and k(p)

            return step(pos, 0)

        def lazy(pos: int, k: Cont) -> bool:
            def step(p: int, count: int) -> bool:
                tick()
                if count >= low and k(p):
                    return True
                return count < high and item(
                    p, lambda q: (q != p or count < low) and step(q, count + 1)
                )

            return step(pos, 0)

        if op is c.MIN_REPEAT:
            return lazy
        if op is c.POSSESSIVE_REPEAT:
            return self._committed(greedy)
        return greedy

    def _look(self, positive: bool, av: Any, flags: int) -> Node:
        direction, sub = av
        inner = self._sequence(list(sub), flags)
        width = sub.getwidth()[0]
        tick = self._tick

        def look(pos: int, k: Cont) -> bool:
            tick()
            if direction > 0:
                found = inner(pos, lambda p: True)
            else:
                found = pos >= width and inner(pos - width, lambda p: p == pos)
            return found == positive and k(pos)

        return look

    def _at(self, code: Any, flags: int) -> Node:
        multiline = bool(flags & re.MULTILINE)
        tick = self._tick

        def test(pos: int) -> bool:
            text, end = self.text, self.end
            if code is c.AT_BEGINNING:
                return pos == 0 or (multiline and text[pos - 1] == "\n")
            if code is c.AT_BEGINNING_STRING:
                return pos == 0
            if code is c.AT_END:
                if multiline:
                    return pos == end or text[pos] == "\n"
                return pos == end or (pos == end - 1 and text[pos] == "\n")
            if code is c.AT_END_STRING:
                return pos == end
            before = pos > 0 and _word(text[pos - 1])
            after = pos < end and _word(text[pos])
            if code is c.AT_BOUNDARY:
                return before != after
            if code is c.AT_NON_BOUNDARY:
                return before == after
            raise NotImplementedError(f"anchor {code}")

        def at(pos: int, k: Cont) -> bool:
            tick()
            return test(pos) and k(pos)

        return at


def real_spans(
    pattern: re.Pattern[str], text: str, mode: str, pos: int = 0, endpos: int | None = None
) -> list[tuple[int, int]]:
    """What `re` itself finds, in the form Engine.spans gives it."""
    end = len(text) if endpos is None else endpos
    if mode == "search":
        return [m.span() for m in pattern.finditer(text, pos, end)]
    found = (pattern.match if mode == "match" else pattern.fullmatch)(text, pos, end)
    return [] if found is None else [found.span()]
