"""Helpers for the answer-server tests: an app over a copied kit, codes, CSRF tokens."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from flask import Flask

from generator.links import Target, code_for
from generator.project import Project
from generator.server import create_app
from generator.server.targets import served_links
from generator.store import Store

SECRET = b"test-secret-of-the-kit"
TOKEN = "board-token-for-tests"
SESSIONS = ("open", "2026-11-noord")


@dataclass
class Served:
    app: Flask
    store: Store
    project: Project


def serve_kit(kit: Path, db_url: str | None = None, teams: int = 3, **options) -> Served:
    (kit / ".workshop-secret").write_text(SECRET.decode() + "\n", encoding="ascii")
    project = Project(kit / "workshop.yaml")
    store = Store(db_url or f"sqlite:///{kit / 'answers.sqlite3'}")
    links = served_links(project, SESSIONS, teams, SECRET)
    options.setdefault("board_token", TOKEN)
    options.setdefault("sessions", SESSIONS)
    return Served(create_app(project, store, links, **options), store, project)


def code(deck: str, card: str, team: int = 1, session: str = "open") -> str:
    return code_for(SECRET, Target(session, deck, card, team))


def csrf(html: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found, "no CSRF token in the page"
    return found.group(1)
