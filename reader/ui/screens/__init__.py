"""Modal screens: help, open a file, confirmations."""
