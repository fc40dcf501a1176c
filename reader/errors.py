"""Errors that carry one clear sentence for the user (never a traceback)."""


class ReaderError(Exception):
    """A problem the user can act on; str(error) is the sentence we show."""


class BadInputError(ReaderError):
    """An input path or file that cannot be read as an article."""


class StoreError(ReaderError):
    """The notes store cannot be opened or written."""
