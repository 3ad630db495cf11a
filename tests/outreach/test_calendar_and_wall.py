"""Calendar files parse back with icalendar; the wall's export holds only approved, public, escaped data."""
from __future__ import annotations

import datetime as dt
import io
import json
import zipfile

from icalendar import Calendar
from PIL import Image

from lib.campaign import ambassadors, campaigns, wall
from lib.outreach import calendar
from lib.plan import items, overview, tracking
from tests.ambassador_helpers import approved, current_id, image_bytes, signed_up

HOSTILE = "<script>alert('x')</script> & \"guillemets\" <img src=x onerror=alert(1)>"


def events(data: bytes) -> list:
    return list(Calendar.from_ical(data).walk("VEVENT"))


def test_the_moments_calendar_parses_back_with_every_moment_as_whole_days(db):
    cid = current_id(db)
    moments = campaigns.list_moments(db, cid)
    parsed = Calendar.from_ical(calendar.moments_calendar(db, cid))
    assert str(parsed["x-wr-timezone"]) == "America/Toronto"
    found = {str(e["uid"]): e for e in parsed.walk("VEVENT")}
    assert len(found) == len(moments)
    first = moments.iloc[0]
    event = found[f"moment-{campaigns.get_campaign(db, cid).slug}-{first['key']}@{calendar.UID_DOMAIN}"]
    assert event.decoded("dtstart") == first["starts_on"].date() == dt.date(2022, 3, 13)
    assert event.decoded("dtend") == first["ends_on"].date() + dt.timedelta(days=1)
    assert not isinstance(event.decoded("dtstart"), dt.datetime)  # all-day


def test_an_ambassador_gets_only_the_moments_it_committed_to(db):
    agreement = ambassadors.get_agreement(db, approved(db))
    found = events(calendar.ambassador_calendar(db, agreement))
    assert len(found) == len(agreement.moments) == 2
    assert all(any(key in str(e["uid"]) for key in agreement.moments) for e in found)


def test_the_plan_calendar_of_a_party_holds_its_items_due_dates(db):
    status = tracking.plan_status(db, items.current_plan_id(db), dt.date(2026, 12, 4))
    parties = calendar.plan_parties(status)
    assert "DG" in parties and "CA" in parties
    dg = events(calendar.plan_calendar(status, "DG"))
    ca = events(calendar.plan_calendar(status, "CA"))
    carried = status[[("CA" in parties) for parties in status["parties"]]]
    assert dg and len(ca) == len(overview.with_deadlines(carried).dropna(subset=["echeance"])) and len(dg) != len(ca)
    assert all(str(e["summary"]).startswith("Échéance : ") for e in dg)
    assert all(not isinstance(e.decoded("dtstart"), dt.datetime) for e in dg)
    english = events(calendar.plan_calendar(status, "DG", lang="en"))
    assert len(english) == len(dg)


def test_the_wall_lists_approved_ambassadors_only_without_private_details(db):
    approved(db, organisation=f"Org {HOSTILE}", why_text=HOSTILE, email="h@example.org", username="hostile-org",
             logo=image_bytes(size=(1200, 300)))
    signed_up(db, organisation="Organisme en attente", email="p@example.org", username="pending-org")
    entries = wall.wall_entries(db)
    assert [e.organisation for e in entries] == [f"Org {HOSTILE}"]
    with Image.open(io.BytesIO(entries[0].logo)) as logo:
        assert logo.format == "PNG" and logo.size == (320, 80)  # fitted in the box, ratio kept
    archive = zipfile.ZipFile(io.BytesIO(wall.wall_export_zip(entries)))
    assert sorted(archive.namelist()) == sorted(["ambassadeurs.html", "ambassadeurs.json",
                                                 f"logos/{entries[0].logo_file}"])
    fragment = archive.read("ambassadeurs.html").decode()
    assert "<script>" not in fragment and "<img src=x" not in fragment
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &quot;guillemets&quot;" in fragment
    assert 'alt="Logo de Org &lt;script&gt;' in fragment
    listing = json.loads(archive.read("ambassadeurs.json"))
    assert listing[0]["texte"] == HOSTILE and set(listing[0]) == {"organisation", "site_web", "texte", "logo",
                                                                    "logo_alt"}
    for private in ("h@example.org", "819 555-1234", "Julie Tremblay", "Organisme en attente"):
        assert private not in fragment and private not in archive.read("ambassadeurs.json").decode()


def test_a_website_that_is_not_http_is_left_out_of_the_wall(db):
    aid = approved(db)
    db.query("UPDATE ambassadors SET website = 'javascript:alert(1)' WHERE id = ?", [aid])
    [entry] = wall.wall_entries(db)
    assert entry.website == "" and "javascript" not in wall.wall_html([entry])
