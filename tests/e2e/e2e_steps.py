"""Steps the browser tests share: finding elements by test id, signing in, reading PDFs."""

from __future__ import annotations

import re

from playwright.sync_api import Page

A4_POINTS = (595, 842)
_MEDIA_BOX = re.compile(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]")
_PAGE = re.compile(rb"/Type\s*/Page(?![s\w])")


def by_testid(name: str) -> str:
    return f"[data-testid='{name}']"


def sign_in(page: Page, user: str, password: str) -> None:
    page.fill(by_testid("signin-username"), user)
    page.fill(by_testid("signin-password"), password)
    page.click(by_testid("signin-submit"))


def pdf_page_sizes(pdf: bytes) -> list[tuple[int, int]]:
    """Each page's size in whole points, from the PDF's MediaBox entries."""
    return [(round(float(w)), round(float(h))) for w, h in _MEDIA_BOX.findall(pdf)]


def pdf_page_count(pdf: bytes) -> int:
    return len(_PAGE.findall(pdf))
