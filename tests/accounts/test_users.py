"""Accounts: creation, role changes, deactivation, resets; each revokes what it should."""
import pytest

from lib.accounts import users
from lib.core import settings as app_settings
from tests.conftest import TEST_PASSWORD, make_user


def test_username_is_unique_and_normalised(db):
    make_user(db, "staff", "Marie")
    with pytest.raises(users.UserError, match="déjà pris"):
        users.create_user(db, username=" MARIE ", role="board", display_name="Autre", email="a@example.org",
                          password=TEST_PASSWORD, actor="tests")


def test_invalid_fields_are_reported_together_in_french(db):
    with pytest.raises(users.UserError) as error:
        users.create_user(db, username="x", role="boss", display_name="", email="pas-un-courriel",
                          password="court", actor="tests")
    text = " ".join(error.value.messages)
    for fragment in ("Le nom d’utilisateur", "Rôle inconnu", "nom affiché", "courriel", "12 caractères"):
        assert fragment in text


@pytest.mark.parametrize("change", ["deactivate", "role", "reset", "password"])
def test_each_sensitive_change_bumps_the_session_version(db, change):
    make_user(db, "admin", "chef")
    user = make_user(db, "staff", "marie")
    if change == "deactivate":
        users.set_active(db, "marie", False, actor="chef")
    elif change == "role":
        users.set_role(db, "marie", "board", actor="chef")
    elif change == "reset":
        users.reset_password(db, "marie", actor="chef")
    else:
        users.change_own_password(db, "marie", TEST_PASSWORD, "Encore-Une-Phrase-88", "Encore-Une-Phrase-88")
    assert users.get_user(db, "marie").session_version == user.session_version + 1


def test_reset_gives_a_working_generated_password(db):
    make_user(db, "admin", "chef")
    make_user(db, "board", "ca1")
    new = users.reset_password(db, "ca1", actor="chef")
    from lib.accounts.passwords import check_password
    assert check_password(new, users.get_user(db, "ca1").password_hash)


def test_current_password_is_required_to_change_it(db):
    make_user(db, "board", "ca1")
    with pytest.raises(users.UserError, match="actuel est incorrect"):
        users.change_own_password(db, "ca1", "wrong", "Encore-Une-Phrase-88", "Encore-Une-Phrase-88")


def test_the_last_active_admin_cannot_be_removed(db):
    make_user(db, "admin", "chef")
    make_user(db, "admin", "adjoint")
    users.set_role(db, "adjoint", "staff", actor="chef")
    with pytest.raises(users.UserError, match="au moins un administrateur"):
        users.set_role(db, "chef", "staff", actor="chef")
    with pytest.raises(users.UserError, match="propre compte"):
        users.set_active(db, "chef", False, actor="chef")
    assert users.get_user(db, "chef").role == "admin"


@pytest.mark.parametrize("role", ["staff", "board", "ambassador"])
def test_only_an_admin_can_manage_accounts_settings_and_backups(db, tmp_path, role):
    from lib.accounts import backups, settings

    make_user(db, "admin", "chef")
    make_user(db, role, "someone")
    for attempt in (
        lambda: users.set_role(db, "chef", "board", actor="someone"),
        lambda: users.set_active(db, "chef", False, actor="someone"),
        lambda: users.reset_password(db, "chef", actor="someone"),
        lambda: users.create_account(db, admin="someone", username="new", role="admin", display_name="N",
                                     email="n@example.org", password=TEST_PASSWORD),
        lambda: settings.save_settings(db, {"aga_month": 5}, actor="someone"),
        lambda: backups.create_backup(db, actor="someone", directory=tmp_path),
    ):
        with pytest.raises(PermissionError):
            attempt()
    assert users.get_user(db, "chef").role == "admin" and users.get_user(db, "new") is None
    assert app_settings.read_rows(db)["aga_month"] == "6" and not list(tmp_path.iterdir())


def test_deactivated_accounts_are_not_given_to_the_authenticator(db):
    make_user(db, "admin", "chef")
    make_user(db, "board", "ca1")
    users.set_active(db, "ca1", False, actor="chef")
    credentials = users.credentials_for_authenticator(db)["usernames"]
    assert "ca1" not in credentials and "chef" in credentials
    assert credentials["chef"]["password"].startswith("$2")


def test_changes_are_audited_with_who(db):
    make_user(db, "admin", "chef")
    make_user(db, "board", "ca1")
    users.set_role(db, "ca1", "staff", actor="chef")
    assert db.query_one("SELECT actor, entity_id FROM audit_log WHERE action = 'user.role'") == ("chef", "ca1")
