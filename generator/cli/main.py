"""The `workshop` command line: parses options and calls the command modules beside it."""

from __future__ import annotations

import signal
import sys
from pathlib import Path

import click

from ..errors import Interrupted, Terminated, WorkshopError, printable
from .printing import PRINT_OPTIONS, Offset, print_options, print_setup

# Only click is imported up front, so that `workshop --help` answers at once: each
# command imports what it needs (reportlab, YAML, the models) when it runs.

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
    help="Treat warnings (a form URL without {card}, low contrast) as errors.",
)
ANSWERS_OPTION = click.option(
    "--answers-url",
    default=None,
    metavar="URL",
    help="Answer server the cards' short links lead to, e.g. http://192.168.1.20:8000, "
    "or auto (this machine's LAN address); overrides answers.url of the kit file.",
)
OVERFLOW_OPTION = click.option(
    "--allow-overflow",
    is_flag=True,
    help="Print text that does not fit cut off with '…' instead of stopping.",
)

COLOR_OPTION = click.option(
    "--color",
    type=click.Choice(["rgb", "cmyk"], case_sensitive=False),
    default=None,
    help="rgb (default): screen and office printers; cmyk: every colour and image as "
    "process colour (FOGRA39, black text in black ink only) and a PDF/X-4 output intent, "
    "for a print shop.",
)


def _terminate(signum, frame) -> None:
    raise Terminated()


class WorkshopGroup(click.Group):
    """The commands of this module, and `workshop <kind>` for each kind in the registry
    (loaded only when a command is looked up, so `workshop --version` stays quick)."""

    def list_commands(self, ctx):
        from ..kinds import names

        return sorted({*super().list_commands(ctx), *names()})

    def get_command(self, ctx, name):
        found = super().get_command(ctx, name)
        if found is None and name in _kinds():
            found = _kind_command(_kinds()[name])
        return found

    def format_commands(self, ctx, formatter):
        """Every command with its short help; a kind's command by its name only, so that
        listing them loads no kind."""
        listed = self.list_commands(ctx)
        limit = formatter.width - 6 - max(map(len, listed), default=0)
        rows = []
        for name in listed:
            command = super().get_command(ctx, name)
            if command is None:
                rows.append((name, f"Build one {name} into output/<session>/ (see its --help)."))
            elif not command.hidden:
                rows.append((name, command.get_short_help_str(limit)))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)

    def invoke(self, ctx):
        previous = signal.signal(signal.SIGTERM, _terminate)
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt as exc:
            raise Interrupted(exc) from None
        except ModuleNotFoundError as exc:  # an install from before a dependency was added
            package = (exc.name or "?").split(".")[0]
            raise WorkshopError(
                f"the Python package '{package}' that workshop needs is not installed: "
                f"install workshop again (pip install . in its folder) to get it"
            ) from None
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
@OVERFLOW_OPTION
@ANSWERS_OPTION
@click.option(
    "--brand",
    "brands",
    multiple=True,
    metavar="NAME",
    help="Build the whole kit in this brand into output/<brand>/<session>/; repeat it, or "
    "say all, for several brands at once (in parallel, with a summary).",
)
@COLOR_OPTION
@print_options
def build(kit_file, out_dir, strict, allow_overflow, answers_url, brands, color, **printing):
    """Build every material the kit file lists into output/<session>/.

    Example: workshop build --strict, or workshop build --brand all
    """
    from .build import build_all, options_for

    press = print_setup(**printing)
    _check_url(answers_url)
    project = _project(kit_file)
    if brands:
        from .brands import build_in_brands

        settings = {
            "strict": strict,
            "allow_overflow": allow_overflow,
            "answers_url": answers_url,
            "color": color and color.lower(),
            "press": press,
        }
        build_in_brands(project, brands, _out(project, out_dir), settings)
        return
    options = options_for(
        project,
        strict,
        allow_overflow,
        progress=_progress(),
        answers_url=answers_url,
        color=color and color.lower(),
        press=press,
    )
    _report(build_all(project, _out(project, out_dir), options), project)


