"""Every page opens for a role allowed to use it, without an exception."""
import pytest

from lib.ui.navigation import PAGES


@pytest.mark.parametrize("spec", PAGES, ids=lambda spec: spec.url_path)
def test_page_renders_for_an_allowed_role(app_for, spec):
    role = sorted(spec.roles)[0]
    app = app_for(role, spec.path)
    assert not app.exception, app.exception
    assert not [e for e in app.error if "Accès refusé" in e.value]
