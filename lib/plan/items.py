"""The action plan: plans, axes, actions and means (plan items), read from the database and
edited by staff (every edit one transaction with an audit row; nothing with updates is deleted)."""
from __future__ import annotations

import pandas as pd

from lib.core import audit, clock, roles, validators
from lib.core.db import Database
from lib.core.errors import FormError
from lib.core.i18n import N_, localized_sql
from lib.core.messages import Message
from lib.plan.parties import parse_parties


def current_plan_id(db: Database) -> int | None:
    """The id of the plan marked current (else the newest one), or None if there is none."""
    return db.scalar(
        "SELECT id FROM plans WHERE archived_at IS NULL ORDER BY is_current DESC, id DESC LIMIT 1"
    )


def get_plan(db: Database, plan_id: int) -> dict | None:
    """A plan's title and context as a dict, or None."""
    row = db.query_one("SELECT id, slug, title, context FROM plans WHERE id = ?", [plan_id])
    return None if row is None else dict(zip(("id", "slug", "title", "context"), row))


def list_strategies(db: Database, plan_id: int) -> pd.DataFrame:
    """The strategic orientations shown as context: one row per sub-item, in order."""
    return db.query_df(
        """
        SELECT s.year, s.number, s.name, s.gloss, i.letter, i.label
        FROM strategies s LEFT JOIN strategy_items i ON i.strategy_id = s.id
        WHERE s.plan_id = ? ORDER BY s.number, i.letter
        """,
        [plan_id],
    )


def list_axes(db: Database, plan_id: int, *, include_archived: bool = False, lang: str = "fr") -> pd.DataFrame:
    """Axes of a plan in number order: id, number, name, objective (both as a reader of `lang`
    sees them, lib.core.i18n.localized_sql), name_en, objective_en (staff's English texts as
    stored, None when there is none), archived."""
    return db.query_df(
        f"""
        SELECT id, number, {localized_sql("name", lang)} AS name, {localized_sql("objective", lang)} AS objective,
               name_en, objective_en, archived_at IS NOT NULL AS archived
        FROM axes WHERE plan_id = ? AND (? OR archived_at IS NULL) ORDER BY number, id
        """,
        [plan_id, include_archived],
    )


def list_plan_items(db: Database, plan_id: int, *, include_archived: bool = False, lang: str = "fr") -> pd.DataFrame:
    """One row per means of the plan, with its action and axis, in document order.

    Columns: axis_id, axis_number, axis_name, objective, action_id, action_position,
    action_title, means_id, means_position, text, text_fr, text_en, period_label, indicator,
    responsible_label, parties (list of str), archived. axis_name, objective, action_title and
    text are as a reader of `lang` sees them (lib.core.i18n.localized_sql); text_fr is the
    means as written (what its rules are read from), text_en staff's English text or None.
    """
    return db.query_df(
        f"""
        SELECT ax.id AS axis_id, ax.number AS axis_number, {localized_sql("ax.name", lang)} AS axis_name,
               {localized_sql("ax.objective", lang)} AS objective,
               ac.id AS action_id, ac.position AS action_position, {localized_sql("ac.title", lang)} AS action_title,
               m.id AS means_id, m.position AS means_position, {localized_sql("m.text", lang)} AS text,
               m.text AS text_fr, m.text_en, m.period_label,
               m.indicator, m.responsible_label,
               coalesce((SELECT list(p.party ORDER BY p.party) FROM means_parties p
                         WHERE p.means_id = m.id), []) AS parties,
               (m.archived_at IS NOT NULL OR ac.archived_at IS NOT NULL
                OR ax.archived_at IS NOT NULL) AS archived
        FROM means m
        JOIN actions ac ON ac.id = m.action_id
        JOIN axes ax ON ax.id = ac.axis_id
        WHERE ax.plan_id = ?
          AND (? OR (m.archived_at IS NULL AND ac.archived_at IS NULL AND ax.archived_at IS NULL))
        ORDER BY ax.number, ac.position, m.position, m.id
        """,
        [plan_id, include_archived],
    )


def list_actions(db: Database, plan_id: int, *, include_archived: bool = False, lang: str = "fr") -> pd.DataFrame:
    """Actions of a plan in document order: id, axis_id, axis_number, position, title (as a
    reader of `lang` sees it), title_en (staff's English text or None), archived.

    `archived` is true when the action or its axis is archived.
    """
    return db.query_df(
        f"""
        SELECT ac.id, ac.axis_id, ax.number AS axis_number, ac.position, {localized_sql("ac.title", lang)} AS title,
               ac.title_en,
               (ac.archived_at IS NOT NULL OR ax.archived_at IS NOT NULL) AS archived
        FROM actions ac JOIN axes ax ON ax.id = ac.axis_id
        WHERE ax.plan_id = ? AND (? OR (ac.archived_at IS NULL AND ax.archived_at IS NULL))
        ORDER BY ax.number, ac.position, ac.id
        """,
        [plan_id, include_archived],
    )


