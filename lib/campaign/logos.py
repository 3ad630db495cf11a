"""Ambassadors' logos: checked at upload, stored as a small PNG, read back without ever crashing.

An uploaded logo is refused when its header announces more pixels than PIXEL_BUDGET (before any
decoding: a 280 KB PNG can announce 36 million pixels, half a gigabyte once decoded), then
decoded fully (a compressed stream can be corrupt behind valid checksums: only decoding finds
it), and stored re-encoded as PNG, at most STORED_SIDE pixels on its long side. The agreement
view, its PDF and the ZIP of logos read the stored copy through `readable`, which returns None
instead of raising for a logo stored before these checks that does not decode.
"""
from __future__ import annotations

import hashlib
import io
import threading
from collections import OrderedDict

from PIL import Image, UnidentifiedImageError

from lib.core.i18n import N_
from lib.core.messages import Message

MAX_BYTES = 2 * 1024 * 1024          # the upload itself
PIXEL_BUDGET = 16_000_000            # width x height announced by the header (4000 x 4000)
STORED_SIDE = 1000                   # the stored copy's longest side, in pixels
FORMATS = {"PNG": "png", "JPEG": "jpeg"}

_DECODE_ERRORS = (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError, Image.DecompressionBombError)


class LogoError(ValueError):
    """An uploaded logo that cannot be accepted; `message` is French, for the form."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _decoded(data: bytes) -> tuple[Image.Image, str, tuple[int, int]]:
    """(the image of `data` decoded fully and no larger than STORED_SIDE on its long side, its
    format, its size as uploaded). Raises LogoError (French message) for anything else than a
    readable PNG or JPEG within the pixel budget."""
    try:
        image = Image.open(io.BytesIO(data))  # reads the header only
    except _DECODE_ERRORS:
        raise LogoError(N_("Logo : le fichier n’est pas une image PNG ou JPEG lisible.")) from None
    with image:
        if image.format not in FORMATS:
            raise LogoError(N_("Logo : seuls les formats PNG et JPEG sont acceptés."))
        fmt, (width, height) = image.format, image.size
        if width * height > PIXEL_BUDGET:
            raise LogoError(Message("Logo : l’image compte {pixels} millions de pixels; la limite est de {budget} "
                                    "millions (par exemple 4000 × 4000).", pixels=round(width * height / 1e6),
                                    budget=PIXEL_BUDGET // 1_000_000))
        try:
            if image.format == "JPEG":
                image.draft("RGB", (STORED_SIDE, STORED_SIDE))  # JPEG can decode at a smaller scale
            image.load()  # decodes every byte: a corrupt stream behind valid checksums fails here
            if image.mode in ("RGB", "RGBA"):
                image.thumbnail((STORED_SIDE, STORED_SIDE))  # in place, before the copy that outlives `with`
                kept = image.copy()
            else:  # palette, grey, 1-bit: converted first, so the downscaling is not nearest-neighbour
                kept = image.convert("RGBA" if image.mode in ("LA", "P", "PA") else "RGB")
                kept.thumbnail((STORED_SIDE, STORED_SIDE))
        except _DECODE_ERRORS:
            raise LogoError(N_("Logo : le fichier n’est pas une image PNG ou JPEG lisible.")) from None
    return kept, fmt, (width, height)


def check(data: bytes | None) -> list[str]:
    """French errors for an uploaded logo ([] when it can be stored); the content is read,
    not the file name. Decodes the image (bounded by PIXEL_BUDGET); no side effects."""
    if not data:
        return [N_("Logo : le logo est obligatoire (PNG ou JPEG, 2 Mo au plus).")]
    return list(_prepared(bytes(data))[0])


def stored_copy(data: bytes) -> bytes:
    """The copy of an uploaded logo that is stored: PNG, at most STORED_SIDE pixels on its
    long side. Raises LogoError (French message) when `data` fails `check`."""
    errors, png = _prepared(bytes(data or b""))
    if errors or png is None:
        raise LogoError(errors[0] if errors else N_("Logo : le logo est obligatoire (PNG ou JPEG, 2 Mo au plus)."))
    return png


_PREPARED: OrderedDict[bytes, tuple[list[str], bytes | None]] = OrderedDict()
_PREPARED_KEPT = 8


def _prepared(data: bytes) -> tuple[list[str], bytes | None]:
    """(errors, stored copy) of an upload, remembered by its digest: a sign-up checks its logo,
    then stores it, and decoding a large image twice would double the wait."""
    key = hashlib.sha256(data).digest()
    with _READABLE_LOCK:
        if key in _PREPARED:
            _PREPARED.move_to_end(key)
            return _PREPARED[key]
    if not data:
        result: tuple[list[str], bytes | None] = ([N_("Logo : le logo est obligatoire (PNG ou JPEG, 2 Mo au plus).")],
                                                  None)
    elif len(data) > MAX_BYTES:
        result = ([Message("Logo : le fichier pèse {size} Mo; la limite est de 2 Mo.",
                           size=f"{len(data) / 1024 / 1024:.1f}")], None)
    else:
        try:
            result = ([], _png(_decoded(data)[0]))
        except LogoError as error:
            result = ([error.message], None)
    with _READABLE_LOCK:
        _PREPARED[key] = result
        while len(_PREPARED) > _PREPARED_KEPT:
            _PREPARED.popitem(last=False)
    return result


def _png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


_READABLE: OrderedDict[bytes, bytes | None] = OrderedDict()
_READABLE_LOCK = threading.Lock()
_READABLE_KEPT = 64


def readable(stored: bytes | None) -> bytes | None:
    """A stored logo as a PNG that is safe to show, embed or zip (at most STORED_SIDE pixels),
    or None when there is none or it does not decode (logos stored before the upload checks).
    Never raises; recent answers are remembered by the logo's digest."""
    if not stored:
        return None
    stored = bytes(stored)
    key = hashlib.sha256(stored).digest()
    with _READABLE_LOCK:
        if key in _READABLE:
            _READABLE.move_to_end(key)
            return _READABLE[key]
    try:
        image, fmt, size = _decoded(stored)
        # A copy stored by stored_copy is returned as it is; an older one is made into one.
        result = stored if fmt == "PNG" and size == image.size else _png(image)
    except LogoError:
        result = None
    with _READABLE_LOCK:
        _READABLE[key] = result
        while len(_READABLE) > _READABLE_KEPT:
            _READABLE.popitem(last=False)
    return result
