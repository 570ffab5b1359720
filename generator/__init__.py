"""workshop: print-ready workshop material from YAML content, layouts and a brand."""

__version__ = "0.1.0"
