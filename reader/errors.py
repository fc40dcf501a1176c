"""Errors that carry one clear sentence for the user (never a traceback)."""


class ReaderError(Exception):
    """A problem the user can act on; str(error) is the sentence we show.

    The sentence often quotes a file name, and a file name is as hostile as
    an article: str() strips terminal controls and escape sequences from it
    and folds line breaks, so printing or notifying it is always safe.
    """

    def __str__(self) -> str:
        from reader.text.sanitize import one_line

        return one_line(super().__str__())


class BadInputError(ReaderError):
    """An input path or file that cannot be read as an article."""


class StoreError(ReaderError):
    """The notes store cannot be opened or written."""


class StoreBusyError(StoreError):
    """Another process held the store's lock for longer than this one would wait."""
