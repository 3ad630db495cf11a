"""lib.ui.feedback.save_then_confirm alone (AppTest.from_function): a refused save shows its
errors and keeps what was typed; a saved one runs its follow-up, reruns and confirms once."""


def save_form():
    """A one-field form whose save refuses an empty name and otherwise returns it in capitals."""
    import streamlit as st

    from lib.core.errors import FormError
    from lib.ui import feedback

    def save():
        name = st.session_state["demo.name"].strip()
        if not name:
            raise FormError(["Le nom est obligatoire."])
        return name.upper()

    st.text_input("Nom", key="demo.name")
    st.session_state.setdefault("demo.runs", 0)
    st.session_state["demo.runs"] += 1
    if st.button("Enregistrer", key="demo.save"):
        def then(saved):  # keep what was saved, empty the field for the next entry
            st.session_state["demo.saved"] = saved
            st.session_state.pop("demo.name")

        feedback.save_then_confirm("demo", save, "Nom enregistré.", then=then)
        st.write("after the save")  # reached only when the save was refused
    feedback.show_confirmation("demo")


def test_a_refused_save_shows_its_errors_and_keeps_what_was_typed(widget_app):
    app = widget_app(save_form).run()
    app.text_input(key="demo.name").input("   ")
    app.button(key="demo.save").click().run()
    assert not app.exception, app.exception
    assert [e.value for e in app.error] == ["Le nom est obligatoire."]
    assert not app.success and "demo.saved" not in app.session_state
    assert app.text_input(key="demo.name").value == "   "
    assert [m.value for m in app.markdown] == ["after the save"]


def test_a_save_runs_its_follow_up_reruns_and_confirms_once(widget_app):
    app = widget_app(save_form).run()
    app.text_input(key="demo.name").input("Marie")
    app.button(key="demo.save").click().run()
    assert not app.exception, app.exception
    assert app.session_state["demo.saved"] == "MARIE"
    assert app.text_input(key="demo.name").value == ""  # the follow-up emptied the form
    assert [s.value for s in app.success] == ["Nom enregistré."]
    assert app.session_state["demo.runs"] == 3  # the first run, the click, the rerun
    assert not app.markdown  # nothing after the save ran
    app.run()
    assert not app.success  # shown once
