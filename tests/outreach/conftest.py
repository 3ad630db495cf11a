"""A real SMTP server on the loopback interface (aiosmtpd), for the outbox's tests."""
from __future__ import annotations

import socket
import threading
from email import message_from_bytes, policy

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import Envelope

from lib.outreach.config import SmtpConfig


class Mailbox:
    """What the server received (each message parsed) and how it should answer."""

    def __init__(self):
        self.messages = []
        self.refuse_with: str | None = None   # e.g. "451 4.3.0 Try again later"
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope: Envelope):
        if self.refuse_with:
            return self.refuse_with
        with self.lock:
            self.messages.append((envelope.rcpt_tos, message_from_bytes(envelope.content, policy=policy.default)))
        return "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp_server():
    """aiosmtpd's Controller on a free port of 127.0.0.1; yields (mailbox, SmtpConfig)."""
    mailbox = Mailbox()
    port = free_port()
    controller = Controller(mailbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield mailbox, SmtpConfig(host="127.0.0.1", port=port, security="none", sender="tableau@rocsmo.example.org",
                                  timeout=5)
    finally:
        controller.stop()


@pytest.fixture
def smtp_down():
    """An SMTP configuration pointing at a loopback port nobody listens on."""
    return SmtpConfig(host="127.0.0.1", port=free_port(), security="none", sender="tableau@rocsmo.example.org",
                      timeout=2)
