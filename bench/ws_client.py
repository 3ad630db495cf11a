"""A client of Streamlit's WebSocket protocol: what a browser tab sends and receives, without
drawing anything. It lets the concurrency benchmark load the server with 30 sessions on a 2-core
machine, where 30 Chromium tabs laying out Plotly charts would themselves take both cores and the
figures would measure the browser, not the app.

A session connects to /_stcore/stream, asks for script runs (BackMsg.rerun_script with the page's
script hash and the widget values a browser would send), and reads ForwardMsgs until the server
says the script stopped running. It keeps the elements of the last run by their delta path, so
that widgets can be found by their label and sent values.
"""
from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
from websockets.asyncio.client import connect

CONTEXT = {"locale": "fr-CA", "timezone": "America/Toronto", "timezone_offset": 300}


@dataclass
class Run:
    """What one script run sent back: elements by delta path, and how long it took."""
    elements: dict = field(default_factory=dict)
    ms: float = 0.0
    exceptions: list[str] = field(default_factory=list)

    def texts(self) -> list[str]:
        """The visible text of headings, alerts, markdown, text and toasts, in no particular order."""
        found = []
        for element in self.elements.values():
            kind = element.WhichOneof("type")
            body = getattr(element, kind, None)
            text = getattr(body, "body", None) or getattr(body, "text", None) if body is not None else None
            if isinstance(text, str) and text:
                found.append(text)
        return found

    def widget(self, kind: str, label: str):
        """The first element of `kind` (text_input, text_area, button, ...) whose label is `label`."""
        for element in self.elements.values():
            if element.WhichOneof("type") == kind and getattr(element, kind).label == label:
                return getattr(element, kind)
        raise LookupError(f"no {kind} labelled {label!r} in the run")


class Session:
    """One Streamlit session over the WebSocket protocol (the `websockets` client Streamlit itself
    depends on)."""

    def __init__(self, url: str):
        self.url = url.replace("http://", "ws://").rstrip("/") + "/_stcore/stream"
        self.connection = None
        self.pages: dict[str, str] = {}   # page title -> script hash, from the navigation message
        self.page_hash = ""

    async def connect(self) -> Run:
        self.connection = await connect(self.url, subprotocols=["streamlit"], max_size=256 << 20,
                                        open_timeout=60, ping_interval=None)
        return await self.run()

    async def close(self) -> None:
        if self.connection is not None:
            await self.connection.close()

    async def run(self, page: str | None = None, widgets: list[WidgetState] = (), timeout: float = 120) -> Run:
        """Ask for a script run (of `page`, a menu title, or of the page shown) with `widgets`' values,
        and read until the server stops running the script; returns the run's elements and time."""
        if page is not None:
            self.page_hash = self.pages[page]
        message = BackMsg()
        state = message.rerun_script
        state.page_script_hash = self.page_hash
        state.query_string = ""
        state.widget_states.widgets.extend(widgets)
        for key, value in CONTEXT.items():
            setattr(state.context_info, key, value)
        start = time.perf_counter()
        await self.connection.send(message.SerializeToString())
        outcome, finished = Run(), False
        deadline = time.monotonic() + timeout
        while True:
            raw = await asyncio.wait_for(self.connection.recv(), max(0.1, deadline - time.monotonic()))
            forward = ForwardMsg()
            forward.ParseFromString(raw)
            kind = forward.WhichOneof("type")
            if kind == "new_session":
                finished = False
                outcome.elements.clear()
                self.page_hash = forward.new_session.page_script_hash or self.page_hash
            elif kind == "navigation":
                self.pages = {page.page_name: page.page_script_hash for page in forward.navigation.app_pages}
                self.page_hash = forward.navigation.page_script_hash or self.page_hash
            elif kind == "delta" and forward.delta.WhichOneof("type") == "new_element":
                path = tuple(forward.metadata.delta_path)
                element = forward.delta.new_element
                outcome.elements[path] = element
                if element.WhichOneof("type") == "exception":
                    outcome.exceptions.append(element.exception.message)
            elif kind == "script_finished":
                # A run cut short by st.rerun() is followed by the next one: wait for that one's end.
                finished = forward.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN
            elif kind == "session_status_changed" and finished and not forward.session_status_changed.script_is_running:
                outcome.ms = (time.perf_counter() - start) * 1000
                return outcome


def text_value(widget, value: str) -> WidgetState:
    return WidgetState(id=widget.id, string_value=value)


def click(button) -> WidgetState:
    return WidgetState(id=button.id, trigger_value=True)


async def sign_in(session: Session, username: str, password: str) -> Run:
    """The sign-in form filled and submitted, as a browser would send it; raises if it is refused."""
    shown = await session.connect()
    form = [text_value(shown.widget("text_input", "Nom d’utilisateur"), username),
            text_value(shown.widget("text_input", "Mot de passe"), password),
            click(shown.widget("button", "Se connecter"))]
    await session.run(widgets=form)
    # In a browser the cookie component, once it has written the cookie, asks for the next run.
    signed_in = await session.run()
    if not any(element.WhichOneof("type") == "button" and element.button.label == "Se déconnecter"
               for element in signed_in.elements.values()):
        raise RuntimeError(f"{username} could not sign in: {signed_in.texts()[:3]}")
    return signed_in