def _kind_command(kind) -> click.Command:
    """`workshop <kind> NAME`: build one material of a kind, with the options every kind
    has and those the kind declares (Kind.command)."""

    def command(name, layout, teams, session, kit_file, out_dir, strict, allow_overflow,
                answers_url, color, print_mode, bleed, sheet=None, duplex=None,
                back_offset=None, **given):  # fmt: skip
        from ..kit.schema import SLUG
        from .build import build_one, options_for

        press = print_setup(print_mode, bleed, sheet, duplex, back_offset)
        _check_code(name, SLUG, "NAME")
        if layout is not None:
            _check_code(layout, SLUG, "--layout")
        if session is not None:
            _check_session(session)
        _check_url(answers_url)
        project = _project(kit_file)
        options = options_for(
            project,
            strict,
            allow_overflow,
            progress=_progress(),
            answers_url=answers_url,
            teams=teams,
            session=session,
            color=color and color.lower(),
            press=press,
        )
        out = _out(project, out_dir)
        _report(build_one(project, kind.name, name, out, options, layout, given), project)

    command.__doc__ = kind.command.help
    for option in reversed(kind.command.options):
        command = _kind_option(option)(command)
    for decorator in reversed(MATERIAL_OPTIONS(kind.name, kind.imposed)):
        command = decorator(command)
    return click.command(kind.name)(command)


def MATERIAL_OPTIONS(kind: str, imposed: bool) -> tuple:
    """The options of `workshop <kind>`; those of imposing cards only for a kind that
    imposes them (`--duplex` on a poster would be silently ignored)."""
    return (
        click.argument("name"),
        click.option(
            "--layout", default=None, help=f"Layout to use instead of the kit's for this {kind}."
        ),
        click.option(
            "--teams",
            type=click.IntRange(1, 200),
            default=None,
            help="Print this many sets, each from a fresh sheet, each marked with its team.",
        ),
        click.option(
            "--session",
            default=None,
            help="Session code for the QR links and the output folder, e.g. 2026-11-noord "
            "(no personal data).",
        ),
        KIT_OPTION,
        OUT_OPTION,
        STRICT_OPTION,
        OVERFLOW_OPTION,
        ANSWERS_OPTION,
        COLOR_OPTION,
        *(PRINT_OPTIONS if imposed else PRINT_OPTIONS[:2]),
    )


class _Case(click.Choice):
    """One of the choices in any case, given on in the case the kind wrote it."""

    def convert(self, value, param, ctx):
        chosen = super().convert(value, param, ctx)
        return next(c for c in self.choices if c.lower() == chosen.lower())


def _kind_option(option):
    if option.choices:
        kind = _Case(option.choices, case_sensitive=False)
    else:
        kind = click.IntRange(*option.span)
    return click.option(option.flag, option.key, type=kind, default=None, help=option.help)


@cli.command()
@KIT_OPTION
@STRICT_OPTION
def validate(kit_file: str | None, strict: bool) -> None:
    """Check the kit file, all content, layouts and the brand, and draw every material
    without writing it; exit 1 on any problem a build would meet.

    Example: workshop validate --strict
    """
    from .build import options_for
    from .validate import validate_kit

    project = _project(kit_file)
    summary, result = validate_kit(project, options_for(project, strict))
    for line in summary:
        click.echo(f"ok  {line}")
    _warn(result)


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the reports as JSON.")
def check(files, as_json: bool) -> None:
    """Preflight PDFs as a print shop would: page sizes and boxes, fonts embedded, image
    resolution, RGB or CMYK, every QR code decoded (module size, quiet zone), text and
    codes in the safe zone, hairlines. Exit 1 when any file has an error.

    Example: workshop check output/open/*.pdf
    """
    from .check import check_files

    said, failed = check_files([Path(f) for f in files], as_json)
    click.echo(said)
    if failed:
        raise SystemExit(1)


