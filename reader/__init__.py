"""reader: a terminal news reader with extraction and annotations.

Kept import-free so `reader --version` and the core stay fast and Textual-free.
"""

__version__ = "0.1.0"
