"""Logos: refused over the pixel budget before decoding, decoded fully at upload, stored as a small
PNG, and a stored logo that does not decode never breaks the agreement, its PDF or the ZIP."""
import io
import struct
import zipfile
import zlib

import pytest
from PIL import Image

from lib.campaign import agreement_pdf, ambassadors, listings, logos
from tests.ambassador_helpers import approved, current_id, image_bytes, signed_up


def png_chunk(kind: bytes, payload: bytes) -> bytes:
    return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", zlib.crc32(kind + payload))


def png(width: int, height: int, idat: bytes, *, bit_depth: int = 8, colour: int = 2) -> bytes:
    """A PNG file built chunk by chunk: every chunk's CRC is valid, whatever `idat` holds."""
    header = struct.pack(">IIBBBBB", width, height, bit_depth, colour, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", header) + png_chunk(b"IDAT", idat) + png_chunk(b"IEND", b"")


def huge_png(side: int = 6000) -> bytes:
    """A real, valid side x side PNG (1-bit grey, all black) of a few kilobytes."""
    row = b"\x00" + b"\x00" * ((side + 7) // 8)
    compressor = zlib.compressobj(9)
    stream = b"".join(compressor.compress(row) for _ in range(side)) + compressor.flush()
    return png(side, side, stream, bit_depth=1, colour=0)


# 40 x 20 RGB announced, garbage where the zlib stream should be: the checksums are right.
CORRUPT_STREAM = png(40, 20, b"\x78\x9c" + bytes(range(7, 250)) * 1)


def test_the_corrupt_stream_png_passes_the_checksums_but_not_decoding():
    with Image.open(io.BytesIO(CORRUPT_STREAM)) as image:
        image.verify()  # what the old check did: it passes
    assert "pas une image PNG ou JPEG lisible" in logos.check(CORRUPT_STREAM)[0]


def test_a_6000_by_6000_png_is_refused_by_its_header_before_any_decoding(monkeypatch):
    data = huge_png()
    assert len(data) < logos.MAX_BYTES and Image.open(io.BytesIO(data)).size == (6000, 6000)

    def no_decoding(self):
        raise AssertionError("decoded an image over the pixel budget")

    monkeypatch.setattr(Image.Image, "load", no_decoding)
    monkeypatch.setattr("PIL.ImageFile.ImageFile.load", no_decoding)
    errors = logos.check(data)
    assert errors == ["Logo : l’image compte 36 millions de pixels; la limite est de 16 millions "
                      "(par exemple 4000 × 4000)."]


def test_a_large_logo_within_the_budget_is_stored_as_a_png_of_1000_pixels_at_most(db):
    ambassador_id = signed_up(db, logo=image_bytes("JPEG", (3000, 1500)))
    agreement = ambassadors.get_agreement(db, ambassador_id)
    assert agreement.logo_type == "png"
    with Image.open(io.BytesIO(agreement.logo)) as stored:
        assert (stored.format, stored.size) == ("PNG", (1000, 500))


def test_a_corrupt_stream_png_is_refused_at_sign_up(db):
    with pytest.raises(ambassadors.AmbassadorError) as error:
        signed_up(db, logo=CORRUPT_STREAM)
    assert any("pas une image PNG ou JPEG lisible" in message for message in error.value.messages)
    assert db.scalar("SELECT count(*) FROM ambassadors") == 0


def store_corrupt_logo(database, ambassador_id: int) -> None:
    """A logo stored before the upload checks existed."""
    database.transaction(lambda cur: cur.execute("UPDATE ambassadors SET logo = ? WHERE id = ?",
                                                 [CORRUPT_STREAM, ambassador_id]))


def test_a_stored_corrupt_logo_leaves_the_pdf_and_the_zip_without_it(db):
    ambassador_id = approved(db)
    store_corrupt_logo(db, ambassador_id)
    assert logos.readable(ambassadors.get_agreement(db, ambassador_id).logo) is None
    assert agreement_pdf.agreement_pdf(db, ambassador_id).startswith(b"%PDF")
    assert zipfile.ZipFile(io.BytesIO(listings.logos_zip(db, current_id(db)))).namelist() == []


def test_stored_logos_are_read_back_as_they_are_when_already_small_pngs(db):
    ambassador_id = signed_up(db)
    stored = ambassadors.get_agreement(db, ambassador_id).logo
    assert logos.readable(stored) == stored
    assert logos.readable(None) is None and logos.readable(b"") is None


def test_a_stored_corrupt_logo_does_not_break_the_agreement_pages(app_for, file_db):
    ambassador_id = signed_up(file_db)
    store_corrupt_logo(file_db, ambassador_id)
    note = "Le logo enregistré est illisible : il n’est pas affiché."
    app = app_for("ambassador", "pages/campaign/mon_entente.py", username="smo-outaouais")
    assert not app.exception, app.exception
    assert note in [caption.value for caption in app.caption]
    staff = app_for("staff", "pages/campaign/ambassadeurs.py")
    assert not staff.exception, staff.exception
    assert note in [caption.value for caption in staff.caption]


@pytest.mark.parametrize("mode", ["P", "L", "RGBA", "1"])
def test_every_image_mode_is_stored_as_a_png_of_1000_pixels_at_most(mode):
    buffer = io.BytesIO()
    Image.new(mode, (2400, 1200)).save(buffer, format="PNG")
    with Image.open(io.BytesIO(logos.stored_copy(buffer.getvalue()))) as stored:
        assert stored.format == "PNG" and stored.size == (1000, 500)
