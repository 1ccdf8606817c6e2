"""The records every layer shares, and the dataset's schema: fields, types, allowed values."""
