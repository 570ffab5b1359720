"""The print options of `build`, `deck`, `worksheet` and `poster`: office or print shop,
bleed, press sheet, duplex and the backs' offset, checked into one PrintSetup."""

from __future__ import annotations

import click

# `workshop --help` loads neither the kit nor the drawing code: print/press.py and
# kit/units.py are imported when an option is read


class Offset(click.ParamType):
    """`X,Y` in millimetres, each within MAX_BACK_OFFSET: '1.5,-0.5'."""

    name = "X,Y"

    def convert(self, value, param, ctx):
        from ..kit.units import MM
        from ..print.press import MAX_BACK_OFFSET

        if isinstance(value, tuple):
            return value
        most = MAX_BACK_OFFSET / MM
        parts = str(value).replace(" ", "").split(",")
        try:
            x, y = (float(part) for part in parts)
        except ValueError:
            self.fail(f"expected two numbers in mm as X,Y (such as 1.5,-0.5), found {value!r}")
        if not all(abs(v) <= most + 1e-9 for v in (x, y)):
            self.fail(f"expected each of X,Y between -{most:g} and {most:g} mm, found {value!r}")
        return x * MM, y * MM


PRINT_OPTIONS = (
    click.option(
        "--print",
        "print_mode",
        type=click.Choice(["office", "shop"], case_sensitive=False),
        default="office",
        show_default=True,
        help="office: sheets for an office printer; shop: for a print shop, each face on "
        "its own page with bleed, crop marks, TrimBox and BleedBox.",
    ),
    click.option(
        "--bleed",
        type=float,
        default=None,
        metavar="MM",
        help="With --print shop: how far colour runs past the trim, in mm, 0 to 10 (default 3).",
    ),
    click.option(
        "--sheet",
        default=None,
        metavar="NAME",
        help="With --print shop: impose decks on a press sheet, e.g. sra3 (the sra3-* "
        "sheet that holds the most cards) or a sheet's name.",
    ),
    click.option(
        "--duplex",
        type=click.Choice(["long", "short", "fold"], case_sensitive=False),
        default=None,
        help="Office: flip on the long or short edge (default: the sheet's), or fold: "
        "fronts and backs side by side on one side, for printers without duplex.",
    ),
    click.option(
        "--back-offset",
        type=Offset(),
        default=None,
        help="Office: move the backs X,Y mm (right, up) to make up for a printer that "
        "shifts its second side; read it off `workshop calibrate`.",
    ),
)


def print_options(command):
    for decorator in reversed(PRINT_OPTIONS):
        command = decorator(command)
    return command


def print_setup(print_mode: str, bleed, sheet, duplex, back_offset):
    """The PrintSetup the options ask for; an option that does not go with the mode is
    a usage error, not ignored."""
    from ..kit.units import MM
    from ..print.press import DEFAULT_BLEED, MAX_BLEED, PrintSetup

    mode = print_mode.lower()
    _refuse_others(mode, bleed=bleed, sheet=sheet, duplex=duplex, back_offset=back_offset)
    if bleed is not None and not 0 <= bleed <= MAX_BLEED / MM:  # NaN too
        raise click.BadParameter(
            f"expected a bleed from 0 to {MAX_BLEED / MM:g} mm, found {bleed:g}",
            param_hint="--bleed",
        )
    if sheet is not None:
        from ..kit.schema import SLUG

        if SLUG.pattern.fullmatch(sheet) is None:
            raise click.BadParameter(
                f"expected a sheet name, found {sheet!r}", param_hint="--sheet"
            )
    return PrintSetup(
        mode=mode,
        bleed=DEFAULT_BLEED if bleed is None else bleed * MM,
        sheet=sheet,
        duplex=duplex.lower() if duplex else None,
        back_offset=back_offset or (0.0, 0.0),
    )


SHOP_ONLY = ("bleed", "sheet")
OFFICE_ONLY = ("duplex", "back_offset")


def _refuse_others(mode: str, **given) -> None:
    """An option of the other mode given: said, as a user would otherwise think it
    had done something."""
    other = "office" if mode == "shop" else "shop"
    for key in OFFICE_ONLY if mode == "shop" else SHOP_ONLY:
        if given[key] is not None:
            flag = "--" + key.replace("_", "-")
            raise click.UsageError(f"{flag} is for --print {other}, not --print {mode}")
