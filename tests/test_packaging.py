"""`pip install .` alone must run every command: each third-party module the package
imports comes from a distribution in [project] dependencies, not from the test extra."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions

from tests.conftest import REPO


def _imported() -> set[str]:
    found = set()
    for path in (REPO / "generator").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                found.add(node.module.split(".")[0])
    return {name for name in found if name not in sys.stdlib_module_names}


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def test_every_imported_module_is_a_runtime_dependency():
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = {_normal(re.split(r"[<>=\[ ;]", d, maxsplit=1)[0]) for d in project["dependencies"]}
    providers = packages_distributions()
    missing = []
    for module in sorted(_imported() - {"generator"}):
        names = {_normal(d) for d in providers.get(module, [module])}
        if not names & declared:
            missing.append(f"{module} ({', '.join(sorted(names))})")
    assert not missing, f"imported but not in [project] dependencies: {missing}"


def test_the_frameworks_have_an_upper_bound_on_their_major_version():
    """A new major version of these may change what the server and the drawing rely on;
    it is taken on purpose, not by the next `pip install`."""
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    requirements = {
        _normal(re.split(r"[<>=\[ ;]", d, maxsplit=1)[0]): d for d in project["dependencies"]
    }
    for name in ("flask", "werkzeug", "waitress", "sqlalchemy", "reportlab"):
        assert re.search(r",<\d+$", requirements[name]), requirements[name]
