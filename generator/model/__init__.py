"""Typed objects made from the YAML files: one module per file kind."""
