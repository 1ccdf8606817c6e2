"""``python -m m1lookup`` behaves the same as ``m1lookup``."""

from m1lookup.cli.app import main

main()
