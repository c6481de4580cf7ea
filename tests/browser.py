"""Headless Chromium for tests that check what a person sees in a generated HTML file.

Uses Debian's chromium (installed by .ci/run). `render(path)` returns the DOM after scripts
ran; `pdf(path, out)` prints the page as the browser would (A4 by the page's @page rule).
Tests that need it are skipped, not failed, when no Chromium is installed outside CI.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage"]


def chromium() -> str:
    exe = shutil.which("chromium") or shutil.which("chromium-browser")
    if not exe:
        if os.environ.get("CI"):
            pytest.fail("Chromium is not installed; .ci/run installs it (apt-get install chromium)")
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    return exe


def _run(args: list[str], timeout: int = 60) -> subprocess.CompletedProcess[str]:
    with tempfile.TemporaryDirectory() as profile:
        return subprocess.run([chromium(), *FLAGS, f"--user-data-dir={profile}", *args],
                              capture_output=True, text=True, timeout=timeout, check=False)


def render(page: Path) -> str:
    """The page's DOM as serialised by Chromium after loading it from the file system."""
    done = _run(["--virtual-time-budget=5000", "--dump-dom", page.resolve().as_uri()])
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def pdf(page: Path, out: Path) -> Path:
    """Print the page to PDF with Chromium; returns the PDF's path."""
    done = _run(["--no-pdf-header-footer", f"--print-to-pdf={out}", page.resolve().as_uri()])
    assert out.exists() and out.stat().st_size > 0, done.stderr[-2000:]
    return out


def screenshot(page: Path, out: Path, width: int = 1280, height: int = 1600) -> Path:
    done = _run([f"--window-size={width},{height}", f"--screenshot={out}",
                 page.resolve().as_uri()])
    assert out.exists(), done.stderr[-2000:]
    return out


def pdf_pages(printed: bytes) -> int:
    """The number of pages of a PDF (pypdf when installed, else its page objects)."""
    try:
        from pypdf import PdfReader
    except ImportError:
        return len(re.findall(rb"/Type\s*/Page(?![A-Za-z])", printed))
    import io

    return len(PdfReader(io.BytesIO(printed)).pages)


@contextmanager
def opened_alone(browser: Any, path: Path) -> Iterator[tuple[Any, list[str]]]:
    """A Playwright page with the file `path` loaded and every other request refused and
    recorded (another file too: `//host/x` on a file page is `file://host/x`): (the page,
    the addresses it asked for)."""
    own = path.resolve().as_uri()
    asked: list[str] = []

    def refuse(route: Any) -> None:
        if route.request.url == own:
            route.continue_()
        else:
            asked.append(route.request.url)
            route.abort()

    context = browser.new_context()
    context.route("**/*", refuse)
    try:
        page = context.new_page()
        page.goto(own)
        page.wait_for_load_state("load")
        yield page, asked
    finally:
        context.close()
