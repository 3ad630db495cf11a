"""Sauvegardes: a consistent copy of the database made by DuckDB while the app runs (admin)."""
import streamlit as st

from lib.accounts import backups
from lib.core import roles
from lib.core.backup import BackupError
from lib.core.i18n import format_datetime, format_number
from lib.ui import session
from lib.ui.layout import escape_markdown

admin = session.require_role(roles.ADMINS)
t = session.t
db = session.get_db()
lang = session.language()
directory = backups.backup_directory(db)

st.title(t("Sauvegardes"))
st.write(t("Une sauvegarde est une copie complète et cohérente de la base de données, faite par DuckDB "
           "sans arrêter l’application, puis vérifiée (tables et nombres de lignes) avant d’être listée. "
           "L’application en fait une chaque jour et garde les plus récentes (voir Paramètres). Pour restaurer, "
           "arrêtez l’application et utilisez « python -m lib.cli restore » (voir le README)."))
if st.button(t("Faire une sauvegarde maintenant"), type="primary", key="backups.create"):
    try:
        path = backups.create_backup(db, actor=admin.username, directory=directory)
        st.success(t("Sauvegarde écrite et vérifiée : {name}", name=path.name))
    except (BackupError, OSError):
        st.error(t("La sauvegarde n’a pas pu être écrite ou vérifiée (espace disque?). Aucune copie "
                   "incomplète n’est listée; réessayez ou consultez le journal du serveur."))

listing = backups.list_backups(directory)
if not listing:
    st.info(t("Aucune sauvegarde pour l’instant."))
for item in listing:
    columns = st.columns([3, 2, 2])
    columns[0].text(item.name)
    columns[1].text(t("{moment} · {size} Ko", moment=format_datetime(item.made_at, lang),
                      size=format_number(item.size_kb, lang)))
    # The file is read only when clicked (data=a callable), never to list it.
    columns[2].download_button(t("Télécharger"), item.path.read_bytes, item.name, "application/octet-stream",
                               key=f"backups.download.{item.name}")
unverified = backups.unverified_files(directory)
if unverified:
    st.warning(t("Fichiers ignorés (copie non vérifiée ou incomplète, à ne pas restaurer) : {names}",
                 names=escape_markdown(", ".join(unverified))))
