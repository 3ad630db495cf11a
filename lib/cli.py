"""Administration from a shell: `python -m lib.cli COMMAND --help`."""
from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from lib import exports
from lib.db import DatabaseLockedError, database_path, open_database


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

    backup = commands.add_parser("backup", help="write a consistent copy of the database (through DuckDB)")
    backup.add_argument("-o", "--output", type=Path, required=True, help="new DuckDB file to create")
    backup.set_defaults(run=run_backup)
    return parser


def run_init(args) -> int:
    db = open_database()
    print(f"Base de données prête / database ready: {db.path}")
    return 0


def run_export_plan(args) -> int:
    db = open_database()
    frame = exports.plan_export_frame(db, args.as_of or date.today())
    data = exports.to_csv_bytes(frame) if args.format == "csv" else exports.to_xlsx_bytes(exports.plan_workbook(frame))
    if args.output:
        args.output.write_bytes(data)
        print(f"{len(frame)} lignes écrites dans / rows written to {args.output}", file=sys.stderr)
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    return 0


def run_backup(args) -> int:
    db = open_database()
    try:
        target = exports.backup_database(db, args.output)
    except FileExistsError:
        print(f"Le fichier {args.output} existe déjà; choisissez un autre nom. / "
              f"{args.output} already exists; choose another name.", file=sys.stderr)
        return 1
    print(f"Sauvegarde écrite / backup written: {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
