"""The tables: their names, columns and dtypes (schema), and how they are written (export)."""
