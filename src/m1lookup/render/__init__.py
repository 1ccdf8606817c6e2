"""Presentation: Rich renderables for people (console) and JSON/CSV for scripts (documents)."""
