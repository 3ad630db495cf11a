"""Text for Plotly labels, shared by the chart modules.

Plotly renders a few HTML tags (<b>, <br>, <a href>) in labels and titles: text that
people typed is escaped so it shows as typed, never as markup.
"""
from __future__ import annotations

import html


def escape_label(text) -> str:
    """`text` with &, < and > escaped for a Plotly label (quotes need no escaping there)."""
    return html.escape(str(text), quote=False)


def wrap_label(label, width: int = 32) -> str:
    """`label` escaped and cut into lines of at most about `width` characters (<br>)."""
    words, lines, line = escape_label(label).split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    return "<br>".join(lines)
