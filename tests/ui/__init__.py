"""Tests of the reading UI (Textual pilot, snapshots, tmux)."""
