"""In Chromium at 1400×1000 over the demo: the item and campaign tables show what matters
without sideways scrolling: the headers of status, parties, period, date and author, and the
last word of the longest title, all inside the viewport."""
from tests.browser.helpers import open_app, sign_in, wait_for_app

WIDTH, HEIGHT = 1400, 1000

# The boxes (left, top, right, bottom) of a table's headers named in `names`, after scrolling the
# table into view; with the width of its scrolling wrapper and of its content.
_FIND = """(heading) => {
  const main = document.querySelector('[data-testid="stMain"]');
  const title = [...main.querySelectorAll('h1, h2, h3, h4, strong')].find(h => h.innerText.trim() === heading);
  const tables = [...main.querySelectorAll('[data-testid="stTable"]')];
  return title && tables.find(t => t.offsetWidth > 0  // shown: not in a closed tab or expander
                                   && title.compareDocumentPosition(t) & Node.DOCUMENT_POSITION_FOLLOWING);
}"""
_TABLE = """([heading, names]) => {
  const main = document.querySelector('[data-testid="stMain"]');
  const table = (""" + _FIND + """)(heading);
  table.scrollIntoView({block: 'start'});
  const headers = {};
  for (const th of table.querySelectorAll('th')) {
    if (names.includes(th.innerText.trim())) {
      const b = th.getBoundingClientRect();
      headers[th.innerText.trim()] = [b.left, b.top, b.right, b.bottom];
    }
  }
  const wrapper = table.querySelector('table').parentElement;
  return {headers, scroll: [wrapper.scrollWidth, wrapper.clientWidth, main.scrollWidth, main.clientWidth],
          cells: [...table.querySelectorAll('tbody tr td:first-child')].map(td => td.innerText.trim())};
}"""

# The box of the last word of `text` where it shows in the page's main area, scrolled into view.
_LAST_WORD = """(text) => {
  const word = text.trim().split(/\\s+/).pop();
  const walker = document.createTreeWalker(document.querySelector('[data-testid="stMain"]'), NodeFilter.SHOW_TEXT);
  let node;
  while ((node = walker.nextNode())) {
    if (node.data.replace(/\\s+/g, ' ').trim() === text.replace(/\\s+/g, ' ').trim()) {
      node.parentElement.scrollIntoView({block: 'center'});
      const i = node.data.lastIndexOf(word);
      const range = document.createRange();
      range.setStart(node, i);
      range.setEnd(node, i + word.length);
      const b = range.getBoundingClientRect();
      if (b.width > 0) return [b.left, b.top, b.right, b.bottom];  // not a hidden copy (a11y grid, option)
    }
  }
  return null;
}"""


def _inside(box) -> bool:
    left, top, right, bottom = box
    return left >= 0 and top >= 0 and right <= WIDTH and bottom <= HEIGHT and right > left


def assert_table_reads_whole(page, heading: str, names: list[str]) -> list[str]:
    """The table under `heading` shows the headers `names` and the last word of its longest
    first-column text inside the viewport, with nothing to scroll sideways; returns its first column."""
    page.wait_for_function(_FIND, arg=heading)  # drawn (a rerun may still be under way)
    found = page.evaluate(_TABLE, [heading, names])
    assert sorted(found["headers"]) == sorted(names), (heading, found["headers"])
    for name, box in found["headers"].items():
        assert _inside(box), (heading, name, box)
    wrapper_scroll, wrapper_width, main_scroll, main_width = found["scroll"]
    assert wrapper_scroll <= wrapper_width and main_scroll <= main_width, (heading, found["scroll"])
    longest = max(found["cells"], key=len)
    box = page.evaluate(_LAST_WORD, longest)
    assert box is not None and _inside(box), (heading, longest, box)
    return found["cells"]


def assert_grids_fit(page) -> None:
    """Every grid (st.dataframe) shown (not in a hidden tab) has nothing to scroll sideways and
    lies inside the viewport."""
    grids = page.locator('[data-testid="stDataFrame"]')
    shown = [grids.nth(i) for i in range(grids.count())
             if grids.nth(i).evaluate("g => g.getClientRects().length > 0 && g.offsetWidth > 0")]
    assert shown
    for index, grid in enumerate(shown):
        grid.scroll_into_view_if_needed()
        grid.locator(".dvn-scroller").wait_for(state="attached")  # drawn
        widths = grid.evaluate("g => { const s = g.querySelector('.dvn-scroller'); "
                               "return [s.scrollWidth, s.clientWidth]; }")
        assert widths[0] <= widths[1], (index, widths)
        box = grid.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= WIDTH, (index, box)


def test_the_boards_tables_show_status_parties_dates_and_whole_titles(lived_in_server, browser_page):
    page = browser_page
    sign_in(page, lived_in_server, lived_in_server.accounts["board"])
    open_app(page, lived_in_server, "vue-ensemble")
    late = assert_table_reads_whole(page, "En retard", ["Moyen", "Statut", "Responsables", "En retard depuis"])
    assert any(len(text) > 60 for text in late)  # a title longer than a one-line cell would show
    assert_table_reads_whole(page, "Dernières mises à jour",
                             ["Moyen", "Statut", "Date du travail", "Enregistrée le", "Par"])

    open_app(page, lived_in_server, "plan")
    first_action = page.locator('[data-testid="stMain"] h3').first.inner_text().strip()
    assert_table_reads_whole(page, first_action, ["Moyen", "Statut", "Responsables", "Échéance", "Période"])
    history = assert_table_reads_whole(page, "Historique complet", ["N°", "Statut", "Date du travail",
                                                                    "Enregistrée le", "Par"])
    assert history and all(cell.isdigit() for cell in history)


def test_staffs_grids_fit_and_the_chosen_items_whole_text_is_below(lived_in_server, browser_page):
    page = browser_page
    sign_in(page, lived_in_server, lived_in_server.accounts["staff"])
    open_app(page, lived_in_server, "mises-a-jour")
    page.wait_for_function("() => [...document.querySelectorAll('[data-testid=\"stDataFrame\"] th')]"
                           ".some(th => th.textContent.trim() === 'Période')")  # the grid is drawn
    headers = [h.strip() for h in page.locator('[data-testid="stDataFrame"] th').all_text_contents()]
    assert {"Statut", "Responsables", "Période", "Échéance"} <= set(headers), headers
    assert_grids_fit(page)  # every header of the grid is inside it: nothing to scroll sideways
    page.get_by_label("Rechercher un moyen").fill("table ronde grand public")
    page.keyboard.press("Enter")
    wait_for_app(page)
    title = page.locator('[data-testid="stMain"] h3').first.inner_text().strip()
    assert len(title) > 60
    assert _inside(page.evaluate(_LAST_WORD, title))
    assert_table_reads_whole(page, "Historique du moyen", ["Statut", "Date du travail", "Enregistrée le", "Par"])

    open_app(page, lived_in_server, "ambassadeurs")
    assert_grids_fit(page)
    page.get_by_role("tab", name="Microsite et exports").click()
    wait_for_app(page)
    assert_grids_fit(page)
    page.get_by_role("tab", name="Suivi des rapports").click()
    wait_for_app(page)
    assert_grids_fit(page)

    open_app(page, lived_in_server, "campagne")
    page.get_by_role("tab", name="D’une année à l’autre").click()
    wait_for_app(page)
    assert_table_reads_whole(page, "Campagne", ["Campagne", "Début", "Ambassadeurs approuvés",
                                                 "Auditoire de l’organisateur"])
