"""Tests of the command line as a user or a script sees it."""
