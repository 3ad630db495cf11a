"""The admin CLI: init, export-plan, add-user, backup."""
import csv
import io
import subprocess
import sys

import openpyxl
import pytest

from lib import cli
from lib.accounts import users
from lib.core import schema
from lib.core.db import PROJECT_ROOT, open_database
from lib.seed import open_seeded_database


def run_cli(args, env_db, stdin=""):
    return subprocess.run([sys.executable, "-m", "lib.cli", *args], capture_output=True, text=True,
                          input=stdin, cwd=PROJECT_ROOT, env={"ROCSMO_DB": str(env_db), "PATH": "/usr/bin:/bin"})


def test_export_plan_csv_prints_all_55_means_verbatim(tmp_path):
    result = run_cli(["export-plan", "--format", "csv", "--as-of", "2022-06-01"], tmp_path / "db.duckdb")
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 55
    assert list(rows[0])[:7] == ["axe", "objectif", "action", "moyen", "periode", "indicateur", "responsables"]
    assert rows[0]["moyen"] == "Favoriser la participation et la contribution des membres du ROCSMO"
    assert rows[-1]["periode"] == "2021-2022"
    assert any(r["responsables"] == "Membres + formateur + DG et stagiaire pour l’organisation" for r in rows)


def test_export_plan_xlsx_to_a_file(tmp_path):
    out = tmp_path / "plan.xlsx"
    result = run_cli(["export-plan", "--format", "xlsx", "-o", str(out)], tmp_path / "db.duckdb")
    assert result.returncode == 0, result.stderr
    book = openpyxl.load_workbook(out)
    assert len(book.sheetnames) == 7  # a summary and one sheet per axis


def test_add_user_reads_the_password_from_stdin_and_hashes_it(tmp_path):
    path = tmp_path / "db.duckdb"
    result = run_cli(["add-user", "Marie", "--role", "staff", "--name", "Marie T", "--email", "m@example.org"],
                     path, stdin="un-mot-de-passe-solide\n")
    assert result.returncode == 0, result.stderr
    database = open_seeded_database(str(path))
    user = users.get_user(database, "marie")
    assert user.role == "staff" and user.password_hash.startswith("$2")
    database.close()
    assert b"un-mot-de-passe-solide" not in path.read_bytes()


def test_add_user_refuses_a_weak_password_in_french(tmp_path):
    result = run_cli(["add-user", "bob", "--role", "board", "--name", "Bob", "--email", "b@example.org"],
                     tmp_path / "db.duckdb", stdin="court\n")
    assert result.returncode == 1
    assert "au moins 12 caractères" in result.stderr


def test_add_user_refuses_a_password_over_72_bytes_in_french(tmp_path):
    result = run_cli(["add-user", "bob", "--role", "board", "--name", "Bob", "--email", "b@example.org"],
                     tmp_path / "db.duckdb", stdin="Une-phrase-de-passe-vraiment-très-longue-" * 3 + "\n")
    assert result.returncode == 1
    assert "72 octets" in result.stderr


def test_backup_is_a_complete_database_and_never_overwrites(tmp_path):
    source = tmp_path / "db.duckdb"
    target = tmp_path / "copy.duckdb"
    assert run_cli(["backup", "-o", str(target)], source).returncode == 0
    copy = open_database(str(target))
    assert copy.scalar("SELECT count(*) FROM means") == 55
    assert schema.apply(copy) == []
    copy.close()
    again = run_cli(["backup", "-o", str(target)], source)
    assert again.returncode == 1 and "existe déjà" in again.stderr


@pytest.mark.parametrize("command", ["init", "export-plan", "add-user", "backup", "restore", "demo", "synth"])
def test_every_command_has_help(command, capsys):
    with pytest.raises(SystemExit) as exit_info:
        cli.main([command, "--help"])
    assert exit_info.value.code == 0
    assert "usage:" in capsys.readouterr().out


@pytest.mark.parametrize("args", [
    ["export-plan", "-o", "{tmp}"], ["backup", "-o", "{tmp}"], ["demo", "-o", "{tmp}"],
    ["export-plan", "-o", "/proc/self/plan.csv"], ["backup", "-o", "/proc/self/copie.duckdb"],
    ["restore", "{tmp}"], ["restore", "/proc/self/status"],
])
def test_a_directory_or_a_proc_path_gets_a_clear_message_not_a_traceback(args, seeded_copy, tmp_path, monkeypatch,
                                                                          capsys):
    monkeypatch.setenv("ROCSMO_DB", str(seeded_copy(tmp_path / "db" / "rocsmo.duckdb")))
    assert cli.main([arg.format(tmp=tmp_path) for arg in args]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert any(words in err for words in ("est un dossier", "Impossible d’utiliser le fichier",
                                          "n’est pas une sauvegarde utilisable"))


def test_a_database_path_that_is_a_directory_gets_a_clear_message(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("ROCSMO_DB", str(tmp_path))
    assert cli.main(["init"]) == 1
    assert "Impossible d’utiliser le fichier" in capsys.readouterr().err
