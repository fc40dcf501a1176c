"""End-to-end tests: the real reader in a pty or tmux, and the built wheel."""
