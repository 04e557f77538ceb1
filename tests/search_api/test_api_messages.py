"""Every error text is Vietnamese, names the right field, and invalid JSON types are refused;
OPTIONS names every method a path accepts."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from indexer.embed.cache import CachedEmbedder
from indexer.store.sqlite import SqliteStore
from kb.app import create_app
from search_api.service import SearchService
from search_api.settings import ApiSettings

#: Words of the English messages pydantic, Starlette and FastAPI write.
ENGLISH = re.compile(
    r"\b(?:Input|should|Field|required|valid|Not Found|Method|parsing|error|Too many|JSON decode)\b"
)


def _error(response: object) -> dict[str, str]:
    error: dict[str, str] = response.json()["error"]  # type: ignore[attr-defined]
    assert not ENGLISH.search(error["message"]), error
    return error


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"q": "a", "k": 0}, "k", "k: phải lớn hơn hoặc bằng 1"),
        ({"q": "a", "k": 101}, "k", "k: phải nhỏ hơn hoặc bằng 100"),
        ({"q": "a", "k": "mười"}, "k", "k: phải là số nguyên"),
        ({"q": "a", "mode": "x"}, "mode", "mode: phải là một trong các giá trị"),
        ({"q": "a", "restore": "có lẽ"}, "restore", "restore: phải là true hoặc false"),
        ({"q": "a" * 1001}, "q", "q: dài tối đa 1000 ký tự"),
        ({}, "q", "q: thiếu giá trị bắt buộc"),
        ({"q": "a", "year_from": 2010, "year_to": 2000}, "year_to", "year_to: phải lớn hơn"),
    ],
)
def test_validation_errors_are_vietnamese(
    api: TestClient, params: dict[str, object], field: str, message: str
) -> None:
    """Defect 10: JSON validation messages were pydantic's English ones."""
    response = api.get("/api/v1/search", params=params)
    assert response.status_code == 422
    error = _error(response)
    assert (error["code"], error["field"]) == ("invalid_parameter", field)
    assert error["message"].startswith(message), error


def test_malformed_json_names_the_body_not_a_byte_offset(api: TestClient) -> None:
    """Defect 10: a malformed JSON body reported its byte offset as the field ("11")."""
    broken = api.post(
        "/api/v1/search", content=b'{"q": "a", ', headers={"content-type": "application/json"}
    )
    assert broken.status_code == 422
    assert _error(broken) == {
        "code": "invalid_parameter",
        "message": "body: thân yêu cầu không phải JSON hợp lệ",
        "field": "body",
    }
    not_utf8 = api.post(
        "/api/v1/search", content=b'{"q": "\xff"}', headers={"content-type": "application/json"}
    )
    assert not_utf8.status_code == 400  # "There was an error parsing the body"
    assert _error(not_utf8)["message"].startswith("Không đọc được thân yêu cầu")


def test_framework_errors_are_vietnamese(api: TestClient) -> None:
    """Defect 10: 404 and 405 said "Not Found" and "Method Not Allowed"."""
    missing = api.get("/api/v1/khong-co")
    assert missing.status_code == 404
    assert _error(missing)["message"] == "Không tìm thấy trang hoặc tài nguyên này."
    wrong = api.put("/api/v1/search")
    assert wrong.status_code == 405
    assert _error(wrong)["message"] == "Phương thức PUT không được hỗ trợ ở địa chỉ này."


def test_options_names_every_method_of_the_path(api: TestClient) -> None:
    """Defect 13: OPTIONS /api/v1/search answered "Allow: GET" though POST works."""
    for path, allowed in (
        ("/api/v1/search", "GET, POST"),
        ("/api/v1/documents/68-2006-qh11", "GET, DELETE"),
    ):
        response = api.options(path)
        assert response.status_code == 405
        assert response.headers["allow"] == allowed
        assert _error(response)["code"] == "method_not_allowed"


@pytest.mark.parametrize(
    "body", [{"q": "a", "k": True}, {"q": "a", "k": "5"}, {"q": "a", "page": 1.5}]
)
def test_json_numbers_are_taken_strictly(api: TestClient, body: dict[str, object]) -> None:
    """Defect 13: {"k": true} was accepted as k=1."""
    response = api.post("/api/v1/search", json=body)
    assert response.status_code == 422
    assert _error(response)["field"] in ("k", "page")


def test_query_parameters_still_read_numbers_from_text(api: TestClient) -> None:
    response = api.get("/api/v1/search", params={"q": "đo lường", "k": "3", "mode": "lexical"})
    assert response.status_code == 200 and len(response.json()["hits"]) == 3


def test_too_many_files_is_vietnamese(
    tmp_path: Path,
    embedder: CachedEmbedder,
    make_settings: Callable[..., ApiSettings],
    make_client: Callable[[FastAPI], TestClient],
) -> None:
    """Defect 10: "Too many files. Maximum number of files is 50." reached the client."""
    settings = make_settings(api_key="khoa")
    app = create_app(settings, SearchService(SqliteStore(tmp_path / "store"), embedder))
    files = [("files", (f"{n}.txt", b"Dieu 1.", "text/plain")) for n in range(51)]
    with make_client(app) as client:
        response = client.post("/api/v1/ingest", headers={"X-API-Key": "khoa"}, files=files)
    assert response.status_code == 400
    assert _error(response)["message"] == "Quá nhiều tệp: tối đa 50 tệp mỗi lần tải lên."
