"""Administration from a shell: `python -m lib.cli COMMAND --help`."""
from __future__ import annotations

import argparse
import getpass
import sys
from datetime import date
from pathlib import Path

from lib import demo
from lib.accounts import users
from lib.core import backup, roles, spreadsheets
from lib.core.db import DatabaseLockedError, database_path
from lib.plan import exports
from lib.seed import open_seeded_database


def main(argv: list[str] | None = None) -> int:
    """Parse `argv`, run the command, return the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "run", None):
        parser.print_help()
        return 2
    try:
        return args.run(args) or 0
    except DatabaseLockedError as error:
        print(error.message_fr, file=sys.stderr)
        print(error.message_en, file=sys.stderr)
        return 3


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
    return parser


def run_init(args) -> int:
    """`init`: create, migrate and seed the database; prints where it is."""
    db = open_seeded_database()
    print(f"Base de données prête / database ready: {db.path}")
    return 0


def run_export_plan(args) -> int:
    """`export-plan`: the plan as CSV or XLSX, to a file or standard output."""
    db = open_seeded_database()
    frame = exports.plan_export_frame(db, args.as_of)  # None: today in Québec (lib.core.clock)
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
        target = backup.backup_database(db, args.output)
    except FileExistsError:
        print(f"Le fichier {args.output} existe déjà; choisissez un autre nom. / "
              f"{args.output} already exists; choose another name.", file=sys.stderr)
        return 1
    print(f"Sauvegarde écrite / backup written: {target}")
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
          f"{summary.campaigns} campagnes copiées / campaigns copied, {summary.ambassadors} ententes / agreements)")
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
          f"{summary.campaigns} campagnes copiées / campaigns copied, {summary.ambassadors} ententes / agreements)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
