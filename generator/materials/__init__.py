"""One module per kind of material the kit file can list (decks now; worksheets and
posters later). Each exposes `build(project, material, options, target) -> Built`."""

from . import deck

BUILDERS = {"deck": deck.build}
