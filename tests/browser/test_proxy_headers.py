"""The headers of deploy/nginx.conf.example do not break the app: with them on every
response, a board member signs in (the cookie component, a same-origin frame, loads) and the
overview draws its charts, and Chromium reports no Content-Security-Policy violation."""
from __future__ import annotations

import re

import pytest

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, ROOT
from tests.browser.helpers import open_app, sign_in

NGINX = (ROOT / "deploy" / "nginx.conf.example").read_text(encoding="utf-8")
# Responses fulfilled by Playwright have no address space: Chromium's local-network checks would
# then block the WebSocket to 127.0.0.1, which a real proxy does not meet.
NO_LOCAL_NETWORK_CHECKS = "--disable-features=LocalNetworkAccessChecks,BlockInsecurePrivateNetworkRequests"


@pytest.fixture
def proxied_page():
    from playwright.sync_api import sync_playwright

    headers = dict(re.findall(r'add_header\s+([\w-]+)\s+"([^"]+)"\s+always;', NGINX))
    headers.pop("Strict-Transport-Security")  # the test server speaks plain HTTP
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                              args=[*CHROMIUM_ARGS, NO_LOCAL_NETWORK_CHECKS])
        page = chromium.new_context(locale="fr-CA").new_page()
        page.set_default_timeout(20_000)

        def with_headers(route):
            response = route.fetch()
            route.fulfill(response=response, headers={**response.headers, **headers})

        page.route("**/*", with_headers)
        yield page
        chromium.close()


def test_the_sample_proxy_headers_keep_the_app_working(live_server, proxied_page):
    messages = []
    proxied_page.on("console", lambda message: messages.append(message.text))
    sign_in(proxied_page, live_server, live_server.accounts["board"])  # waits for the signed-in menu
    open_app(proxied_page, live_server, "vue-ensemble")
    proxied_page.locator('[data-testid="stPlotlyChart"]').first.wait_for()
    assert proxied_page.evaluate("document.querySelector('[data-testid=stPlotlyChart] svg') !== null")
    violations = [text for text in messages if "Content Security Policy" in text]
    assert violations == []
