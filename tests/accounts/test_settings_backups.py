"""Admin settings and in-app backups."""
import pytest

from lib.accounts import backups, settings
from lib.core import settings as app_settings
from lib.core.db import connect, open_database
from tests.conftest import make_user


def test_settings_are_validated_in_french_and_nothing_is_saved_on_error(db):
    make_user(db, "admin", "chef")
    with pytest.raises(ValueError, match="mois de 1 à 12"):
        settings.save_settings(db, {"aga_month": 13, "continuous_late_days": 60}, actor="chef")
    assert app_settings.read_rows(db)["continuous_late_days"] == "90"


def test_a_setting_change_is_attributed_and_audited(db):
    make_user(db, "admin", "chef")
    settings.save_settings(db, {"aga_month": 5, "continuous_late_days": 60, "plan_start": "2021-04-01"}, actor="chef")
    assert app_settings.read_rows(db)["aga_month"] == "5"
    assert db.query_one("SELECT updated_by FROM settings WHERE key = 'aga_month'") == ("chef",)
    assert db.scalar("SELECT count(*) FROM audit_log WHERE action = 'settings.change' AND actor = 'chef'") == 3


def test_backup_from_the_app_is_a_complete_database_listed_newest_first(tmp_path, seeded_copy):
    database = connect(str(seeded_copy(tmp_path / "live.duckdb")))
    make_user(database, "admin", "chef")
    path = backups.create_backup(database, actor="chef", directory=tmp_path / "backups")
    listed = backups.list_backups(tmp_path / "backups")
    assert [b.path for b in listed] == [path]
    assert listed[0].tables > 10 and listed[0].rows > 100
    copy = open_database(str(path))
    assert copy.scalar("SELECT count(*) FROM means") == 55
    assert copy.scalar("SELECT count(*) FROM users") == 1
    copy.close()
    assert database.scalar("SELECT count(*) FROM audit_log WHERE action = 'backup.create'") == 1
