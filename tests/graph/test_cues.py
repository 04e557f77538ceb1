"""The relation cues in cues.toml check themselves against their examples."""

from __future__ import annotations

import pytest

from graph.cues import cue_specs, cue_table, find_cues, gap

SPECS = {spec.name: spec for spec in cue_specs()}
EXAMPLES = [(e["name"], text) for e in cue_table()["cues"] for text in e["examples"]]
COUNTERS = [(e["name"], text) for e in cue_table()["cues"] for text in e["counter_examples"]]


@pytest.mark.parametrize(("name", "text"), EXAMPLES)
def test_every_cue_finds_each_of_its_examples(name: str, text: str) -> None:
    assert SPECS[name].regex.search(text), (name, text)


@pytest.mark.parametrize(("name", "text"), COUNTERS)
def test_no_cue_finds_one_of_its_counter_examples(name: str, text: str) -> None:
    assert not SPECS[name].regex.search(text), (name, text)


def test_every_cue_has_examples_both_ways_and_a_known_voice() -> None:
    for entry in cue_table()["cues"]:
        assert entry["examples"] and entry["counter_examples"], entry["name"]
    voices = {"active", "passive", "tight", "expire", "named_act", "none"}
    assert {spec.voice for spec in cue_specs()} <= voices


def test_gaps_may_end_with_the_type_word_name_and_so() -> None:
    assert gap("object").fullmatch(" một số điều của Nghị định số ")
    assert gap("object").fullmatch(" một số chương, điều, khoản, điểm của Luật Công nghệ số số ")
    assert gap("coordinated").fullmatch(" ngày 31 tháng 12 năm 2008, Nghị định số ")
    assert not gap("coordinated").fullmatch(" ngày 31 tháng 12 năm 2008 ")
    head = gap("head", anchored_end=True)
    assert head.search("… Luật Chất lượng sản phẩm, hàng hóa; ")
    assert head.search("… Giải thưởng Chất lượng Quốc gia và Thông tư số ")
    assert not head.search("… ban hành kèm theo Pháp lệnh về Phí và lệ phí số ")


def test_overlapping_cues_keep_the_earliest_longest() -> None:
    text = "được sửa đổi, bổ sung hoặc thay thế thì áp dụng văn bản mới; sửa đổi, bổ sung, bãi bỏ"
    assert [c.spec.name for c in find_cues(text)] == ["passive_without_agent", "amend_repeal"]
