"""Administration from a shell: `python -m lib.cli COMMAND --help`."""
from __future__ import annotations

import argparse
import getpass
import sys
from datetime import UTC, date, datetime
from pathlib import Path

import duckdb

from lib import demo
from lib.accounts import users
from lib.core import backup, clock, roles, spreadsheets
from lib.core.db import DatabaseLockedError, database_path
from lib.outreach import reminders
from lib.outreach.config import SmtpConfigurationError, read_secrets_section, smtp_config
from lib.plan import exports, meetings
from lib.seed import open_seeded_database


def main(argv: list[str] | None = None) -> int:
    """Parse `argv`, run the command, return the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "run", None):
        parser.print_help()
        return 2
    output = getattr(args, "output", None)
    if output is not None and output.is_dir():
        print(_file_problem(IsADirectoryError(21, "Is a directory", str(output))), file=sys.stderr)
        return 1
    try:
        return args.run(args) or 0
    except DatabaseLockedError as error:
        print(error.message_fr, file=sys.stderr)
        print(error.message_en, file=sys.stderr)
        return 3
    except (OSError, duckdb.IOException) as error:  # a directory, /proc, a full disk, no permission…
        print(_file_problem(error, output or getattr(args, "backup", None) or database_path()), file=sys.stderr)
        return 1


def _file_problem(error: Exception, fallback: object = "") -> str:
    """A clear bilingual sentence for a file the command cannot use (`fallback`: the path
    the command was given, for errors that do not name theirs)."""
    where = getattr(error, "filename", None) or fallback
    reason = getattr(error, "strerror", None) or str(error).splitlines()[0]
    if isinstance(error, IsADirectoryError):
        return (f"{where} est un dossier : donnez un nom de fichier. / "
                f"{where} is a directory: give a file name.")
    return (f"Impossible d’utiliser le fichier {where} ({reason}). Vérifiez le chemin et les droits. / "
            f"Cannot use the file {where} ({reason}). Check the path and the permissions.")


def build_parser() -> argparse.ArgumentParser:
    """The CLI's argument parser: one sub-command per administration task."""
    parser = argparse.ArgumentParser(
        prog="python -m lib.cli",
        description="Administration du tableau de bord ROCSMO / ROCSMO dashboard administration. "
        f"Base de données / database: $ROCSMO_DB or {database_path()}",
    )
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    init = commands.add_parser("init", help="create, migrate and seed the database")
    init.set_defaults(run=run_init)

    export = commands.add_parser("export-plan", help="export the plan, one row per means")
    export.add_argument("--format", choices=("csv", "xlsx"), default="csv")
    export.add_argument("--as-of", type=date.fromisoformat, default=None, metavar="YYYY-MM-DD",
                        help="compute the tracking columns as of this date (default: today)")
    export.add_argument("--known-at", type=_moment, default=None, metavar="YYYY-MM-DD[THH:MM]",
                        help="use only the updates recorded by this moment, Québec time (default: the end "
                             "of the --as-of day): the plan as it was known then, later corrections left out")
    export.add_argument("-o", "--output", type=Path, help="file to write (default: standard output)")
    export.set_defaults(run=run_export_plan)

    add_user = commands.add_parser(
        "add-user", help="create an account; the password is read from standard input",
        description="Create an account. The password is read from standard input (prompted twice on a "
                    "terminal, else the first line), never from the command line.")
    add_user.add_argument("username")
    add_user.add_argument("--role", required=True, choices=[role.value for role in roles.ROLES])
    add_user.add_argument("--name", required=True, help="display name")
    add_user.add_argument("--email", required=True)
    add_user.add_argument("--org", default="", help="organisation (ambassadors)")
    add_user.set_defaults(run=run_add_user)

    backup = commands.add_parser("backup", help="write a consistent copy of the database (through DuckDB)")
    backup.add_argument("-o", "--output", type=Path, required=True, help="new DuckDB file to create")
    backup.set_defaults(run=run_backup)

    restore = commands.add_parser(
        "restore", help="put a verified backup in place of the database file (the app stopped)",
        description="Verify the backup (a DuckDB file holding the app's tables), then copy it to the database "
                    "file ($ROCSMO_DB). An existing database file is replaced only with --force, and is kept "
                    "beside it as <file>.avant-restauration-<date>. Refused while another process (the app) "
                    "holds the database file.")
    restore.add_argument("backup", type=Path, metavar="BACKUP", help="the backup file to restore")
    restore.add_argument("--force", action="store_true", help="replace an existing database file")
    restore.set_defaults(run=run_restore)

    demo = commands.add_parser(
        "demo", help="write a NEW database file with the seed, a plausible history of updates and the campaign's life",
        description="Write a new DuckDB file holding the seeded plan and a plausible history of updates "
                    "from 2021 to today, for demonstrations: ROCSMO_DB=FILE streamlit run app.py. "
                    "Refuses to overwrite an existing file.")
    demo.add_argument("-o", "--output", type=Path, required=True, help="new DuckDB file to create")
    demo.add_argument("--until", type=date.fromisoformat, default=None, metavar="YYYY-MM-DD",
                      help="last day of the history (default: today)")
    demo.add_argument("--seed", type=int, default=2021, help="random seed (same seed, same history)")
    demo.set_defaults(run=run_demo)

    synth = commands.add_parser(
        "synth", help="write a NEW database file with N copies of the plan and their history (benchmarks)",
        description="Write a new DuckDB file whose current plan holds N copies of the seeded plan (as more "
                    "axes), each item with a generated history. Refuses to overwrite an existing file.")
    synth.add_argument("--scale", type=int, required=True, metavar="N", help="number of copies of the plan (>= 1)")
    synth.add_argument("-o", "--output", type=Path, required=True, help="new DuckDB file to create")
    synth.add_argument("--until", type=date.fromisoformat, default=None, metavar="YYYY-MM-DD",
                       help="last day of the history (default: today)")
    synth.add_argument("--seed", type=int, default=2021, help="random seed")
    synth.set_defaults(run=run_synth)

    reminders_cmd = commands.add_parser(
        "send-reminders", help="queue the reminders and digests that are due, then send the outbox",
        description="Compute the messages due now (ambassadors' reminders, staff's weekly digest), queue those "
                    "not queued before, and send what waits in the outbox, earlier failures included. SMTP from "
                    ".streamlit/secrets.toml [smtp] or $ROCSMO_SMTP_*. Safe to run as often as you like.")
    reminders_cmd.add_argument("--dry-run", action="store_true", help="only list what is due; write and send nothing")
    reminders_cmd.set_defaults(run=run_send_reminders)
    return parser