# --------------------------------------------------------------------------- editing the plan
#
# Staff edit the plan through these functions only. Each takes the acting user, checks the
# role, validates, and runs one transaction with an audit row. Nothing that has updates is
# ever deleted: axes, actions and means are archived (and can be restored).

NAME_MAX_CHARS = 500
TEXT_MAX_CHARS = 2000


class PlanError(FormError):
    """A change to the plan that cannot be made; `messages` are French, for the form."""


def _required(value: str, label: str, limit: int, errors: list[str]) -> str:
    value = (value or "").strip()
    if not value:
        errors.append(Message("{label} est obligatoire.", label=label))
    return _optional(value, label, limit, errors)


def _optional(value: str, label: str, limit: int, errors: list[str]) -> str:
    value = (value or "").strip()
    if len(value) > limit:
        errors.append(Message("{label} dépasse {limit} caractères.", label=label, limit=limit))
    # Names are one line; the longer texts (objective, means, indicator) may span lines.
    control = validators.control_character_error(value, label, multiline=limit > NAME_MAX_CHARS)
    if control:
        errors.append(control)
    return value


def _english(value: str | None, label: str, limit: int, errors: list[str]) -> str | None:
    """An optional English text, checked as its French one is (length, control characters);
    None when absent or blank (stored as NULL: the French is shown)."""
    if value is None:
        return None
    return _optional(value, label, limit, errors) or None


_KEEP = object()  # an English text not given to an update: left as it is


def _audit(cur, user, action: str, entity: str, entity_id, details: dict, session_id: str) -> None:

    audit.record(cur, user.username, action, entity=entity, entity_id=entity_id, details=details,
                 session_id=session_id)


def _given(**english) -> dict:
    """The English texts that were given (not _KEEP), for a row's new values and its audit."""
    return {key: value for key, value in english.items() if value is not _KEEP}


def _typed(**english) -> dict:
    """The English texts typed with a new row (None: none), for its audit row."""
    return {key: value for key, value in english.items() if value is not None}


def _change(before: dict, after: dict) -> dict:
    """An edit's audit details: every French value before and after, and the English texts
    only when they changed (so that a French-only edit journals as it always did)."""
    keys = [k for k in before if not k.endswith("_en") or before[k] != after[k]]
    return {"before": {k: before[k] for k in keys}, "after": {k: after[k] for k in keys}}


def _exists(cur, table: str, row_id: int) -> bool:
    # `table` is one of the literal names used in this module, never user input.
    assert table in ("plans", "axes", "actions", "means")
    return cur.execute(f"SELECT 1 FROM {table} WHERE id = ?", [row_id]).fetchone() is not None


def add_axis(db: Database, user, plan_id: int, name: str, objective: str = "", *, name_en: str | None = None,
             objective_en: str | None = None, session_id: str = "") -> int:
    """Add an axis at the end of a plan, with optional English texts; returns its id. Raises
    PermissionError, PlanError."""
    roles.require(user, roles.STAFF)
    errors: list[str] = []
    name = _required(name, N_("Le nom de l’axe"), NAME_MAX_CHARS, errors)
    objective = _optional(objective, N_("L’objectif"), TEXT_MAX_CHARS, errors)
    name_en = _english(name_en, N_("Le nom de l’axe en anglais"), NAME_MAX_CHARS, errors)
    objective_en = _english(objective_en, N_("L’objectif en anglais"), TEXT_MAX_CHARS, errors)
    if errors:
        raise PlanError(errors)

    def work(cur):
        if not _exists(cur, "plans", plan_id):
            raise PlanError("Ce plan n’existe pas.")
        number = cur.execute("SELECT coalesce(max(number), 0) + 1 FROM axes WHERE plan_id = ?", [plan_id]).fetchone()[0]
        axis_id = cur.execute(
            "INSERT INTO axes (plan_id, number, name, objective, name_en, objective_en, created_at, created_by)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
            [plan_id, number, name, objective, name_en, objective_en, clock.utcnow(), user.username]).fetchone()[0]
        _audit(cur, user, "plan.axis.add", "axis", axis_id,
               {"name": name, "number": number, **_typed(name_en=name_en, objective_en=objective_en)}, session_id)
        return axis_id

    return db.transaction(work)


