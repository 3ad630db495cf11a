"""The gettext catalogues as the tests read them: Babel's extraction of the code (the README's
`pybabel extract` command, run as it is), the committed template and the English catalogue."""
from __future__ import annotations

import string
import subprocess
import sys
import tempfile
from functools import cache
from io import BytesIO
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po

from lib.core import i18n

ROOT = Path(__file__).resolve().parents[1]
POT_PATH = ROOT / "lib" / "core" / "locales" / "messages.pot"
PO_PATH = i18n.po_path("en")
# The README's extract command, without its output file.
EXTRACT_ARGS = ("extract", "-F", "babel.cfg", "--sort-output", "--add-location=file", "--no-wrap", "--omit-header",
                "app.py", "pages", "lib")


@cache
def extracted_template() -> str:
    """What `pybabel extract` writes for the code as it is now (text of a .pot)."""
    with tempfile.TemporaryDirectory() as directory:
        output = Path(directory) / "messages.pot"
        subprocess.run([sys.executable, "-m", "babel.messages.frontend", "-q", *EXTRACT_ARGS, "-o", str(output)],
                       cwd=ROOT, check=True)
        return output.read_text(encoding="utf-8")


@cache
def extracted() -> Catalog:
    """The messages Babel extracts from app.py, pages/ and lib/ with babel.cfg's keywords."""
    return read_po(BytesIO(extracted_template().encode("utf-8")))


def extracted_from(path: str) -> set[str]:
    """The msgids (singular and plural) extracted from one file, e.g. "pages/plan/vue_ensemble.py"."""
    found = set()
    for message in extracted():
        if message.id and any(location == path for location, _ in message.locations):
            found |= set(message.id) if isinstance(message.id, tuple) else {message.id}
    return found


def extracted_ids() -> set[str]:
    """Every msgid the extraction finds (plural ones by both forms)."""
    found = set()
    for message in extracted():
        if message.id:
            found |= set(message.id) if isinstance(message.id, tuple) else {message.id}
    return found


@cache
def english() -> Catalog:
    """The committed English catalogue (lib/core/locales/en/LC_MESSAGES/messages.po)."""
    with PO_PATH.open("rb") as source:
        return read_po(source, locale="en")


def english_entry(text_fr: str) -> Message | None:
    """The English entry whose msgid (or one of whose plural msgids) is `text_fr`."""
    entry = english().get(text_fr)
    if entry is not None:
        return entry
    return next((m for m in english() if isinstance(m.id, tuple) and text_fr in m.id), None)


def is_translated(entry: Message | None) -> bool:
    """A real translation: present, not fuzzy, and no form left empty."""
    if entry is None or entry.fuzzy:
        return False
    forms = entry.string if isinstance(entry.string, tuple) else (entry.string,)
    return bool(forms) and all(form.strip() for form in forms)


def translated(text_fr: str) -> bool:
    """`text_fr` has a real English translation."""
    return is_translated(english_entry(text_fr))


def placeholders(text: str) -> set[str]:
    """The str.format fields of `text` ({label}, {n}); raises ValueError on a malformed brace."""
    return {field for _, field, _, _ in string.Formatter().parse(text) if field is not None}
