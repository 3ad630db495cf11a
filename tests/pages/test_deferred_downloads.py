"""Sensitive files (agreement PDF, emails, exports, backups) are made only when an authorised user
clicks: rendering a page registers a callable, never builds the file or reads a backup."""
from pathlib import Path

import pytest

from lib.accounts import backups
from lib.campaign import agreement_pdf, listings, report_figures
from lib.core import spreadsheets
from tests.ambassador_helpers import approved


@pytest.fixture
def builders(monkeypatch):
    """Counts the calls of every function that builds a download's bytes or its table."""
    calls: dict[str, int] = {}

    def counting(owner, name):
        real = getattr(owner, name)

        def wrapper(*args, **kwargs):
            # Path.read_bytes also reads the app's own files (favicon, the key check's scan):
            # only a database file (a backup) counts here.
            if owner is not Path or str(args[0]).endswith((".duckdb", ".wal")):
                calls[name] = calls.get(name, 0) + 1
            return real(*args, **kwargs)

        monkeypatch.setattr(owner, name, wrapper)

    for owner, name in ((agreement_pdf, "agreement_pdf"), (listings, "logos_zip"),
                        (listings, "ambassadors_export_frame"), (report_figures, "reports_export_frames"),
                        (spreadsheets, "to_csv_bytes"), (spreadsheets, "to_xlsx_bytes"), (Path, "read_bytes")):
        counting(owner, name)
    return calls


def download_labels(app) -> list[str]:
    return [button.proto.label for button in app.get("download_button")]


def test_the_ambassadors_page_builds_no_file_until_one_is_clicked(app_for, file_db, builders):
    approved(file_db)
    app = app_for("staff", "pages/campaign/ambassadeurs.py")
    assert not app.exception, app.exception
    assert builders == {}
    assert {"Entente signée (PDF)", "Courriels (CSV)", "Logos (ZIP)", "Ambassadeurs (XLSX)",
            "Rapports, actions, portée, activités (XLSX)"} <= set(download_labels(app))


def test_the_agreement_page_builds_no_pdf_until_it_is_clicked(app_for, file_db, builders):
    approved(file_db)
    app = app_for("ambassador", "pages/campaign/mon_entente.py", username="smo-outaouais")
    assert not app.exception, app.exception
    assert builders == {}
    assert "Télécharger l’entente (PDF)" in download_labels(app)


def test_the_backups_page_lists_backups_without_reading_them(app_for, file_db, db_path, builders):
    admin = app_for("admin", "pages/admin/sauvegardes.py")
    admin.button(key="backups.create").click().run()
    assert not admin.exception, admin.exception
    builders.clear()
    admin.run()
    listed = backups.list_backups(backups.backup_directory(file_db))
    assert len(listed) == 1 and listed[0].path.parent == db_path.parent / "backups"
    assert builders == {}
    assert download_labels(admin) == ["Télécharger"]