@cli.command()
@click.option(
    "--duplex",
    type=click.Choice(["long", "short"], case_sensitive=False),
    default="long",
    show_default=True,
    help="The edge the sheet flips on, as you will print the cards.",
)
@click.option(
    "--back-offset",
    type=Offset(),
    default=None,
    help="Check an offset found earlier: the back's grid moves by it, so the hole lands on 0,0.",
)
@KIT_OPTION
@OUT_OPTION
def calibrate(duplex: str, back_offset, kit_file, out_dir) -> None:
    """Write a duplex calibration sheet (A4, front and back) into output/: print it,
    pin through the cross, read where the hole falls on the back's grid, and pass that
    as --back-offset X,Y when printing cards. Instructions are on the sheet (Dutch).

    Example: workshop calibrate --duplex long
    """
    from ..print.calibration import write_calibration
    from ..print.press import DUPLEX_OF

    project = _project(kit_file)
    offset = back_offset or (0.0, 0.0)
    path = write_calibration(project, _out(project, out_dir), DUPLEX_OF[duplex.lower()], offset)
    click.echo(f"wrote {project.show(path)}: 2 pages, front and back")


@cli.group()
def new() -> None:
    """Make something new to start from.

    Example: workshop new kit mijn-kit; workshop new brand voorbeeld
    """


@new.command("kit")
@click.argument("folder", type=click.Path(file_okay=False))
def new_kit_command(folder: str) -> None:
    """Write a working kit folder: kit file, a sample deck with comments, the brand.

    Example: workshop new kit mijn-kit && cd mijn-kit && workshop build
    """
    from .new import new_kit

    written = new_kit(Path(folder))
    for path in written:
        click.echo(f"wrote {path}")
    click.echo(f"next: cd {folder} && workshop build")


@new.command("brand")
@click.argument("name")
@click.option(
    "--from-tokens",
    "token_files",
    multiple=True,
    type=click.Path(dir_okay=False),
    metavar="FILE",
    help="A design-token file (JSON or YAML) to take colours and font from; repeatable.",
)
@KIT_OPTION
def new_brand_command(name: str, token_files: tuple[str, ...], kit_file: str | None) -> None:
    """Write a brand folder assets/NAME/ with a commented brand.yaml and a placeholder logo.

    Example: workshop new brand voorbeeld --from-tokens tokens.json
    """
    from .new_brand import new_brand

    root = Path(kit_file).parent if kit_file else Path.cwd()
    report = new_brand(root, name, [Path(f) for f in token_files])
    for line in report.lines:
        click.echo(printable(line))
    for path in report.written:
        click.echo(f"wrote {printable(str(path.relative_to(root)))}")
    for line in report.warnings:
        _warning(printable(line))
    click.echo(f"next: set brand: {name} in workshop.yaml and run workshop build")


@cli.command("list")
@KIT_OPTION
def list_command(kit_file: str | None) -> None:
    """List the content (decks, worksheets, posters), layouts, sheets and brands, one per line.

    Example: workshop list
    """
    from .listing import list_kit

    for line in list_kit(_project(kit_file)):
        click.echo(line)


@cli.command()
@click.option("--session", required=True, help="Session code whose answers to print.")
@click.option(
    "--db",
    default=None,
    help="Answer store URL (default: sqlite:///<kit>/answers.sqlite3, as workshop serve).",
)
@click.option(
    "--csv",
    "csv_file",
    type=click.Path(dir_okay=False),
    default=None,
    help="A Google or Microsoft Forms CSV export instead of the store (needs --mapping).",
)
@click.option(
    "--mapping",
    "mapping_file",
    type=click.Path(dir_okay=False),
    default=None,
    help="YAML file naming the CSV's columns (see README, 'Answers from a form').",
)
@click.option(
    "--poster",
    type=click.Choice(["A3", "A2", "A1", "A0"], case_sensitive=False),
    default=None,
    help="Also print the success factors' ranking as a poster of this size.",
)
@click.option(
    "--answers-url",
    default=None,
    metavar="URL",
    help="Answer server the material was printed for (as given to workshop build "
    "--answers-url): the filled-in worksheets carry the same codes; overrides answers.url "
    "of the kit file.",
)
@COLOR_OPTION
@KIT_OPTION
@OUT_OPTION
def results(
    session, db, csv_file, mapping_file, poster, answers_url, color, kit_file, out_dir
) -> None:
    """Print a session's results: the success factors ranked by red, then orange votes,
    with a column per team, and a booklet of the free-text answers per card; each team's
    worksheets with its answers filled in; with --poster, the ranking as a poster.

    Example: workshop results --session 2026-11-noord --csv antwoorden.csv --mapping forms.yaml
    """
    from .results import make_results

    _check_session(session)
    _check_url(answers_url)
    if (csv_file is None) != (mapping_file is None):
        raise click.UsageError("--csv and --mapping go together: give both or neither")
    if csv_file is not None and db is not None:
        raise click.UsageError("give --db or --csv, not both")
    project = _project(kit_file)
    made = make_results(
        project,
        session,
        _out(project, out_dir),
        db,
        Path(csv_file) if csv_file else None,
        Path(mapping_file) if mapping_file else None,
        poster=poster.upper() if poster else None,
        answers_url=answers_url,
        color=color and color.lower(),
    )
    for item in made.built:
        shown = project.show(made.folder / item.file)
        click.echo(f"wrote {shown}: {_pages(item.pages)}, {item.cards} {item.unit}")
    _warn(made)


