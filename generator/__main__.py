"""`python -m generator`: the same as the `workshop` command."""

from .cli.main import cli

if __name__ == "__main__":
    cli()
