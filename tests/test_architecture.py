"""The layers of lib/ hold: ui -> domain packages (accounts, plan, campaign, board, outreach) -> core.

- Only lib/ui/, pages/ and app.py import Streamlit (or streamlit-authenticator, a Streamlit component).
- lib/core imports no other part of lib/.
- The domain packages never import lib.ui, nor the top-level entries (lib.seed, lib.cli, lib.demo).

Imports inside functions count too: a late import is still a dependency.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOMAIN = ("accounts", "plan", "campaign", "board", "outreach")
TOP = ("lib.seed", "lib.cli", "lib.demo")
STREAMLIT = ("streamlit", "streamlit_authenticator")


def imported_modules(path: Path) -> list[tuple[int, str]]:
    """(line, dotted module) of every import in the file, `from lib import x` as lib.x."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
            found += [(node.lineno, f"{node.module}.{alias.name}") for alias in node.names]
    return found


def _within(module: str, prefixes) -> bool:
    return any(module == p or module.startswith(p + ".") for p in prefixes)


def layer_violations(root: Path) -> list[str]:
    """'file:line: what' for every import that breaks a layer rule under `root`/lib."""
    problems = []
    for path in sorted((root / "lib").rglob("*.py")):
        parts = path.relative_to(root / "lib").parts
        package = parts[0] if len(parts) > 1 else None
        where = path.relative_to(root)
        for line, module in imported_modules(path):
            if _within(module, STREAMLIT) and package != "ui":
                problems.append(f"{where}:{line}: imports {module} (only lib/ui, pages/ and app.py may)")
            if package == "core" and _within(module, ("lib",)) and not _within(module, ("lib.core",)):
                problems.append(f"{where}:{line}: lib/core imports {module} (core imports no sibling)")
            if package in DOMAIN and _within(module, ("lib.ui", *TOP)):
                problems.append(f"{where}:{line}: domain package {package} imports {module}")
    return problems


def test_the_layers_of_lib_hold():
    assert layer_violations(ROOT) == []


@pytest.mark.parametrize(("relative", "planted", "expected"), [
    ("lib/plan/planted.py", "import streamlit as st\n", "lib/plan/planted.py:1: imports streamlit"),
    ("lib/campaign/planted.py", "def f():\n    from streamlit import session_state\n",
     "lib/campaign/planted.py:2: imports streamlit"),
    ("lib/core/planted.py", "from lib.plan import items\n", "lib/core/planted.py:1: lib/core imports lib.plan"),
    ("lib/accounts/planted.py", "from lib.ui import session\n",
     "lib/accounts/planted.py:1: domain package accounts imports lib.ui"),
    ("lib/plan/planted.py", "from lib import seed\n", "lib/plan/planted.py:1: domain package plan imports lib.seed"),
])
def test_a_planted_import_is_reported_with_its_file_and_line(tmp_path, relative, planted, expected):
    target = tmp_path / relative
    target.parent.mkdir(parents=True)
    target.write_text(planted, encoding="utf-8")
    (tmp_path / "lib" / "ui").mkdir()
    (tmp_path / "lib" / "ui" / "session.py").write_text("import streamlit as st\n", encoding="utf-8")
    problems = layer_violations(tmp_path)
    assert any(problem.startswith(expected) for problem in problems), problems
    assert not any("lib/ui/session.py" in problem for problem in problems)


def test_no_page_script_directly_in_pages():
    """Streamlit runs a `pages/` folder beside the main script as a v1 multipage app until
    app.py has run once in the process: every `pages/*.py` would be served by its name, without
    app.py's sign-in gate and role menu. It only looks at the folder's own .py files, so page
    scripts live one level down (pages/plan/, pages/campaign/, ...) and are reached only
    through st.navigation (lib/ui/navigation.py); tests/browser/test_fresh_server.py proves it."""
    assert not list((ROOT / "pages").glob("*.py")), "put page scripts in a section folder of pages/"
    assert list((ROOT / "pages").glob("*/*.py")), "the page scripts are in pages/<section>/"
