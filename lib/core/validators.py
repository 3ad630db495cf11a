"""One validator per kind of value people type: an email address, a web address, free text
(no control characters)."""
from __future__ import annotations

import re
from urllib.parse import urlsplit

from lib.core.messages import Message

# Something@something.tld, with none of the characters that would break a mailto: link or markup.
_EMAIL = re.compile(r"^[^@\s<>\"']+@[^@\s<>\"']+\.[^@\s<>\"']+$")
# A host name with at least one dot (exemple.org, www.rocsmo.org), optionally a port.
_HOST = re.compile(r"^(?:[A-Za-z0-9-]+\.)+[A-Za-z0-9-]+(?::\d{1,5})?$")
_UNSAFE_IN_URL = re.compile(r"[\s<>\"]")
# Control characters (C0, DEL, C1): pasted from Word or a PDF they break spreadsheets (openpyxl
# refuses them), CSV readers and terminals. Multi-line text keeps tab, line feed and carriage return.
_CONTROL_ONE_LINE = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_CONTROL_MULTILINE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def is_email(text: str) -> bool:
    """Whether `text` (already stripped) reads as an email address."""
    return bool(_EMAIL.match(text or ""))


def is_web_address(text: str) -> bool:
    """Whether `text` (already stripped) is a complete http:// or https:// address with a host
    name such as exemple.org; never javascript:, ftp:, a bare word or a host without a dot."""
    text = text or ""
    if _UNSAFE_IN_URL.search(text):
        return False
    try:
        parts = urlsplit(text)
    except ValueError:  # "https://[" : an unbalanced IPv6 bracket
        return False
    host = parts.netloc.rsplit("@", 1)[-1]
    return parts.scheme.lower() in ("http", "https") and bool(_HOST.match(host))


def with_scheme(text: str) -> str:
    """A web address people type without its scheme ('exemple.org') as a link ('https://exemple.org')."""
    text = (text or "").strip()
    if text and not re.match(r"^https?://", text, re.IGNORECASE):
        text = "https://" + text
    return text


def has_control_characters(text: str, *, multiline: bool = False) -> bool:
    """Whether typed `text` holds a control character; multi-line text may hold tabs and
    line breaks, one-line text nothing below a space."""
    pattern = _CONTROL_MULTILINE if multiline else _CONTROL_ONE_LINE
    return bool(pattern.search(text or ""))


def control_character_error(text: str, label: str, *, multiline: bool = False) -> Message | None:
    """The French message refusing typed `text` that holds a control character (see
    has_control_characters), naming the field by `label`; None when the text is clean."""
    if has_control_characters(text, multiline=multiline):
        return Message("{label} : contient des caractères de contrôle non permis.", label=label)
    return None
