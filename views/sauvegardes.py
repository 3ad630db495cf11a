"""Sauvegardes: a consistent copy of the database made by DuckDB while the app runs (admin)."""
import streamlit as st

from lib.accounts import backups
from lib.core import roles
from lib.core.i18n import format_datetime, format_number
from lib.ui import session

admin = session.require_role(roles.ADMINS)
t = session.t
db = session.get_db()

st.title(t("Sauvegardes"))
st.write(t("Une sauvegarde est une copie complète et cohérente de la base de données, faite par DuckDB "
           "sans arrêter l’application. Pour restaurer, arrêtez l’application et pointez ROCSMO_DB "
           "vers le fichier (voir le README)."))
if st.button(t("Faire une sauvegarde maintenant"), type="primary", key="backups.create"):
    path = backups.create_backup(db, actor=admin.username)
    st.success(t("Sauvegarde écrite : {name}", name=path.name))

listing = backups.list_backups()
if not listing:
    st.info(t("Aucune sauvegarde pour l’instant."))
for item in listing:
    columns = st.columns([3, 2, 2])
    columns[0].text(item.name)
    columns[1].text(t("{moment} · {size} Ko", moment=format_datetime(item.made_at, session.language()),
                      size=format_number(item.size_kb, session.language())))
    columns[2].download_button(t("Télécharger"), item.path.read_bytes(), item.name, "application/octet-stream",
                               key=f"backups.download.{item.name}")
