"""Presentation: Rich renderables for people (views, panel, picture) and JSON and CSV for
scripts (json, csv); output picks one."""
