"""Which pages exist and which roles may open them: the one table the router reads.

Pages re-check their own role (lib.ui.session.require_role) so that this table is a
menu, not the only lock.
"""
from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from lib.core.i18n import N_, translate
from lib.core.roles import ADMINS, AMBASSADORS, EVERYONE, READERS, STAFF


@dataclass(frozen=True)
class PageSpec:
    path: str
    title_fr: str
    icon: str
    roles: frozenset
    section_fr: str
    url_path: str


PAGES: tuple[PageSpec, ...] = (
    PageSpec("pages/plan/vue_ensemble.py", N_("Vue d’ensemble"),
             ":material/dashboard:", READERS, "Plan d’action", "vue-ensemble"),
    PageSpec("pages/plan/plan_action.py", N_("Plan d’action"),
             ":material/account_tree:", READERS, "Plan d’action", "plan"),
    PageSpec("pages/plan/mises_a_jour.py", N_("Mises à jour"),
             ":material/edit_note:", STAFF, "Plan d’action", "mises-a-jour"),
    PageSpec("pages/plan/rapports.py", N_("Rapports"),
             ":material/description:", READERS, "Plan d’action", "rapports"),
    PageSpec("pages/campaign/mon_entente.py", N_("Mon entente"),
             ":material/handshake:", AMBASSADORS, "Campagne", "mon-entente"),
    PageSpec("pages/campaign/rapport_retombees.py", N_("Rapport de retombées"),
             ":material/summarize:", AMBASSADORS, "Campagne", "rapport"),
    PageSpec("pages/campaign/campagne.py", N_("Campagne"),
             ":material/campaign:", EVERYONE, "Campagne", "campagne"),
    PageSpec("pages/campaign/ambassadeurs.py", N_("Ambassadeurs"),
             ":material/groups:", STAFF, "Campagne", "ambassadeurs"),
    PageSpec("pages/campaign/nos_ambassadeurs.py", N_("Nos ambassadeurs"),
             ":material/diversity_1:", EVERYONE, "Campagne", "nos-ambassadeurs"),
    PageSpec("pages/campaign/envois.py", N_("Envois"),
             ":material/outgoing_mail:", STAFF, "Campagne", "envois"),
    PageSpec("pages/admin/utilisateurs.py", N_("Utilisateurs"),
             ":material/group:", ADMINS, "Administration", "utilisateurs"),
    PageSpec("pages/admin/journal.py", N_("Journal"),
             ":material/history:", ADMINS, "Administration", "journal"),
    PageSpec("pages/admin/sauvegardes.py", N_("Sauvegardes"),
             ":material/backup:", ADMINS, "Administration", "sauvegardes"),
    PageSpec("pages/admin/parametres.py", N_("Paramètres"),
             ":material/settings:", ADMINS, "Administration", "parametres"),
    PageSpec("pages/account/mon_compte.py", N_("Mon compte"),
             ":material/person:", EVERYONE, "Compte", "compte"),
)

SIGNED_OUT_PAGES: tuple[PageSpec, ...] = (
    PageSpec("pages/account/connexion.py", N_("Connexion"),
             ":material/login:", frozenset(), "", "connexion"),
    PageSpec("pages/campaign/devenir_ambassadeur.py", N_("Devenir ambassadeur"),
             ":material/volunteer_activism:", frozenset(), "", "devenir-ambassadeur"),
    PageSpec("pages/campaign/nos_ambassadeurs.py", N_("Nos ambassadeurs"),
             ":material/diversity_1:", frozenset(), "", "nos-ambassadeurs"),
)

FIRST_RUN_PAGE = PageSpec("pages/account/premier_demarrage.py", N_("Premier démarrage"), ":material/rocket_launch:",
                          frozenset(), "", "premier-demarrage")


def specs_for(role: str | None) -> list[PageSpec]:
    """The page specs a role may open, in menu order (signed-out pages for None)."""
    if role is None:
        return list(SIGNED_OUT_PAGES)
    return [spec for spec in PAGES if role in spec.roles]


def _page(spec: PageSpec, lang: str, default: bool = False) -> st.Page:
    # The default page reserves a pathname of its own, distinct from its hidden twin's.
    return st.Page(spec.path, title=translate(spec.title_fr, lang), icon=spec.icon,
                   url_path=f"{spec.url_path}-accueil" if default else spec.url_path, default=default)


def navigation_for(role: str | None, lang: str) -> list[st.Page]:
    """st.navigation's argument: the pages a role may open (signed-out pages for None).

    A flat list on purpose: Streamlit's sectioned menu puts <div>s inside its <ul>,
    which axe-core reports as a serious accessibility violation.
    """
    specs = specs_for(role)
    pages = [_page(spec, lang, default=index == 0) for index, spec in enumerate(specs)]
    if specs:
        # Streamlit serves the default page at "/" only, and answers its own link
        # (/connexion, /vue-ensemble) with a "Page not found" dialog: a hidden twin
        # serves that link.
        first = specs[0]
        pages.append(st.Page(first.path, title=translate(first.title_fr, lang), icon=first.icon,
                             url_path=first.url_path, visibility="hidden"))
    return pages


LINK_PAGES = {"report": "pages/campaign/rapport_retombees.py"}  # what a one-click link's purpose opens


def link_navigation(purpose: str, lang: str) -> list[st.Page]:
    """The one page a session opened by a one-click link may see."""
    spec = next(spec for spec in PAGES if spec.path == LINK_PAGES[purpose])
    return [_page(spec, lang, default=True)]


def first_run_navigation(lang: str) -> list[st.Page]:
    """The only page while no account exists: create the administrator."""
    return [_page(FIRST_RUN_PAGE, lang, default=True)]