def update_axis(db: Database, user, axis_id: int, name: str, objective: str = "", *, name_en=_KEEP,
                objective_en=_KEEP, session_id: str = "") -> bool:
    """Rename an axis or change its objective, and its English texts when given (blank: none;
    not given: left as they are); False (nothing written or journaled) when nothing changed.
    Raises PermissionError, PlanError."""
    roles.require(user, roles.STAFF)
    errors: list[str] = []
    name = _required(name, N_("Le nom de l’axe"), NAME_MAX_CHARS, errors)
    objective = _optional(objective, N_("L’objectif"), TEXT_MAX_CHARS, errors)
    if name_en is not _KEEP:
        name_en = _english(name_en, N_("Le nom de l’axe en anglais"), NAME_MAX_CHARS, errors)
    if objective_en is not _KEEP:
        objective_en = _english(objective_en, N_("L’objectif en anglais"), TEXT_MAX_CHARS, errors)
    if errors:
        raise PlanError(errors)

    def work(cur):
        row = cur.execute("SELECT name, objective, name_en, objective_en FROM axes WHERE id = ?",
                          [axis_id]).fetchone()
        if row is None:
            raise PlanError("Cet axe n’existe pas.")
        keys = ("name", "objective", "name_en", "objective_en")
        before = dict(zip(keys, row))
        after = {**before, "name": name, "objective": objective,
                 **_given(name_en=name_en, objective_en=objective_en)}
        if after == before:
            return False
        cur.execute("UPDATE axes SET name = ?, objective = ?, name_en = ?, objective_en = ?, updated_at = ?,"
                    " updated_by = ? WHERE id = ?", [*after.values(), clock.utcnow(), user.username, axis_id])
        _audit(cur, user, "plan.axis.edit", "axis", axis_id, _change(before, after), session_id)
        return True

    return db.transaction(work)


def add_action(db: Database, user, axis_id: int, title: str, *, title_en: str | None = None,
               session_id: str = "") -> int:
    """Add an action at the end of an axis, with an optional English title; returns its id.
    Raises PermissionError, PlanError."""
    roles.require(user, roles.STAFF)
    errors: list[str] = []
    title = _required(title, N_("Le titre de l’action"), NAME_MAX_CHARS, errors)
    title_en = _english(title_en, N_("Le titre de l’action en anglais"), NAME_MAX_CHARS, errors)
    if errors:
        raise PlanError(errors)

    def work(cur):
        if not _exists(cur, "axes", axis_id):
            raise PlanError("Cet axe n’existe pas.")
        position = cur.execute("SELECT coalesce(max(position), 0) + 1 FROM actions WHERE axis_id = ?",
                               [axis_id]).fetchone()[0]
        action_id = cur.execute(
            "INSERT INTO actions (axis_id, position, title, title_en, created_at, created_by)"
            " VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
            [axis_id, position, title, title_en, clock.utcnow(), user.username]).fetchone()[0]
        _audit(cur, user, "plan.action.add", "action", action_id,
               {"axis_id": axis_id, "title": title, **_typed(title_en=title_en)}, session_id)
        return action_id

    return db.transaction(work)


def update_action(db: Database, user, action_id: int, title: str, *, title_en=_KEEP, session_id: str = "") -> bool:
    """Change an action's title, and its English title when given (blank: none; not given:
    left as it is); False (nothing written or journaled) when nothing changed. The audit row
    keeps the title before and after (and the English title's, when it changed).
    Raises PermissionError, PlanError."""
    roles.require(user, roles.STAFF)
    errors: list[str] = []
    title = _required(title, N_("Le titre de l’action"), NAME_MAX_CHARS, errors)
    if title_en is not _KEEP:
        title_en = _english(title_en, N_("Le titre de l’action en anglais"), NAME_MAX_CHARS, errors)
    if errors:
        raise PlanError(errors)

    def work(cur):
        row = cur.execute("SELECT title, title_en FROM actions WHERE id = ?", [action_id]).fetchone()
        if row is None:
            raise PlanError("Cette action n’existe pas.")
        new_en = row[1] if title_en is _KEEP else title_en
        if (row[0], row[1]) == (title, new_en):
            return False
        cur.execute("UPDATE actions SET title = ?, title_en = ?, updated_at = ?, updated_by = ? WHERE id = ?",
                    [title, new_en, clock.utcnow(), user.username, action_id])
        details = {"before": row[0], "after": title}
        if new_en != row[1]:
            details["title_en"] = {"before": row[1], "after": new_en}
        _audit(cur, user, "plan.action.edit", "action", action_id, details, session_id)
        return True

    return db.transaction(work)


