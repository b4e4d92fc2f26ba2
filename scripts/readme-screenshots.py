"""Screenshots of the README (docs/img/): the search page and a record page of a running portal.

    .venv/bin/python scripts/readme-screenshots.py [http://127.0.0.1:8000]

Run it against `make run` (demo records) after a visible change to those pages.
"""

from __future__ import annotations

import sys
from pathlib import Path

import requests
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests.chromium import CHROMIUM, CHROMIUM_ARGS  # noqa: E402 - the tests' launch settings, one place

OUT = ROOT / "docs" / "img"


def main(base: str) -> None:
    answer = requests.get(f"{base}/api/records/", params={"q": "ocean", "page_size": 1, "facets": "false"}, timeout=30)
    answer.raise_for_status()
    first = answer.json()["results"][0]
    record_url = f"{base}/records/{first['id']}/"
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="en-GB")
        page.goto(f"{base}/search/?q=ocean", wait_until="networkidle")
        page.screenshot(path=str(OUT / "search.png"))
        page.goto(record_url, wait_until="networkidle")
        page.screenshot(path=str(OUT / "record.png"))
        browser.close()
    print(f"wrote {OUT / 'search.png'} and {OUT / 'record.png'} (record {first['id']})")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000")