def run_init(args) -> int:
    """`init`: create, migrate and seed the database; prints where it is."""
    db = open_seeded_database()
    print(f"Base de données prête / database ready: {db.path}")
    return 0


def run_export_plan(args) -> int:
    """`export-plan`: the plan as CSV or XLSX, to a file or standard output."""
    db = open_seeded_database()
    # Default: today in Québec, as known at the end of the --as-of day (later corrections left out)
    as_of = args.as_of or clock.today()
    frame = exports.plan_export_frame(db, as_of, args.known_at or meetings.end_of_day(as_of))
    if args.format == "csv":
        data = spreadsheets.to_csv_bytes(frame)
    else:
        data = spreadsheets.to_xlsx_bytes(exports.plan_workbook(frame))
    if args.output:
        args.output.write_bytes(data)
        print(f"{len(frame)} lignes écrites dans / rows written to {args.output}", file=sys.stderr)
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    return 0


def _moment(text: str) -> datetime:
    """A --known-at value: a Québec day (its end) or day and time, as naive UTC."""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"not a date or date-time: {text!r}") from error
    if len(text) <= 10:
        return meetings.end_of_day(moment.date())
    local = moment.replace(tzinfo=clock.LOCAL_ZONE) if moment.tzinfo is None else moment
    return local.astimezone(UTC).replace(tzinfo=None)


def read_password(stream=None) -> str:
    """The new password from a terminal prompt (asked twice) or the first line of stdin."""
    stream = stream or sys.stdin
    if stream.isatty():
        first = getpass.getpass("Mot de passe / password: ")
        if first != getpass.getpass("Confirmez / confirm: "):
            raise ValueError("Les mots de passe diffèrent / passwords differ.")
        return first
    return stream.readline().rstrip("\r\n")


def run_add_user(args) -> int:
    """`add-user`: create an account, the password read from standard input."""
    try:
        password = read_password()
    except ValueError as error:
        print(error, file=sys.stderr)
        return 1
    db = open_seeded_database()
    try:
        username = users.create_user(db, username=args.username, role=args.role, display_name=args.name,
                                     email=args.email, password=password, organisation=args.org,
                                     actor="cli")
    except users.UserError as error:
        for message in error.messages:
            print(message, file=sys.stderr)
        return 1
    print(f"Compte créé / account created: {username} ({args.role})")
    if args.role == "ambassador":
        print("Ce compte n’a pas encore d’entente : à la page « Mon entente », il remplit l’entente de la campagne "
              "courante (inscriptions ouvertes), ce qui le lie à son organisation. / This account has no agreement "
              "yet: on « Mon entente » it fills the current campaign's agreement (while sign-ups are open).")
    return 0