def _means_fields(text: str, period_label: str, indicator: str, responsible_label: str) -> tuple[list[str], tuple]:
    errors: list[str] = []
    values = (_required(text, N_("Le texte du moyen"), TEXT_MAX_CHARS, errors),
              _optional(period_label, N_("La période"), NAME_MAX_CHARS, errors),
              _optional(indicator, N_("L’indicateur"), TEXT_MAX_CHARS, errors),
              _optional(responsible_label, N_("Les responsables"), NAME_MAX_CHARS, errors))
    return errors, values


def _replace_parties(cur, means_id: int, responsible_label: str) -> list[str]:
    parties = parse_parties(responsible_label)
    cur.execute("DELETE FROM means_parties WHERE means_id = ?", [means_id])
    for party in parties:
        cur.execute("INSERT INTO means_parties (means_id, party) VALUES (?, ?)", [means_id, party])
    return parties


def add_means(db: Database, user, action_id: int, text: str, period_label: str = "", indicator: str = "",
              responsible_label: str = "", *, text_en: str | None = None, session_id: str = "") -> int:
    """Add a means at the end of an action (parties parsed from the label), with an optional
    English text; returns its id.

    Raises PermissionError, PlanError.
    """
    roles.require(user, roles.STAFF)
    errors, (text, period_label, indicator, responsible_label) = _means_fields(
        text, period_label, indicator, responsible_label)
    text_en = _english(text_en, N_("Le texte du moyen en anglais"), TEXT_MAX_CHARS, errors)
    if errors:
        raise PlanError(errors)

    def work(cur):
        if not _exists(cur, "actions", action_id):
            raise PlanError("Cette action n’existe pas.")
        position = cur.execute("SELECT coalesce(max(position), 0) + 1 FROM means WHERE action_id = ?",
                               [action_id]).fetchone()[0]
        means_id = cur.execute(
            "INSERT INTO means (action_id, position, text, period_label, indicator, responsible_label, text_en,"
            " created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
            [action_id, position, text, period_label, indicator, responsible_label, text_en, clock.utcnow(),
             user.username]).fetchone()[0]
        parties = _replace_parties(cur, means_id, responsible_label)
        _audit(cur, user, "plan.means.add", "means", means_id,
               {"action_id": action_id, "text": text, "period_label": period_label, "indicator": indicator,
                "responsible_label": responsible_label, "parties": parties, **_typed(text_en=text_en)}, session_id)
        return means_id

    return db.transaction(work)


def update_means(db: Database, user, means_id: int, text: str, period_label: str, indicator: str,
                 responsible_label: str, *, text_en=_KEEP, session_id: str = "") -> bool:
    """Edit a means, and its English text when given (blank: none; not given: left as it is);
    its responsible parties are re-parsed from the new label. False (nothing written or
    journaled) when nothing changed.

    The audit row keeps the values before and after. Raises PermissionError, PlanError.
    """
    roles.require(user, roles.STAFF)
    errors, (text, period_label, indicator, responsible_label) = _means_fields(
        text, period_label, indicator, responsible_label)
    if text_en is not _KEEP:
        text_en = _english(text_en, N_("Le texte du moyen en anglais"), TEXT_MAX_CHARS, errors)
    if errors:
        raise PlanError(errors)

    def work(cur):
        row = cur.execute("SELECT text, period_label, indicator, responsible_label, text_en FROM means WHERE id = ?",
                          [means_id]).fetchone()
        if row is None:
            raise PlanError("Ce moyen n’existe pas.")
        keys = ("text", "period_label", "indicator", "responsible_label", "text_en")
        before = dict(zip(keys, row))
        after = {**before, "text": text, "period_label": period_label, "indicator": indicator,
                 "responsible_label": responsible_label, **_given(text_en=text_en)}
        if after == before:
            return False
        cur.execute("UPDATE means SET text = ?, period_label = ?, indicator = ?, responsible_label = ?, text_en = ?,"
                    " updated_at = ?, updated_by = ? WHERE id = ?",
                    [*after.values(), clock.utcnow(), user.username, means_id])
        parties = _replace_parties(cur, means_id, responsible_label)
        _audit(cur, user, "plan.means.edit", "means", means_id, {**_change(before, after), "parties": parties},
               session_id)
        return True

    return db.transaction(work)


_ARCHIVABLE = {"axis": "axes", "action": "actions", "means": "means"}


