"""settle() waits for what the app started, so tests need no sleeps: a worker
still running, and a worker started by a message a finished worker posted."""

from __future__ import annotations

import threading

from textual import work
from textual.app import App, ComposeResult
from textual.message import Message
from textual.widgets import Static

from .helpers import settle, sync


class Chain(App[None]):
    """A thread worker held until a gate opens; its result, as a message,
    starts a second worker, held until a second gate opens a moment later."""

    class FirstDone(Message):
        pass

    def __init__(self, gate: threading.Event) -> None:
        super().__init__()
        self.gate = gate
        self.second_gate = threading.Event()
        self.done: list[str] = []

    def compose(self) -> ComposeResult:
        yield Static("chain")

    def on_mount(self) -> None:
        self.first()

    @work(thread=True)
    def first(self) -> None:
        assert self.gate.wait(timeout=60)
        self.done.append("first")
        self.post_message(self.FirstDone())

    def on_chain_first_done(self, message: FirstDone) -> None:
        threading.Timer(0.2, self.second_gate.set).start()
        self.second()

    @work(thread=True)
    def second(self) -> None:
        assert self.second_gate.wait(timeout=60)
        self.done.append("second")


@sync
async def test_settle_waits_for_a_worker_and_the_worker_it_leads_to() -> None:
    gate = threading.Event()
    app = Chain(gate)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert app.done == []  # held: settle would have to wait for it
        opener = threading.Timer(0.2, gate.set)
        opener.start()
        await settle(pilot)
        assert app.done == ["first", "second"]
        opener.join()
