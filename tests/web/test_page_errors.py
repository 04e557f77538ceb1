"""Pages answer invalid input with 422 and a Vietnamese notice, and carry the security
headers."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

import web as web_package

ENGLISH = re.compile(r"\b(?:Input|should|Field required|valid|Not Found|Method Not)\b")


@pytest.mark.parametrize("path", ["/", "/ket-qua"])
@pytest.mark.parametrize(
    ("params", "notice"),
    [
        ({"page": 0}, "(page): phải lớn hơn hoặc bằng 1"),
        ({"page": 999}, "(page): phải nhỏ hơn hoặc bằng 50"),
        ({"page": "hai"}, "(page): phải là số nguyên"),
        ({"year_from": "năm"}, "(year_from): phải là số nguyên"),
        ({"year_from": 1800}, "(year_from): phải lớn hơn hoặc bằng 1900"),
        ({"year_from": 2010, "year_to": 2000}, "(year_to): phải lớn hơn hoặc bằng year_from"),
        ({"mode": "nhanh"}, "(mode): phải là một trong các giá trị"),
        ({"restore": "có lẽ"}, "(restore): phải là true hoặc false"),
    ],
)
def test_invalid_parameters_are_422_with_a_vietnamese_notice(
    web: TestClient, path: str, params: dict[str, object], notice: str
) -> None:
    """Defect 10: eight pages showed "Input should be greater than or equal to 1" with 200."""
    response = web.get(path, params={"q": "đo lường", **params})
    assert response.status_code == 422
    found = re.search(r'<p class="notice error" role="alert">([^<]+)</p>', response.text)
    assert found is not None, response.text
    assert found.group(1).startswith("Tham số không hợp lệ " + notice), found.group(1)
    assert not ENGLISH.search(found.group(1))


def test_the_html_404_and_422_pages_are_vietnamese(web: TestClient) -> None:
    """Defect 10: the HTML 404 page said "Not Found"."""
    for path, status in (("/khong-co-trang-nay", 404), ("/van-ban/" + "x" * 201, 422)):
        page = web.get(path)
        assert page.status_code == status
        assert page.headers["content-type"].startswith("text/html")
        body = page.text.split("<main", 1)[1]
        assert not ENGLISH.search(body), body


def test_pages_and_static_files_carry_the_security_headers(web: TestClient) -> None:
    """Defect 9: no CSP, nosniff, X-Frame-Options or Referrer-Policy on pages."""
    for path in ("/", "/?q=đo+lường", "/ket-qua?q=đo+lường", "/static/app.js", "/khong-co"):
        headers = web.get(path).headers
        assert "frame-ancestors 'none'" in headers["content-security-policy"]
        assert "'unsafe-inline'" not in headers["content-security-policy"]
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["x-frame-options"] == "DENY"
        assert headers["referrer-policy"] == "same-origin"


def test_templates_have_no_inline_script_or_handlers() -> None:
    """Defect 9: the CSP forbids inline script, so templates hold none (app.js does it)."""
    templates = Path(web_package.__file__).parent / "templates"
    for template in templates.glob("*.html"):
        text = template.read_text("utf-8")
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text), template.name
        assert not re.search(r"\son[a-z]+\s*=", text), template.name
        assert not re.search(r"\sstyle\s*=", text), template.name