def set_archived(db: Database, user, entity: str, entity_id: int, archived: bool, *, session_id: str = "") -> None:
    """Archive (hide from the plan and every figure) or restore an axis, action or means.

    Nothing is deleted; updates stay attached. Raises PermissionError, PlanError (unknown
    entity or id).
    """
    roles.require(user, roles.STAFF)
    if entity not in _ARCHIVABLE:
        raise PlanError("Élément inconnu.")
    table = _ARCHIVABLE[entity]

    def work(cur):
        if not _exists(cur, table, entity_id):
            raise PlanError("Cet élément n’existe pas.")
        now = clock.utcnow()
        cur.execute(f"UPDATE {table} SET archived_at = ?, updated_at = ?, updated_by = ? WHERE id = ?",
                    [now if archived else None, now, user.username, entity_id])
        _audit(cur, user, f"plan.{entity}.{'archive' if archived else 'restore'}", entity, entity_id, {},
               session_id)

    db.transaction(work)


def delete_means(db: Database, user, means_id: int, *, session_id: str = "") -> None:
    """Delete a means entered by mistake: only one that has no update (else archive it).

    Raises PermissionError, PlanError (unknown means, or it has updates).
    """
    roles.require(user, roles.STAFF)

    def work(cur):
        row = cur.execute("SELECT text, action_id FROM means WHERE id = ?", [means_id]).fetchone()
        if row is None:
            raise PlanError("Ce moyen n’existe pas.")
        if cur.execute("SELECT count(*) FROM means_updates WHERE means_id = ?", [means_id]).fetchone()[0]:
            raise PlanError("Ce moyen a des mises à jour : il ne peut pas être supprimé. Archivez-le plutôt.")
        cur.execute("DELETE FROM means_parties WHERE means_id = ?", [means_id])
        cur.execute("DELETE FROM means_tracking WHERE means_id = ?", [means_id])
        cur.execute("DELETE FROM means WHERE id = ?", [means_id])
        _audit(cur, user, "plan.means.delete", "means", means_id, {"text": row[0], "action_id": row[1]}, session_id)

    db.transaction(work)


def insert_plan(cur, plan: dict) -> int:
    """Insert a whole plan (2018 orientations, axes, actions, means and their parties) from
    seed-shaped data, inside the caller's transaction; returns the new plan id."""
    slug = plan["slug"]
    is_first = cur.execute("SELECT count(*) FROM plans").fetchone()[0] == 0
    plan_id = cur.execute(
        "INSERT INTO plans (slug, title, context, is_current) VALUES (?, ?, ?, ?) RETURNING id",
        [slug, plan["title"], plan.get("context", ""), is_first],
    ).fetchone()[0]
    orientations = plan.get("orientations") or {}
    for strategy in orientations.get("strategies", []):
        strategy_id = cur.execute(
            "INSERT INTO strategies (plan_id, year, number, name, gloss) VALUES (?, ?, ?, ?, ?) RETURNING id",
            [plan_id, orientations["year"], strategy["number"], strategy["name"], strategy.get("gloss", "")],
        ).fetchone()[0]
        for item in strategy.get("items", []):
            cur.execute(
                "INSERT INTO strategy_items (strategy_id, letter, label) VALUES (?, ?, ?)",
                [strategy_id, item["letter"], item["label"]],
            )
    for axis in plan["axes"]:
        axis_key = f"{slug}:{axis['number']}"
        axis_id = cur.execute(
            "INSERT INTO axes (plan_id, number, name, objective, seed_key) VALUES (?, ?, ?, ?, ?) RETURNING id",
            [plan_id, axis["number"], axis["name"], axis.get("objective", ""), axis_key],
        ).fetchone()[0]
        for a_pos, action in enumerate(axis["actions"], start=1):
            action_key = f"{axis_key}.{a_pos}"
            action_id = cur.execute(
                "INSERT INTO actions (axis_id, position, title, seed_key) VALUES (?, ?, ?, ?) RETURNING id",
                [axis_id, a_pos, action["title"], action_key],
            ).fetchone()[0]
            for m_pos, means in enumerate(action["means"], start=1):
                means_id = cur.execute(
                    "INSERT INTO means (action_id, position, text, period_label, indicator,"
                    " responsible_label, seed_key) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
                    [action_id, m_pos, means["text"], means.get("period", ""), means.get("indicator", ""),
                     means.get("responsible", ""), f"{action_key}.{m_pos}"],
                ).fetchone()[0]
                for party in parse_parties(means.get("responsible", "")):
                    cur.execute("INSERT INTO means_parties (means_id, party) VALUES (?, ?)", [means_id, party])
    cur.execute(
        "INSERT INTO audit_log (actor, action, entity, entity_id) VALUES ('seed', 'seed.plan', 'plan', ?)",
        [str(plan_id)],
    )
    return plan_id
