"""Pausing the cyclic garbage collector around bulk loads.

Loading tens of thousands of records (the store's highlights, the search
index) allocates enough containers to trigger repeated full collections that
re-scan everything loaded so far, for nothing: the records form no cycles.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic collection inside the block (it is re-enabled only if it was on)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
