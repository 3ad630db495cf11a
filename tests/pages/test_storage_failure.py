"""A write that fails on the disk, as staff see it: a French message, what they typed kept."""
import duckdb

from lib.plan import updates


def test_a_failed_disk_write_shows_a_french_message_and_keeps_the_typed_note(app_for, file_db, monkeypatch):
    def failing_insert(cur, *args, **kwargs):
        raise duckdb.IOException('IO Error: Could not write file "rocsmo.duckdb.wal": No space left on device')

    monkeypatch.setattr(updates, "insert_update", failing_insert)
    app = app_for("staff", "pages/plan/mises_a_jour.py")
    app.text_area(key="update.note").input("Bilan de la rencontre à garder")
    next(b for b in app.button if b.label == "Enregistrer la mise à jour").click().run()
    assert not app.exception
    assert any("n’a pas pu être écrit sur le disque" in e.value for e in app.error)
    assert app.text_area(key="update.note").value == "Bilan de la rencontre à garder"
    assert file_db.scalar("SELECT count(*) FROM means_updates") == 0
    # The page goes on: the next rerun draws normally.
    app.run()
    assert not app.exception
