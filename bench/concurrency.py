"""Concurrency: N sessions with 2–5 s of think time, a third of them staff recording updates,
against one app server. Prints p50/p95 click-to-idle, errors, the server's peak and settled
memory, and whether every update the app acknowledged is in the database afterwards.

Two clients: `ws` (default) speaks Streamlit's WebSocket protocol (bench/ws_client.py) and measures
from the menu click's message to the end of the script run, the server's side of a click; `browser`
drives Chromium contexts and measures to the page being idle, drawing included. On a 2-core machine
30 Chromium tabs take the cores themselves, so `browser` measures the client as much as the app.
"""
from __future__ import annotations

import asyncio
import contextlib
import random
import threading
import time
import uuid

from bench import ws_client
from bench.browser_clicks import DONE, IDLE, MAIN_PAGES, OBSERVE
from bench.machine import median, percentile, rss_mb
from bench.servers import CHROMIUM, CHROMIUM_ARGS

SAVED = "Mise à jour enregistrée"  # the start of the confirmation under the form


class MemorySampler(threading.Thread):
    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid, self.samples, self.running = pid, [], True

    def run(self) -> None:
        while self.running:
            self.samples.append(rss_mb(self.pid))
            time.sleep(0.5)


_PATHS = {"Vue d’ensemble": ("/", "/vue-ensemble"), "Plan d’action": ("/plan",), "Campagne": ("/campagne",),
          "Mises à jour": ("/mises-a-jour",)}


def _is_shown(name: str, pathname: str) -> bool:
    return pathname.rstrip("/") in tuple(p.rstrip("/") for p in _PATHS.get(name, ())) or (
        pathname in ("/", "") and name == "Vue d’ensemble")


async def _sign_in(page, url: str, username: str, password: str) -> None:
    await page.goto(url)
    await page.wait_for_selector(IDLE, timeout=120_000)
    await page.get_by_label("Nom d’utilisateur").fill(username)
    await page.get_by_label("Mot de passe").fill(password)
    signed_in = page.get_by_role("button", name="Se déconnecter")
    for _ in range(3):
        await page.get_by_role("button", name="Se connecter").click()
        try:
            await signed_in.wait_for(timeout=60_000)
            return
        except Exception:  # noqa: BLE001 - retried
            continue
    raise RuntimeError(f"{username} could not sign in")


async def _click(page, name: str) -> float:
    await page.evaluate(OBSERVE)
    t0, before = await page.evaluate("() => [performance.now(), location.pathname]")
    await page.locator('a[data-testid="stSidebarNavLink"]').filter(has_text=name).first.click()
    handle = await page.wait_for_function(DONE, arg=[t0, before], timeout=120_000, polling=20)
    return float(await handle.json_value())


async def _record_update(page, token: str) -> float:
    """On Mises à jour: a note with `token`, saved; ms from the click to the confirmation."""
    await page.get_by_label("Note", exact=True).fill(f"Charge {token}")
    start = time.perf_counter()
    await page.get_by_role("button", name="Enregistrer la mise à jour").click()
    await page.get_by_text(SAVED).first.wait_for(timeout=120_000)
    await page.wait_for_selector(IDLE, timeout=120_000)
    return (time.perf_counter() - start) * 1000


async def _session(browser, index: int, role: str, url: str, accounts: dict, password: str, seconds: float,
                   clicks: list, saves: list, acknowledged: list, errors: list, rng: random.Random) -> None:
    context = await browser.new_context(viewport={"width": 1400, "height": 1000}, locale="fr-CA")
    context.set_default_timeout(120_000)
    page = await context.new_page()
    try:
        await _sign_in(page, url, accounts[role], password)
        until = time.monotonic() + seconds  # each session works `seconds` once signed in
        while time.monotonic() < until:
            await asyncio.sleep(rng.uniform(2, 5))
            if role == "staff" and rng.random() < 0.5:
                if await page.get_by_role("button", name="Enregistrer la mise à jour").count() == 0:
                    clicks.append(await _click(page, "Mises à jour"))
                token = uuid.uuid4().hex[:12]
                saves.append(await _record_update(page, token))
                acknowledged.append(token)
            else:  # another page than the one shown: clicking the current one starts no rerun
                shown = await page.evaluate("() => location.pathname")
                choices = [name for name in MAIN_PAGES[role] if not _is_shown(name, shown)]
                clicks.append(await _click(page, rng.choice(choices)))
    except Exception as error:  # noqa: BLE001 - counted and printed
        errors.append(f"session {index} ({role}): {type(error).__name__}: {str(error)[:160]}")
    finally:
        await context.close()


