"""The command line: Typer commands, shared options, usage errors and shell completion."""
