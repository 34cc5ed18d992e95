"""Shared browser-test steps: settling on a page, viewing it as a demo person, and clicking a download button and
getting its file, or the reason it gave none."""

from __future__ import annotations

from pathlib import Path

from app_server import READY

DOWNLOAD_WAIT = 120_000  # ms: a board pack draws its charts in a Chromium of its own, slow on a loaded 2-core runner


def download(page, button, timeout: int = DOWNLOAD_WAIT) -> Path:
    """Click a download button once the app is idle and return the downloaded file (named as the app named it).

    A deferred download that fails shows its reason under the button (stDownloadButtonError); that reason is the
    assertion's message, rather than a bare timeout.
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    page.wait_for_selector(READY, timeout=timeout)
    button.wait_for(state="visible", timeout=timeout)
    try:
        with page.expect_download(timeout=timeout) as info:
            button.click()
        got = Path(info.value.path())
        named = got.with_name(info.value.suggested_filename)
        got.rename(named)
        return named
    except PlaywrightTimeout:
        errors = page.locator('[data-testid="stDownloadButtonError"]')
        reasons = errors.all_inner_texts() if errors.count() else ["no error shown under the button"]
        raise AssertionError(f"no download within {timeout} ms: {'; '.join(reasons)}") from None


def keyed(page, key: str):
    """The button of the element a page drew with this Streamlit key (its container has the class st-key-KEY; a
    download button's container holds a second, unnamed button after it)."""
    return page.locator(f".st-key-{key} button").first


def settle(page, timeout: int = 60_000) -> None:
    """Wait until the app is connected, its script has finished and a page heading is drawn."""
    page.wait_for_selector(READY, timeout=timeout)
    page.wait_for_selector('[data-testid="stMain"] h1', timeout=timeout)
    page.wait_for_selector(READY, timeout=timeout)


def view_as(page, url: str, name: str) -> None:
    """Open a page as a demo person, chosen in the sidebar's "View as (demo only)" picker as a person does."""
    page.goto(url)
    settle(page)
    picker = page.get_by_test_id("stSidebar").get_by_role("combobox", name="View as (demo only)")
    picker.click()
    page.keyboard.type(name)
    page.get_by_role("option").filter(has_text=name).first.click()
    page.wait_for_url("**as=**")
    settle(page)


AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def still(page, timeout: int = 60_000) -> None:
    """Wait until the page is as a person settles on it: the script finished, no stale element left from the last run
    (out of the keyboard's reach until redrawn), fonts loaded (icons are laid out), and no CSS transition running (the
    sidebar slides and widens into place, longer on a loaded machine)."""
    page.wait_for_selector(READY, timeout=timeout)
    page.wait_for_function("() => !document.querySelector('[data-stale=\"true\"]')", timeout=timeout)
    page.evaluate("document.fonts.ready.then(() => true)")
    page.wait_for_function("() => document.getAnimations().length === 0", timeout=timeout)


def axe_violations(page) -> list[str]:
    """axe-core's WCAG 2.x A and AA violations on the page once it is still: 'rule (how many): first target …'."""
    from axe_playwright_python.sync_playwright import Axe

    still(page)
    found = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}}).response["violations"]
    return [f"{v['id']} ({len(v['nodes'])}): {v['nodes'][0]['target']} {v['nodes'][0]['failureSummary'][:160]}"
            for v in found]
