"""Snippets mark the query's words where they stand in the text, and escape everything else."""

from __future__ import annotations

import re

from search_api.highlight import query_marks, snippet

#: Điều 47 khoản 1 Luật 68/2006/QH11, shortened.
TEXT = (
    "Tổ chức, cá nhân công bố hợp quy phải đăng ký bản công bố hợp quy tại cơ quan "
    "chuyên ngành do cơ quan quản lý nhà nước quy định."
)


def marked(html: str) -> list[str]:
    return re.findall(r"<mark>(.*?)</mark>", html)


def test_adjacent_query_words_are_marked_together_only() -> None:
    html = snippet(TEXT, query_marks(["thủ tục công bố hợp quy"]), match_folded=False)
    assert marked(html) == ["công bố hợp quy"] * 2  # not the "quy" of "quy định"


def test_a_query_without_diacritics_marks_by_folded_form() -> None:
    html = snippet(TEXT, query_marks(["cong bo hop quy"]), match_folded=True)
    assert marked(html) == ["công bố hợp quy"] * 2


def test_a_word_alone_in_the_query_is_marked_everywhere() -> None:
    html = snippet(TEXT, query_marks(["quy định của cơ quan"]), match_folded=False)
    assert marked(html) == ["cơ quan", "cơ quan", "quy định"]
    alone = snippet(TEXT, query_marks(["quy"]), match_folded=False)
    assert marked(alone) == ["quy", "quy", "quy"]


def test_punctuation_separates_a_pair() -> None:
    html = snippet("Hợp, quy chuẩn; hợp quy.", query_marks(["hợp quy"]), match_folded=False)
    assert marked(html) == ["hợp quy"]


def test_function_words_are_never_marked() -> None:
    html = snippet(
        "Hợp chuẩn là việc xác nhận.", query_marks(["hợp chuẩn là gì"]), match_folded=False
    )
    assert marked(html) == ["Hợp chuẩn"]


def test_text_is_escaped_around_the_marks() -> None:
    html = snippet(
        '<script>alert("hợp quy")</script> hợp quy', query_marks(["hợp quy"]), match_folded=False
    )
    assert "<script>" not in html
    assert html.replace("<mark>", "").replace("</mark>", "").count("<") == 0
    assert marked(html) == ["hợp quy", "hợp quy"]


def test_marks_in_html_leave_tags_and_entities_alone() -> None:
    from search_api.highlight import mark_html

    marks = query_marks(["hợp quy"])
    html_in = 'Công bố <a href="/x?hợp quy">hợp quy</a> &amp; hợp quy &lt;b&gt;'
    assert mark_html(html_in, marks, match_folded=False) == (
        'Công bố <a href="/x?hợp quy"><mark>hợp quy</mark></a> &amp; <mark>hợp quy</mark> &lt;b&gt;'
    )
