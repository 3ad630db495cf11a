"""Staff-typed text shown through Markdown never becomes a link: GFM's autolink literals (run on
the text once the escapes are removed) find no web or email address in escaped text."""
import re

import pytest

from lib.ui.layout import escape_markdown, plain_label

# The patterns of mdast-util-gfm-autolink-literal (remark-gfm, which Streamlit's Markdown uses);
# JavaScript's \w is ASCII.
GFM_URL = re.compile(r"(https?://|www(?=\.))([-.\w]+)", re.IGNORECASE | re.ASCII)
GFM_EMAIL = re.compile(r"([-.\w+]+)@([-\w]+(?:\.[-\w]+)+)", re.ASCII)


def as_markdown_text(escaped: str) -> str:
    """The text node Markdown makes of `escaped`: backslash escapes removed."""
    return re.sub(r"\\(.)", r"\1", escaped)


@pytest.mark.parametrize("typed", [
    "Voir https://exemple.org/page?id=3", "http://x.y", "HTTPS://X.Y", "www.rocsmo.org", "WWW.x.y",
    "Écrire à julie@smo.example.org", "mailto:julie@x.org", "(https://a.b)", "Lien:https://a.b",
])
def test_plain_addresses_in_escaped_text_are_never_autolinked(typed):
    text = as_markdown_text(escape_markdown(typed))
    assert not GFM_URL.search(text) and not GFM_EMAIL.search(text)
    assert text.replace("\u2060", "") == typed  # reads exactly as typed


def test_the_patterns_would_find_the_addresses_without_the_escaper():
    assert GFM_URL.search(as_markdown_text("https\\://exemple\\.org")) and GFM_EMAIL.search("julie@smo.org")


def test_ordinary_text_is_only_escaped():
    assert escape_markdown("**gras** 50 %") == "\\*\\*gras\\*\\* 50 %"


def test_a_plain_label_keeps_an_ordinary_sentence_and_its_punctuation_as_written():
    label = "Le 13 mars : lancement de la campagne (Journée nationale) — choisir, c’est ouvrir une porte!"
    assert plain_label(label) == label  # the accessible name reads no backslash


def test_a_plain_label_never_makes_an_image_a_link_bold_colour_or_latex_of_typed_text():
    shown = plain_label("![x](http://evil.example/x.png) [clic](javascript:alert(1)) **gras** :red[t] $x$ &lt;")
    assert "!\\[x\\](" in shown and "\\[clic\\](" in shown  # neither an image nor a link
    assert "\\*\\*gras\\*\\*" in shown and ":red\\[t\\]" in shown and "\\$x\\$" in shown
    assert "\\&lt;" in shown and "http\u2060://" in shown  # an entity stays typed; no autolink
    assert shown.replace("\\", "").replace("\u2060", "") == \
        "![x](http://evil.example/x.png) [clic](javascript:alert(1)) **gras** :red[t] $x$ &lt;"
