"""The outbox against a real SMTP server on 127.0.0.1: once, in the right language, never lost."""
from __future__ import annotations

import datetime as dt
import re
import threading

from lib.accounts import links, users
from lib.core import clock
from lib.outreach import outbox, reminders
from lib.outreach.templates import LINK_PLACEHOLDER, Draft
from tests.ambassador_helpers import approved, current_id


def report_due_in(db, days: int) -> None:
    db.query("UPDATE campaigns SET report_due = ? WHERE id = ?", [clock.today() + dt.timedelta(days=days),
                                                                 current_id(db)])


def statuses(db) -> dict[int, tuple]:
    return {row[0]: row[1:] for row in db.query("SELECT id, status, attempts, server_reply FROM outbox")}


def draft(n: int) -> Draft:
    return Draft("staff_digest", f"personne{n}@example.org", "", "fr", f"digest:test-{n}", f"Sujet {n} — été",
                 f"Texte {n} : à déjà\n", f"<p>Texte {n}</p>")


def test_reminders_arrive_once_in_french_with_utf8_headers_and_bodies(db, smtp_server):
    mailbox, config = smtp_server
    ambassador = approved(db)
    report_due_in(db, 7)
    first = reminders.run(db, config)
    again = reminders.run(db, config)
    purposes = sorted(d.purpose for d in first.due)
    assert purposes == ["approved", "due_7", "staff_digest"]  # the digest goes to staff-test
    assert len(first.send.sent) == 3 and again.queued == [] and again.send.sent == []
    assert len(mailbox.messages) == 3
    by_subject = {message["Subject"]: (rcpt, message) for rcpt, message in mailbox.messages}
    subject = next(s for s in by_subject if s.startswith("Rapport de retombées attendu"))
    rcpt, message = by_subject[subject]
    assert rcpt == ["julie@smo.example.org"] and message["To"] == "julie@smo.example.org"
    assert message["From"] == "tableau@rocsmo.example.org" and message["Message-ID"]
    assert message["Auto-Submitted"] == "auto-generated"
    text = message.get_body(("plain",)).get_content()
    markup = message.get_body(("html",)).get_content()
    assert message.get_body(("plain",)).get_content_charset() == "utf-8"
    assert "Le rapport de retombées de Santé mentale Outaouais" in text and "dans 7 jours" in text
    assert "Santé mentale Outaouais" in markup and '<html lang="fr">' in markup
    assert LINK_PLACEHOLDER not in text and re.search(r"\?lien=[A-Za-z0-9_-]{40,}", text)
    stored = db.query("SELECT status, sent_at IS NOT NULL, server_reply, body_text FROM outbox"
                      " WHERE purpose = 'due_7'")[0]
    assert stored[:3] == ("sent", True, "250 Message accepted for delivery")
    assert LINK_PLACEHOLDER in stored[3]  # the token itself is never stored
    assert ambassador


def test_an_english_speaking_ambassador_gets_english(db, smtp_server):
    mailbox, config = smtp_server
    approved(db)
    users.update_profile(db, "smo-outaouais", "Julie Tremblay", "en")
    report_due_in(db, 30)
    reminders.run(db, config)
    to_julie = {message["Subject"]: message for rcpt, message in mailbox.messages if rcpt == ["julie@smo.example.org"]}
    subjects = sorted(to_julie)
    assert len(subjects) == 2
    assert subjects[0].startswith("Impact report due on") and "Your agreement is approved" in subjects[1]
    body = to_julie[subjects[0]].get_body(("plain",)).get_content()
    assert "Hello Julie Tremblay," in body and "Bonjour" not in body


def test_smtp_down_keeps_the_message_with_the_error_and_the_next_run_sends_it(db, smtp_down, smtp_server):
    mailbox, config = smtp_server
    [added] = outbox.queue(db, [draft(1)], actor="tests")
    down = outbox.send_queued(db, smtp_down)
    status, attempts, reply = statuses(db)[added]
    assert down.sent == [] and status == "failed" and attempts == 1 and "Connection" in reply
    # Not due again before its next attempt; then sent once.
    assert outbox.send_queued(db, config).sent == []
    later = clock.utcnow() + outbox.BACKOFF + dt.timedelta(seconds=1)
    assert outbox.send_queued(db, config, now=later).sent == [added]
    assert outbox.send_queued(db, config, now=later + dt.timedelta(hours=7)).sent == []
    assert statuses(db)[added][:2] == ("sent", 2) and len(mailbox.messages) == 1


