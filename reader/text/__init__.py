"""Text rules every layer shares: the sanitiser (what may reach a terminal),
words and their folding (what counts as "the same word", and so the one tag
identity), tags as typed, short excerpts, and sentence units.

Plain Python with no I/O; it imports nothing else of reader except the model.
"""
