"""Tests of the core: text, files, model, ingest, extract, anchor, annotations,
store, search (no Textual, no terminal)."""
