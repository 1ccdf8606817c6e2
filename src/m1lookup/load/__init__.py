"""Reading a dataset file and checking it against the schema."""