def run_backup(args) -> int:
    """`backup`: a consistent copy of the database into a new file (never overwrites)."""
    db = open_seeded_database()
    try:
        counts = backup.backup_database(db, args.output)
    except FileExistsError:
        return _refused(args.output)
    except backup.BackupError as error:
        print(f"La sauvegarde n’a pas pu être vérifiée; aucun fichier écrit. / The backup could not be verified; "
              f"nothing written. ({error})", file=sys.stderr)
        return 1
    print(f"Sauvegarde écrite et vérifiée / backup written and verified: {args.output.resolve()} "
          f"({len(counts)} tables, {sum(counts.values())} lignes / rows)")
    return 0


def run_restore(args) -> int:
    """`restore`: a verified backup in place of the database file (refuses to overwrite without --force)."""
    target = Path(database_path())
    try:
        counts, kept = backup.restore_backup(args.backup, target, force=args.force)
    except backup.BackupError as error:
        print(f"{args.backup} n’est pas une sauvegarde utilisable; rien n’a été changé. / "
              f"{args.backup} is not a usable backup; nothing was changed. ({error})", file=sys.stderr)
        return 1
    except FileExistsError:
        print(f"La base de données {target} existe déjà : ajoutez --force pour la remplacer (elle sera gardée "
              f"à côté). / The database {target} exists: add --force to replace it (it is kept beside it).",
              file=sys.stderr)
        return 1
    if kept is not None:
        print(f"Ancienne base gardée / previous database kept: {kept}")
    print(f"Sauvegarde restaurée / backup restored: {target} ({len(counts)} tables, "
          f"{sum(counts.values())} lignes / rows)")
    return 0


def _refused(path: Path) -> int:
    print(f"Le fichier {path} existe déjà; choisissez un autre nom. / "
          f"{path} already exists; choose another name.", file=sys.stderr)
    return 1


def run_demo(args) -> int:

    try:
        summary = demo.build_demo(args.output, until=args.until, seed=args.seed)
    except FileExistsError:
        return _refused(args.output)
    print(f"Base de démonstration écrite / demo database written: {summary.path} "
          f"({summary.items} moyens / items, {summary.updates} mises à jour / updates, "
          f"{summary.campaigns} campagnes copiées / campaigns copied, {summary.ambassadors} ententes / agreements, "
          f"{summary.reports} rapports de retombées / impact reports)")
    print(f"ROCSMO_DB={summary.path} streamlit run app.py")
    return 0


def run_synth(args) -> int:

    if args.scale < 1:
        print("--scale doit être au moins 1 / --scale must be at least 1", file=sys.stderr)
        return 2
    try:
        summary = demo.build_synthetic(args.output, args.scale, until=args.until, seed=args.seed)
    except FileExistsError:
        return _refused(args.output)
    print(f"Base synthétique écrite / synthetic database written: {summary.path} "
          f"({summary.items} moyens / items, {summary.updates} mises à jour / updates, "
          f"{summary.ambassadors} ententes / agreements, {summary.reports} rapports de retombées / impact reports)")
    return 0


def run_send_reminders(args) -> int:
    """`send-reminders`: queue what is due and send the outbox (or list it with --dry-run)."""
    try:
        config = smtp_config(read_secrets_section("smtp"))
    except SmtpConfigurationError as error:
        print(error, file=sys.stderr)
        return 1
    db = open_seeded_database()
    summary = reminders.run(db, config, dry_run=args.dry_run, actor="cli")
    for draft in summary.due:
        print(f"{draft.purpose}\t{draft.recipient}\t{draft.language}\t{draft.subject}")
    if args.dry_run:
        print(f"{len(summary.due)} message(s) dus / due (--dry-run : rien d’écrit ni d’envoyé / "
              "nothing written or sent)", file=sys.stderr)
        return 0
    print(f"mis en file / queued: {len(summary.queued)}; envoyés / sent: {len(summary.send.sent)}; "
          f"en échec / failed: {len(summary.send.failed)}", file=sys.stderr)
    for outbox_id, answer in summary.send.failed.items():
        print(f"  #{outbox_id}: {answer}", file=sys.stderr)
    if not summary.send.configured:
        print("Aucun serveur SMTP configuré : les messages restent dans la boîte d’envoi. / "
              "No SMTP server configured: messages wait in the outbox.", file=sys.stderr)
    return 1 if summary.send.failed else 0


if __name__ == "__main__":
    sys.exit(main())
