"""Hostile input: what a visitor (or a careless paste) may type into any free-text field.

Each payload would show as something else than its own characters if a page rendered typed text
as HTML, Markdown, LaTeX, a Streamlit directive or a template: a script or an event handler runs
(a dialog opens), a `javascript:` link or an outside image appears, the text turns bold or red.
LONG and NUL are the two that every field must refuse (with a French message).

`combo(limit)` packs as many payloads as fit in `limit` characters, for fields that take one value.
"""
from __future__ import annotations

SCRIPT = "<script>alert(1)</script>"
IMG_ONERROR = "<img src=x onerror=alert(1)>"
SVG_ONLOAD = "<svg onload=alert(1)>"
JS_URL = "javascript:alert(1)"
MD_LINK = "[clic](javascript:alert(1))"
MD_IMAGE = "![x](http://evil.example/x.png)"
HTML_LINK = '<a href="http://evil.example">'
LATEX_HREF = "$\\href{javascript:alert(1)}{x}$"
DISPLAY_MATH = "$$x$$"
DIRECTIVE = ":red[texte]"
BOLD = "**gras**"
RTL_OVERRIDE = "\u202eetxet"          # U+202E RIGHT-TO-LEFT OVERRIDE, then text
ZERO_WIDTH = "zéro\u200b\u200c\u200d\u2060\ufeffchasse"
ENTITIES = "&lt;script&gt;"
TEMPLATE = "{{7*7}}"

# Shown as typed or refused in French, field by field. The order matters to combo(): a text that
# begins with an HTML tag is one raw HTML block to Markdown, shown as text with nothing inside it
# interpreted, which would hide a leak of the Markdown payloads after it; so Markdown comes first.
PAYLOADS = {
    "md_image": MD_IMAGE, "md_link": MD_LINK, "script": SCRIPT, "img_onerror": IMG_ONERROR,
    "bold": BOLD, "directive": DIRECTIVE, "latex_href": LATEX_HREF, "template": TEMPLATE,
    "svg_onload": SVG_ONLOAD, "js_url": JS_URL, "html_link": HTML_LINK, "display_math": DISPLAY_MATH,
    "entities": ENTITIES, "zero_width": ZERO_WIDTH, "rtl_override": RTL_OVERRIDE,
}

# Refused by every field, with a French message.
LONG = (MD_IMAGE + " ") * (100_000 // (len(MD_IMAGE) + 1)) + "x" * (100_000 % (len(MD_IMAGE) + 1))
NUL = "avant\x00après"
MUST_REFUSE = {"long": LONG, "nul": NUL}
assert len(LONG) == 100_000

ALL = {**PAYLOADS, **MUST_REFUSE}

# What the pages must never contain (checked in every frame of the page), with what it means.
FORBIDDEN_SELECTORS = {
    'a[href^="javascript:" i]': "a javascript: link",
    'a[href*="evil.example"]': "a link to the outside host typed in a field",
    'img[src*="evil.example"]': "an image from the outside host typed in a field",
    "[onerror], [onload]": "an element with an event handler attribute",
    'a:text-is("clic")': "a Markdown link made of a typed [clic](...)",
    'strong:text-is("gras")': "typed **gras** rendered bold",
    ".stMarkdownColoredText": "a typed :red[...] directive rendered in colour",
    ".katex": "typed $...$ rendered as LaTeX",
}


def combo(limit: int, start: int = 0) -> str:
    """Payloads joined by spaces, beginning with the `start`-th, as many as fit in `limit` characters
    (the right-to-left override, which turns what follows around on screen, is always left last)."""
    names = list(PAYLOADS)
    names = names[start % len(names):] + names[:start % len(names)]
    names.sort(key=lambda name: name == "rtl_override")
    parts: list[str] = []
    for name in names:
        if len(" ".join([*parts, PAYLOADS[name]])) <= limit:
            parts.append(PAYLOADS[name])
    return " ".join(parts)