def test_a_refusing_server_s_answer_is_kept_and_a_retry_by_staff_sends_it(db, smtp_server):
    mailbox, config = smtp_server
    staff = "staff-out"
    users.create_user(db, username=staff, role="staff", display_name="Équipe", email="",
                      password="Correct-Cheval-Pile-42", actor="tests")
    mailbox.refuse_with = "451 4.3.0 Boîte pleine, réessayez"
    [added] = outbox.queue(db, [draft(2)], actor="tests")
    outbox.send_queued(db, config)
    assert statuses(db)[added] == ("failed", 1, "451 4.3.0 Boîte pleine, réessayez")
    mailbox.refuse_with = None
    outbox.retry(db, added, actor=staff)
    assert outbox.send_queued(db, config).sent == [added]
    assert len(mailbox.messages) == 1 and db.scalar("SELECT count(*) FROM audit_log WHERE action = 'outbox.retry'") == 1


def test_queuing_twice_adds_nothing(db):
    assert len(outbox.queue(db, [draft(3), draft(4)], actor="tests")) == 2
    assert outbox.queue(db, [draft(3), draft(4)], actor="tests") == []
    assert db.scalar("SELECT count(*) FROM outbox") == 2


def test_two_senders_racing_send_each_message_exactly_once(db, smtp_server):
    mailbox, config = smtp_server
    added = outbox.queue(db, [draft(n) for n in range(10, 26)], actor="tests")
    start = threading.Barrier(2)
    results = []

    def sender():
        start.wait()
        results.append(outbox.send_queued(db, config))

    threads = [threading.Thread(target=sender) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    sent = sorted(results[0].sent + results[1].sent)
    assert sent == sorted(added)
    received = sorted(rcpt[0] for rcpt, _ in mailbox.messages)
    assert received == sorted(f"personne{n}@example.org" for n in range(10, 26))
    assert {row[0] for row in statuses(db).values()} == {"sent"}


def test_without_smtp_messages_wait_in_the_outbox(db):
    approved(db)
    summary = reminders.run(db, None)
    assert summary.send.configured is False and summary.queued
    assert outbox.counts(db)["queued"] == len(summary.queued)


def test_a_kind_turned_off_is_not_computed(db):
    approved(db)
    report_due_in(db, 7)
    users.create_user(db, username="staff-k", role="staff", display_name="Équipe", email="e@example.org",
                      password="Correct-Cheval-Pile-42", actor="tests")
    outbox.set_kind_enabled(db, "due_7", False, actor="staff-k")
    assert "due_7" not in {d.purpose for d in reminders.due_drafts(db)}
    assert "approved" in {d.purpose for d in reminders.due_drafts(db)}


def test_a_failed_send_revokes_the_link_it_minted(db, smtp_down):
    approved(db)
    report_due_in(db, 7)
    reminders.run(db, smtp_down)
    minted = db.query("SELECT revoked_at IS NOT NULL FROM one_click_links")
    assert minted and all(row[0] for row in minted)
    assert links  # the module under test


def test_the_app_s_background_sender_sends_then_stops(db, smtp_server):
    mailbox, config = smtp_server
    outbox.queue(db, [draft(99)], actor="tests")
    stop = threading.Event()
    worker = threading.Thread(target=reminders.run_periodically, args=(db, config, dt.timedelta(hours=1), stop))
    worker.start()
    for _ in range(200):  # waits for the first run, never for a duration the test depends on
        if statuses(db) and all(row[0] == "sent" for row in statuses(db).values()):
            break
        stop.wait(0.05)
    stop.set()
    worker.join(timeout=10)
    assert not worker.is_alive()
    assert "personne99@example.org" in [rcpt[0] for rcpt, _ in mailbox.messages]


def test_a_message_that_cannot_be_built_is_marked_failed_not_left_claimed(db, smtp_server):
    mailbox, config = smtp_server
    [bad] = outbox.queue(db, [Draft("staff_digest", "bad\nheader@example.org", "", "fr", "digest:bad", "Sujet",
                                    "Texte\n", "<p>Texte</p>")], actor="tests")
    [good] = outbox.queue(db, [draft(7)], actor="tests")
    summary = outbox.send_queued(db, config)
    assert summary.sent == [good] and bad in summary.failed
    assert statuses(db)[bad][0] == "failed" and len(mailbox.messages) == 1


def test_every_kind_has_a_preview_in_both_languages(db):
    from lib.outreach.templates import KINDS

    for kind in KINDS:
        french, english = reminders.sample_draft(db, kind, "fr"), reminders.sample_draft(db, kind, "en")
        assert french.purpose == english.purpose == kind
        assert french.subject != english.subject and french.body_text.startswith("Bonjour")
        assert english.body_text.startswith("Hello")
