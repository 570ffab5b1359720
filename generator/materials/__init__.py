"""One module per kind of material: those the kit file lists (decks now; worksheets and
posters later) and the results of a session. Each exposes
`build(project, material, options, target) -> Built`."""

from . import deck, results

# results are not listed in the kit file: `workshop results` builds them from answers
BUILDERS = {"deck": deck.build, "results": results.build}
