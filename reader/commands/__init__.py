"""CLI subcommand handlers, one module per command group."""
