"""SMTP settings from the secrets or the environment; `python -m lib.cli send-reminders`."""
from __future__ import annotations

import datetime as dt

import pytest

from lib import cli
from lib.core import clock
from lib.core.db import connect
from lib.outreach.config import SmtpConfig, SmtpConfigurationError, read_secrets_section, smtp_config
from tests.ambassador_helpers import approved, current_id
from tests.conftest import close_without_checkpoint


def test_no_host_means_no_smtp():
    assert smtp_config({}, environ={}) is None


def test_secrets_win_over_the_environment_and_ports_default_by_security():
    environ = {"ROCSMO_SMTP_HOST": "env.example.org", "ROCSMO_SMTP_SENDER": "env@example.org",
               "ROCSMO_SMTP_PASSWORD": "secret-env"}
    config = smtp_config({"host": "mail.example.org", "security": "ssl", "user": "u"}, environ=environ)
    assert config == SmtpConfig("mail.example.org", 465, "ssl", "env@example.org", "u", "secret-env")
    assert "secret-env" not in repr(config) and "secret-env" not in config.describe()
    assert smtp_config({}, environ=environ).port == 587


@pytest.mark.parametrize(("values", "word"), [({"security": "tls"}, "security"), ({"port": "abc"}, "port"),
                                              ({"sender": "pas-une-adresse"}, "sender")])
def test_unusable_settings_are_refused_with_the_reason(values, word):
    with pytest.raises(SmtpConfigurationError) as refused:
        smtp_config({"host": "mail.example.org", "sender": "a@example.org", **values}, environ={})
    assert word in str(refused.value)


def test_the_secrets_file_s_smtp_table_is_read(tmp_path):
    secrets = tmp_path / "secrets.toml"
    secrets.write_text('[auth]\ncookie_key = "x"\n[smtp]\nhost = "mail.example.org"\nport = 2525\n', encoding="utf-8")
    assert read_secrets_section("smtp", secrets) == {"host": "mail.example.org", "port": 2525}
    assert read_secrets_section("smtp", tmp_path / "absent.toml") == {}


def test_send_reminders_dry_run_writes_nothing_then_a_run_sends(db_path, smtp_server, monkeypatch, capsys):
    mailbox, config = smtp_server
    database = connect(str(db_path))
    approved(database)
    database.query("UPDATE campaigns SET report_due = ? WHERE id = ?",
                   [clock.today() + dt.timedelta(days=30), current_id(database)])
    close_without_checkpoint(database)
    monkeypatch.setattr(cli, "read_secrets_section", lambda name: {})  # a developer's own secrets.toml aside
    for name, value in (("HOST", config.host), ("PORT", str(config.port)), ("SECURITY", "none"),
                        ("SENDER", config.sender)):
        monkeypatch.setenv(f"ROCSMO_SMTP_{name}", value)
    assert cli.main(["send-reminders", "--dry-run"]) == 0
    listed = capsys.readouterr()
    assert "due_30\tjulie@smo.example.org\tfr\tRapport de retombées attendu" in listed.out
    assert mailbox.messages == []
    assert cli.main(["send-reminders"]) == 0
    assert "envoyés / sent: 3" in capsys.readouterr().err
    assert len(mailbox.messages) == 3
    assert cli.main(["send-reminders"]) == 0 and len(mailbox.messages) == 3  # nothing twice
