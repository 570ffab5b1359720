"""The `workshop` command line: parses options and calls commands/*. Nothing else lives here."""

from __future__ import annotations

import signal
from pathlib import Path

import click

from .commands.build import build_all, build_deck
from .commands.listing import list_kit
from .commands.validate import validate_kit
from .model.kit import SESSION
from .project import Project
from .schema import SLUG

KIT_OPTION = click.option(
    "--kit",
    "kit_file",
    type=click.Path(dir_okay=False),
    default=None,
    help="Kit file to use (default: ./workshop.yaml).",
)
OUT_OPTION = click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False),
    default=None,
    help="Folder to write PDFs to (default: output/ beside the kit file).",
)
STRICT_OPTION = click.option(
    "--strict",
    is_flag=True,
    help="Treat warnings (text that does not fit) as errors.",
)


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised like Ctrl-C so that a build in progress is discarded the same way."""


class Interrupted(click.ClickException):
    """Ctrl-C (exit 130) or SIGTERM (exit 143): one line, no traceback."""

    def __init__(self, exc: KeyboardInterrupt):
        written = getattr(exc, "written", False)  # set by output.batch
        super().__init__(f"interrupted; {'the build was' if written else 'nothing was'} written")
        self.exit_code = 128 + (signal.SIGTERM if isinstance(exc, Terminated) else signal.SIGINT)


def _terminate(signum, frame) -> None:
    raise Terminated()


class WorkshopGroup(click.Group):
    def invoke(self, ctx):
        previous = signal.signal(signal.SIGTERM, _terminate)
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt as exc:
            raise Interrupted(exc) from None
        finally:
            signal.signal(signal.SIGTERM, previous)


@click.group(cls=WorkshopGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="workshop")
def cli() -> None:
    """Print-ready workshop material from YAML content, layouts and a brand.

    Run it in a kit folder (one with workshop.yaml). Example:

        workshop build
    """


@cli.command()
@KIT_OPTION
@OUT_OPTION
@STRICT_OPTION
def build(kit_file: str | None, out_dir: str | None, strict: bool) -> None:
    """Build every material the kit file lists into output/.

    Example: workshop build --strict
    """
    project = Project.find(kit_file)
    _report(build_all(project, _out(project, out_dir), strict), project, out_dir)


@cli.command()
@click.argument("name")
@click.option("--layout", default=None, help="Card layout to use instead of the kit's.")
@click.option(
    "--teams",
    type=click.IntRange(1, 200),
    default=None,
    help="Print this many sets; each card's QR code carries its team number.",
)
@click.option(
    "--participants",
    type=click.IntRange(0, 500),
    default=None,
    help="Response cards: one green, orange and red card per participant (in total).",
)
@click.option(
    "--session",
    default=None,
    help="Session code in the QR URLs, e.g. 2026-11-noord (no personal data).",
)
@KIT_OPTION
@OUT_OPTION
@STRICT_OPTION
def deck(name, layout, teams, participants, session, kit_file, out_dir, strict) -> None:
    """Build one card deck: elementen, vijf-vs or succesfactoren.

    Example: workshop deck elementen --teams 4 --session 2026-11-noord
    """
    _check_code(name, SLUG, "NAME")
    if session is not None:
        _check_code(session, SESSION, "--session")
    project = Project.find(kit_file)
    built = build_deck(
        project,
        name,
        _out(project, out_dir),
        layout=layout,
        strict=strict,
        teams=teams,
        participants=participants,
        session=session,
    )
    _report(built, project, out_dir)


@cli.command()
@KIT_OPTION
def validate(kit_file: str | None) -> None:
    """Check the kit file, all content, layouts and the brand; exit 1 on any problem.

    Example: workshop validate
    """
    project = Project.find(kit_file)
    for line in validate_kit(project):
        click.echo(f"ok  {line}")


@cli.command("list")
@KIT_OPTION
def list_command(kit_file: str | None) -> None:
    """List the decks, layouts, sheets and brands available, one per line.

    Example: workshop list
    """
    for line in list_kit(Project.find(kit_file)):
        click.echo(line)


def _out(project: Project, out_dir: str | None) -> Path:
    return Path(out_dir) if out_dir else project.root / "output"


def _check_code(value: str, spec, hint: str) -> None:
    """Names and codes end up in file names and URLs: refuse anything else early."""
    if spec.pattern.fullmatch(value) is None:
        raise click.BadParameter(f"expected {spec.expected}, found '{value}'", param_hint=hint)


def _report(built, project: Project, out_dir: str | None) -> None:
    folder = _out(project, out_dir)
    for item in built:
        shown = project.show(folder / f"{item.name}.pdf")
        click.echo(f"wrote {shown}: {item.pages} pages, {item.cards} cards")
        for warning in item.warnings:
            click.echo(f"warning: {warning}", err=True)


if __name__ == "__main__":
    cli()
