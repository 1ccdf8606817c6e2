"""The query engine: matching what a user typed, answers, rarity and tallies. No Typer, no Rich."""
