"""Every French label of the plan screens has an English translation in lib/locales/en/plan.yaml."""
import ast
from pathlib import Path

import pytest

from lib.core.i18n import catalog
from lib.plan import tracking

ROOT = Path(__file__).resolve().parents[2]
SCREENS = ["pages/vue_ensemble.py", "pages/plan_action.py", "pages/mises_a_jour.py", "lib/ui/plan_editor.py",
           "lib/ui/plan_views.py", "lib/plan/charts.py"]


def _literal_calls(path: Path) -> set[str]:
    """French literals passed to t()/translate() or as empty_fr= in a module."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call):
            name = getattr(node.func, "id", getattr(node.func, "attr", ""))
            args = list(node.args[:1]) if name in ("t", "translate", "_saved") else []
            args += [k.value for k in node.keywords if k.arg == "empty_fr"]
            for arg in args:
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    found.add(arg.value)
    return found


@pytest.mark.parametrize("module", SCREENS)
def test_every_label_of_the_screen_is_translated(module):
    labels = _literal_calls(ROOT / module)
    assert labels  # the scan still finds the screen's labels: an empty scan would prove nothing
    missing = sorted(labels - set(catalog("en")))
    assert missing == []


def test_statuses_kinds_and_table_headers_are_translated():
    english = catalog("en")
    labels = [*tracking.STATUS_LABELS_FR.values(), *tracking.SCHEDULE_KIND_LABELS_FR.values(),
              *tracking.TARGET_KIND_LABELS_FR.values(), *tracking.PER_LABELS_FR.values(),
              tracking.ON_TRACK_EXPLANATION_FR]
    assert [label for label in labels if label not in english] == []
    headers = ["Axe", "Moyens", "Comptés", "Réalisés ou en bonne voie", "En retard", "Avancement", "Pourquoi",
               "Échéance", "Échéancier", "Moyens portés", "Responsable", "Enregistrée le", "Par", "Corrigée"]
    assert [h for h in headers if h not in english] == []
