"""Every French label of the plan screens has an English translation in the catalogue
(lib/core/locales/en/LC_MESSAGES/messages.po); what each screen marks is read by Babel."""
import pytest

from lib.plan import statuses
from tests.catalogue_helpers import ROOT, extracted_from, translated

SCREENS = ["pages/plan/vue_ensemble.py", "pages/plan/plan_action.py", "pages/plan/mises_a_jour.py",
           "lib/ui/plan_editor.py", "lib/ui/plan_views.py", "lib/plan/charts.py"]


@pytest.mark.parametrize("module", SCREENS)
def test_every_label_of_the_screen_is_translated(module):
    texts = extracted_from(module)  # t()/translate()/nt(), _saved() and N_() (the empty_fr= texts among them)
    assert texts
    assert "empty_fr=\"" not in (ROOT / module).read_text(encoding="utf-8")  # Babel would not see it: N_()
    missing = sorted(text for text in texts if not translated(text))
    assert missing == []


def test_statuses_kinds_and_table_headers_are_translated():
    labels = [*statuses.STATUS_LABELS_FR.values(), *statuses.SCHEDULE_KIND_LABELS_FR.values(),
              *statuses.TARGET_KIND_LABELS_FR.values(), *statuses.PER_LABELS_FR.values(),
              statuses.ON_TRACK_EXPLANATION_FR]
    assert [label for label in labels if not translated(label)] == []
    headers = ["Axe", "Moyens", "Comptés", "Réalisés ou en bonne voie", "En retard", "Avancement", "Pourquoi",
               "Échéance", "Échéancier", "Moyens portés", "Responsable", "Enregistrée le", "Par", "Corrigée"]
    assert [h for h in headers if not translated(h)] == []