DB_OPTION = click.option(
    "--db",
    default=None,
    help="Answer database URL: sqlite:///FILE or postgresql+psycopg://USER:PASSWORD@HOST/DB "
    "(default: answers.sqlite3 in the kit folder).",
)


@cli.command()
@click.option("--host", default="0.0.0.0", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@DB_OPTION
@click.option(
    "--session",
    "sessions",
    multiple=True,
    help="Also serve the cards printed for this session code (repeatable); the kit's "
    "session is always served.",
)
@click.option(
    "--teams",
    type=click.IntRange(1, 1000),
    default=None,
    help="Resolve links of teams 1 to N (default: 200, or the kit's teams if more).",
)
@click.option(
    "--behind-proxy",
    is_flag=True,
    help="Run behind a reverse proxy on this machine (HTTPS): trust its X-Forwarded-For, "
    "-Proto, -Host and -Port headers, so each client has its own rate limit.",
)
@click.option(
    "--trusted-proxy",
    metavar="ADDR",
    default=None,
    callback=lambda ctx, param, value: _proxy_address(value),
    help="The reverse proxy's IP address as this server sees it (implies --behind-proxy; "
    "default 127.0.0.1, the proxy on this machine). Headers from any other client are "
    "ignored.",
)
@KIT_OPTION
def serve(host, port, db, sessions, teams, behind_proxy, trusted_proxy, kit_file) -> None:
    """Collect the answers teams send from the cards' QR codes, with a board for the
    trainer. Prints the address phones use and the board link.

    Example: workshop serve --session 2026-11-noord
    """
    from .serve import listen, prepare, run

    for session in sessions:
        _check_session(session)
    project = _project(kit_file)
    serving = prepare(
        project, host, port, db, sessions, teams, behind_proxy, trusted_proxy=trusted_proxy
    )
    server = listen(serving)  # a port in use is said before anything else
    for line in serving.lines:
        click.echo(line)
    for warning in serving.warnings:
        click.echo(f"warning: {warning}", err=True)
    click.echo(run(serving, server))


def _proxy_address(value: str | None) -> str | None:
    if value is None:
        return None
    from .serve import proxy_address

    try:
        return proxy_address(value)
    except ValueError:
        raise click.BadParameter(
            f"expected the proxy's IP address as this server sees it (such as 127.0.0.1), "
            f"found {value!r}",
            param_hint="--trusted-proxy",
        ) from None


@cli.group()
def answers() -> None:
    """The answers workshop serve stored: export them, or delete a session's.

    Example: workshop answers export --session 2026-11-noord > antwoorden.csv
    """


SESSION_REQUIRED = click.option(
    "--session", required=True, help="Session code, e.g. 2026-11-noord (or open)."
)


@answers.command("export")
@SESSION_REQUIRED
@DB_OPTION
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["excel", "csv"]),
    default="excel",
    show_default=True,
    help="excel: ';' between cells and a UTF-8 byte order mark, as Excel with Dutch "
    "settings opens by double-click; csv: plain RFC 4180 with commas.",
)
@KIT_OPTION
def answers_export(session: str, db: str | None, fmt: str, kit_file: str | None) -> None:
    """Write a session's answers to standard output, one row per answer of every version,
    in printed order: session, material, number, title, team, question, answer, version,
    time (local, with its offset).

    Example: workshop answers export --session open > antwoorden.csv
    """
    from .answers import export_answers

    _check_session(session)
    # bytes, so that the file is UTF-8 whatever the terminal's encoding (a Windows console)
    count = export_answers(_project(kit_file), session, db, sys.stdout.buffer, fmt, _warning)
    click.echo(f"{count} answers exported", err=True)