async def _ws_session(index: int, role: str, url: str, accounts: dict, password: str, seconds: float,
                      clicks: list, saves: list, acknowledged: list, errors: list, rng: random.Random) -> None:
    """The same session as `_session`, over Streamlit's WebSocket protocol."""
    session = ws_client.Session(url)
    try:
        await ws_client.sign_in(session, accounts[role], password)
        shown_page = "Vue d’ensemble"
        until = time.monotonic() + seconds
        while time.monotonic() < until:
            await asyncio.sleep(rng.uniform(2, 5))
            if role == "staff" and rng.random() < 0.5:
                if shown_page != "Mises à jour":
                    shown = await session.run("Mises à jour")
                    clicks.append(shown.ms)
                    shown_page = "Mises à jour"
                token = uuid.uuid4().hex[:12]
                form = [ws_client.text_value(shown.widget("text_area", "Note"), f"Charge {token}"),
                        ws_client.click(shown.widget("button", "Enregistrer la mise à jour"))]
                shown = await session.run(widgets=form)
                if not any(text.startswith(SAVED) for text in shown.texts()):
                    raise RuntimeError(f"no confirmation after saving: {shown.texts()[-3:]}")
                saves.append(shown.ms)
                acknowledged.append(token)
            else:
                shown_page = rng.choice([name for name in MAIN_PAGES[role] if name != shown_page])
                shown = await session.run(shown_page)
                clicks.append(shown.ms)
            if shown.exceptions:
                raise RuntimeError(f"exception on {shown_page}: {shown.exceptions[0][:160]}")
    except Exception as error:  # noqa: BLE001 - counted and printed
        errors.append(f"session {index} ({role}): {type(error).__name__}: {str(error)[:160]}")
    finally:
        await session.close()


async def _run(url: str, accounts: dict, password: str, sessions: int, seconds: float, client: str) -> dict:
    rng = random.Random(2026)
    clicks, saves, acknowledged, errors = [], [], [], []
    roles = ["staff" if i % 3 == 0 else "board" for i in range(sessions)]
    async with contextlib.AsyncExitStack() as stack:
        if client == "browser":
            from playwright.async_api import async_playwright

            playwright = await stack.enter_async_context(async_playwright())
            browser = await playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            stack.push_async_callback(browser.close)
        tasks = []
        for index, role in enumerate(roles):
            shared = (index, role, url, accounts, password, seconds, clicks, saves, acknowledged, errors,
                      random.Random(rng.random()))
            session = _session(browser, *shared) if client == "browser" else _ws_session(*shared)
            tasks.append(asyncio.create_task(session))
            await asyncio.sleep(0.3)  # sessions arrive over a few seconds, as people do
        await asyncio.gather(*tasks)
    return {"clicks": clicks, "saves": saves, "acknowledged": acknowledged, "errors": errors}


def run(server, accounts: dict, password: str, sessions: int, seconds: float, settle: float,
        client: str = "ws") -> list[str]:
    """Drive `sessions` sessions for `seconds` against `server` and print the figures; returns
    the tokens of the updates the app confirmed (the caller looks for them once the server stopped)."""
    # The baseline is a server that has served one session (modules loaded, caches filled), so
    # that "back within 20 % of its start" compares like with like.
    asyncio.run(_run(server.url, accounts, password, 1, 3, client))
    sampler = MemorySampler(server.pid)
    sampler.start()
    start_mb = rss_mb(server.pid)
    outcome = asyncio.run(_run(server.url, accounts, password, sessions, seconds, client))
    time.sleep(settle)
    settled_mb = rss_mb(server.pid)
    sampler.running = False
    peak = max(sampler.samples) if sampler.samples else float("nan")
    clicks, saves = outcome["clicks"], outcome["saves"]
    print(f"\nconcurrency: {sessions} sessions ({sessions // 3 + (sessions % 3 > 0)} staff) for {seconds:.0f} s, "
          f"2–5 s think time, {client} client")
    print(f"  clicks: {len(clicks)}, click to idle p50 {median(clicks):.0f} ms, p95 {percentile(clicks, 0.95):.0f} ms")
    print(f"  updates saved: {len(saves)}, click to confirmation p50 {median(saves):.0f} ms, "
          f"p95 {percentile(saves, 0.95):.0f} ms")
    print(f"  errors: {len(outcome['errors'])}")
    for error in outcome["errors"][:5]:
        print(f"    {error}")
    print(f"  server memory: start {start_mb:.0f} MB, peak {peak:.0f} MB, {settle:.0f} s after the sessions closed "
          f"{settled_mb:.0f} MB ({(settled_mb / start_mb - 1) * 100:+.0f} % of the start)")
    return outcome["acknowledged"]
