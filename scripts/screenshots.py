"""Pictures of the network page for the README, taken in Debian's chromium (offline).

    .venv/bin/python scripts/screenshots.py [--page graph/ashraf.html] [--out docs/images]

Writes three PNG files at 1280×800: the first view (``network-first-view.png``), the page
opened on a person's link (``network-focus.png``, ``#person/qassem-suleimani``), and the
evidence of one of that person's links (``network-evidence.png``). The page and the
browser being the same, the pictures are the same: rerun after ``ashraf-kg build``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--font-render-hinting=none"]
PERSON = "person/qassem-suleimani"
# The link whose evidence is shown: the alleged order, told by the Iranian resistance.
LINK = "[...document.querySelectorAll('#panel .links button')].find(b => b.textContent.includes('carried out by'))"


def take_pictures(page_path: Path, out: Path) -> list[Path]:
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    url = page_path.resolve().as_uri()
    written = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS, headless=True)
        for name, fragment in (("network-first-view.png", ""), ("network-focus.png", f"#{PERSON}")):
            page = browser.new_page(viewport={"width": 1280, "height": 800}, bypass_csp=True)
            page.route("**/*", lambda r: r.continue_() if r.request.url.split("#")[0] == url else r.abort())
            page.goto(url + fragment)
            page.wait_for_selector("#timeline-strip[data-ready='1']", state="attached")
            page.wait_for_timeout(600)  # the focus moves the view in 350 ms
            page.screenshot(path=str(out / name))
            written.append(out / name)
            if fragment:
                page.evaluate(f"{LINK}.click()")
                page.wait_for_selector("#panel[data-showing='edge']")
                page.evaluate("network.selectEdges([document.getElementById('panel').dataset.edge])")
                page.wait_for_timeout(300)
                page.screenshot(path=str(out / "network-evidence.png"))
                written.append(out / "network-evidence.png")
            page.close()
        browser.close()
    return written


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--page", type=Path, default=ROOT / "graph" / "ashraf.html")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "images")
    args = parser.parse_args(argv)
    for path in take_pictures(args.page, args.out):
        print(f"Wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