def _warning(line: str) -> None:
    click.echo(f"warning: {line}", err=True)


@answers.command("purge")
@SESSION_REQUIRED
@DB_OPTION
@KIT_OPTION
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
def answers_purge(session: str, db: str | None, kit_file: str | None, yes: bool) -> None:
    """Delete every stored answer (all versions) and scan count of a session.

    Example: workshop answers purge --session 2026-11-noord --yes
    """
    from .answers import purge_answers

    _check_session(session)
    if not yes:
        click.confirm(f"Delete every answer of session '{session}'?", abort=True)
    count = purge_answers(_project(kit_file), session, db)
    click.echo(f"deleted {count} submissions of session '{session}'")


def _kinds() -> dict:
    from ..kinds import KINDS

    return KINDS


def _project(kit_file: str | None):
    from ..kit.project import Project

    return Project.find(kit_file)


def _check_session(value: str) -> None:
    from ..kit.kitfile import SESSION

    _check_code(value, SESSION, "--session")


def _out(project, out_dir: str | None) -> Path:
    return Path(out_dir) if out_dir else project.root / "output"


def _check_code(value: str, spec, hint: str) -> None:
    """Names and codes end up in file names and URLs: refuse anything else early."""
    if spec.pattern.fullmatch(value) is None:
        shown = printable(value)  # what the terminal is given: no escape sequence
        raise click.BadParameter(f"expected {spec.expected}, found '{shown}'", param_hint=hint)


def _check_url(value: str | None) -> None:
    """--answers-url is checked as the kit's answers.url is."""
    if value is None:
        return
    from ..kit.kitfile import ANSWERS_URL

    problem = ANSWERS_URL.problem_with(value)
    if problem:
        raise click.BadParameter(printable(problem), param_hint="--answers-url")


def _progress():
    """Cards done per material on a terminal; nothing when output goes elsewhere."""
    if not sys.stderr.isatty():
        return None

    def show(name: str, done: int, total: int) -> None:
        end = "\n" if done >= total else ""
        click.echo(f"\r  {name}: {done}/{total} cards", nl=False, err=True)
        click.echo(end, nl=False, err=True)

    return show


def _pages(count: int) -> str:
    return "1 page" if count == 1 else f"{count} pages"


def _report(result, project) -> None:
    for item in result.built:
        shown = project.show(result.folder / item.file)
        click.echo(f"wrote {shown}: {_pages(item.pages)}, {item.cards} {item.unit}")
    _warn(result)
    _preflight(result, project)


def _preflight(result, project) -> None:
    """One line on what the build wrote, checked as `workshop check` does (without the
    QR render, the slow part: the build decoded its codes as it drew them)."""
    from ..check import summary

    line, reports = summary([result.folder / item.file for item in result.built])
    click.echo(line)
    for report in reports:
        for finding in report.findings:
            click.echo(f"preflight {finding} ({project.show(Path(report.file))})", err=True)
    errors = sum(len(report.errors) for report in reports)
    if errors:  # written, but not fit to print: a script must not take them as done
        from ..errors import BuildError

        raise BuildError(
            f"the preflight found {'1 error' if errors == 1 else f'{errors} errors'} in "
            f"what was written (listed above): fix the input and build again"
        )


def _warn(result) -> None:
    for warning in [*result.warnings, *(w for item in result.built for w in item.warnings)]:
        click.echo(f"warning: {warning}", err=True)


if __name__ == "__main__":
    cli()
