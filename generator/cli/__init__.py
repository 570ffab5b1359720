"""One module per CLI command; each holds the core of the command, free of Click."""
