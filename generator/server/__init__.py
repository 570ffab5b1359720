"""The answer server: Flask views behind short links, a board for the trainer.

`create_app` builds the app (application factory); `workshop serve` runs it with
Waitress. Views are thin: they resolve the link, call answering/summary and the store,
and render a template."""

from .app import create_app

__all__ = ["create_app"]
