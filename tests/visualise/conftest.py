"""Debian's chromium, started once per test module, offline, headless."""

from __future__ import annotations

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


class Visit:
    """A page opened from disk, recording console errors, dialogs and every request."""

    def __init__(self, browser, path, *, fragment: str = "", size=(1280, 800)):
        self.errors, self.dialogs, self.requests = [], [], []
        # Playwright waits by evaluating text, which the page's own policy forbids.
        self.page = browser.new_page(viewport={"width": size[0], "height": size[1]}, bypass_csp=True)
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", self._dialog)
        self.page.route("**/*", self._route)
        self.url = path.resolve().as_uri()
        self.page.goto(self.url + fragment)
        self.page.wait_for_selector("body[data-ready='1']", timeout=30_000)

    def _dialog(self, dialog):
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def _route(self, route):
        url = route.request.url
        if url.split("#")[0] != self.url:
            self.requests.append(url)
            route.abort()
        else:
            route.continue_()

    def js(self, expression: str, arg=None):
        return self.page.evaluate(expression, arg)

    def close(self):
        self.page.close()


@pytest.fixture(scope="module")
def visit(browser):
    """Open pages, closing each at the end of the module."""
    opened = []

    def open_page(path, **kwargs):
        opened.append(Visit(browser, path, **kwargs))
        return opened[-1]

    yield open_page
    for page in opened:
        page.close()
