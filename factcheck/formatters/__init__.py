"""Formatters turn an Extraction into text. Only `terminal` imports rich."""
