"""The frame: a database held by another process gives a clear message, not a traceback."""
import subprocess
import sys

from streamlit.testing.v1 import AppTest

from tests.conftest import APP_TIMEOUT, ROOT


def test_app_says_clearly_when_another_process_holds_the_database(tmp_path, monkeypatch, seeded_copy):
    path = seeded_copy(tmp_path / "held.duckdb")
    holder = subprocess.Popen([sys.executable, "-c", f"import duckdb, time; c = duckdb.connect({str(path)!r}); "
                               "print('ready', flush=True); time.sleep(60)"], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        monkeypatch.setenv("ROCSMO_DB", str(path))
        import streamlit as st
        st.cache_resource.clear()
        app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=APP_TIMEOUT).run()
        assert not app.exception
        assert any("déjà ouverte par un autre processus" in e.value for e in app.error)
        assert any("already open in another process" in i.value for i in app.info)
    finally:
        holder.kill()
        st.cache_resource.clear()
