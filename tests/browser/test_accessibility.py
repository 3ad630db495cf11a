"""Every page, for every role, in real Chromium: no serious or critical axe-core violation."""
import pytest

from lib.core.i18n import translate
from lib.ui.navigation import specs_for
from tests.browser.helpers import axe_violations, describe, open_app, sign_in, wait_for_app


def visit_each_menu_page(page, role):
    """Click through the role's menu; yields each page title after it has rendered."""
    for spec in specs_for(role):
        title = translate(spec.title_fr, "fr")
        page.locator('a[data-testid="stSidebarNavLink"]', has_text=title).first.click()
        wait_for_app(page)
        yield title


@pytest.mark.parametrize("role", ["board", "staff", "admin", "ambassador"])
def test_every_page_of_the_role_passes_axe(lived_in_server, browser_page, role):
    sign_in(browser_page, lived_in_server, lived_in_server.accounts[role])
    problems, visited = {}, []
    for title in visit_each_menu_page(browser_page, role):
        visited.append(title)
        assert not browser_page.locator('[data-testid="stException"]').count(), f"{title} raised"
        violations = axe_violations(browser_page)
        if violations:
            problems[title] = violations
    assert visited, f"no page in the {role} menu: nothing was checked"
    assert not problems, describe(problems)


def test_signed_out_pages_pass_axe(lived_in_server, browser_page):
    open_app(browser_page, lived_in_server)
    problems, visited = {}, []
    for title in visit_each_menu_page(browser_page, None):
        visited.append(title)
        violations = axe_violations(browser_page)
        if violations:
            problems[title] = violations
    assert visited, "no page in the signed-out menu: nothing was checked"
    assert not problems, describe(problems)
