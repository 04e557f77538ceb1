"""A generated folder of hostile and broken files (nothing committed): 200+ files of 20 kinds.

Each kind writes its files and says what the ingest must give for each: a failure whose reason
contains a fragment (``must_fail``), or either a failure or a document (``may_parse``: input a
lenient parser may read, such as text with NUL bytes), never a crash, never both.
"""

from __future__ import annotations

import io
import os
import random
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from raw_data import raw

#: Extensions the parsers claim: each gets empty and random-byte files.
EXTENSIONS = ("pdf", "docx", "doc", "html", "htm", "txt", "md", "json", "zip", "tar")
RANDOM_PER_EXTENSION = 11


@dataclass(frozen=True)
class Expectation:
    """What one hostile file must give: a failure containing ``reason`` (or, when
    ``lenient``, possibly a document instead)."""

    reason: str = ""
    lenient: bool = False


def must_fail(reason: str = "") -> Expectation:
    return Expectation(reason)


def may_parse() -> Expectation:
    return Expectation(lenient=True)


Writer = Callable[[Path, random.Random], dict[str, Expectation]]


def _empty(folder: Path, rng: random.Random) -> dict[str, Expectation]:
    names = {}
    for ext in EXTENSIONS:
        (folder / f"empty.{ext}").write_bytes(b"")
        names[f"empty.{ext}"] = must_fail("empty file")
    return names


def _random_bytes(folder: Path, rng: random.Random) -> dict[str, Expectation]:
    names = {}
    for ext in EXTENSIONS:
        for i in range(RANDOM_PER_EXTENSION):
            name = f"random-{i}.{ext}"
            (folder / name).write_bytes(rng.randbytes(rng.randint(1, 40_000)))
            # random bytes named .txt/.md/.html can decode as (nonsense) text
            lenient = ext in ("txt", "md", "html", "htm")
            names[name] = may_parse() if lenient else must_fail()
    return names


def _truncated(folder: Path, rng: random.Random) -> dict[str, Expectation]:
    names = {}
    originals = {
        "pdf": raw("docs_original_formats/pdf/49-2026-ND-CP.pdf").read_bytes(),
        "docx": raw("docs_original_formats/docx/LUATKHOAHOCCONGNGHE.docx").read_bytes(),
    }
    for ext, data in originals.items():
        for i, share in enumerate((0.02, 0.1, 0.25, 0.4, 0.5, 0.6, 0.75, 0.9, 0.97, 0.995)):
            name = f"truncated-{i}.{ext}"
            (folder / name).write_bytes(data[: int(len(data) * share)])
            # a PDF cut late can still give its first pages; a cut DOCX loses its zip directory
            names[name] = may_parse() if ext == "pdf" else must_fail("not a valid DOCX")
    return names


def _zip_bombs(folder: Path, rng: random.Random) -> dict[str, Expectation]:
    names = {}
    for i, megabytes in enumerate((300, 400, 500)):
        for ext in ("docx", "zip"):
            name = f"bomb-{i}.{ext}"
            with zipfile.ZipFile(folder / name, "w", compression=zipfile.ZIP_DEFLATED) as archive:
                archive.writestr("[Content_Types].xml", "<Types/>")
                with archive.open("word/document.xml", "w", force_zip64=True) as member:
                    for _ in range(megabytes):
                        member.write(b"\0" * (1 << 20))
            names[name] = must_fail()
    return names


def _nested_zips(folder: Path, rng: random.Random) -> dict[str, Expectation]:
    names = {}
    for depth in (3, 10, 30):
        payload = b"\0" * (1 << 20)
        for level in range(depth):
            buffer = io.BytesIO()
            with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
                archive.writestr(f"level-{level}.zip" if level else "zeros.txt", payload)
            payload = buffer.getvalue()
        name = f"nested-{depth}.zip"
        (folder / name).write_bytes(payload)
        names[name] = must_fail()
    return names


_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
        for i in range(1, 10)
    )
    + ']><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    "<w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"
)
_XXE = (
    '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    "<w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>"
)


def _xml_attacks(folder: Path, rng: random.Random) -> dict[str, Expectation]:
    names = {}
    for label, xml in (("laughs", _LAUGHS), ("xxe", _XXE)):
        for i in range(3):
            name = f"{label}-{i}.docx"
            with zipfile.ZipFile(folder / name, "w") as archive:
                archive.writestr("[Content_Types].xml", "<Types/>")
                archive.writestr("word/document.xml", xml)
            names[name] = must_fail()
    return names


def _deep_html(folder: Path, rng: random.Random) -> dict[str, Expectation]:
    names = {}
    for i, depth in enumerate((50_000, 100_000, 200_000)):
        name = f"deep-{i}.html"
        body = "<div>" * depth + "<p>Điều 1. Phạm vi</p>" + "</div>" * depth
        (folder / name).write_text(f"<html><body>{body}</body></html>", "utf-8")
        names[name] = must_fail("nested")
    return names


def _huge(folder: Path, rng: random.Random) -> dict[str, Expectation]:
    names = {}
    for i, megabytes in enumerate((33, 40, 50)):
        name = f"one-line-{i}.html"
        with (folder / name).open("wb") as handle:
            handle.write(b"<html><body><p>")
            handle.write(b"x" * (megabytes << 20))
        names[name] = must_fail("file too large")
    for i, megabytes in enumerate((2, 5, 10)):
        name = f"one-token-{i}.txt"
        (folder / name).write_bytes(b"a" * (megabytes << 20))
        names[name] = must_fail()
    return names


def _many_articles(folder: Path, rng: random.Random) -> dict[str, Expectation]:
    name = "articles-200k.txt"
    with (folder / name).open("w", encoding="utf-8") as handle:
        for n in range(1, 200_001):
            handle.write(f"Điều {n}. Điều khoản\nNội dung {n}.\n")
    return {name: must_fail()}


def _text_oddities(folder: Path, rng: random.Random) -> dict[str, Expectation]:
    names = {}
    law = "Điều 1. Phạm vi điều chỉnh\nThông tư này quy định về đo lường.\n".encode()
    for i in range(6):
        (folder / f"nul-{i}.txt").write_bytes(law.replace(b" ", b"\0", i + 1))
        names[f"nul-{i}.txt"] = may_parse()
        (folder / f"latin1-{i}.txt").write_bytes(
            law.decode().encode("cp1258", "replace") + b"\xff\xfe" * i
        )
        names[f"latin1-{i}.txt"] = may_parse()
    return names


def _wrong_extensions(folder: Path, rng: random.Random) -> dict[str, Expectation]:
    names = {}
    pdf = raw("docs_original_formats/pdf/49-2026-ND-CP.pdf").read_bytes()
    docx = raw("docs_original_formats/docx/LUATKHOAHOCCONGNGHE.docx").read_bytes()
    for i, (data, ext) in enumerate(((pdf, "docx"), (docx, "pdf"), (pdf, "html"), (docx, "txt"))):
        name = f"wrong-ext-{i}.{ext}"
        (folder / name).write_bytes(data)
        names[name] = may_parse()
    return names


def _traversal(folder: Path, rng: random.Random) -> dict[str, Expectation]:
    names = {}
    for i, member in enumerate(("../../evil.txt", "/etc/cron.d/evil.txt", "a/../../b.txt")):
        name = f"traversal-{i}.zip"
        with zipfile.ZipFile(folder / name, "w") as archive:
            archive.writestr(member, "Điều 1. Phạm vi\nNội dung.\n")
        names[name] = must_fail()
    return names


def _unsupported(folder: Path, rng: random.Random) -> dict[str, Expectation]:
    names = {}
    for ext in ("exe", "xyz", "bin", "jpg", "png", "mp4", "xlsx", "pptx", "rtf", "odt"):
        name = f"file.{ext}"
        (folder / name).write_bytes(rng.randbytes(512))
        names[name] = must_fail("unsupported file type")
    return names


def _links(folder: Path, rng: random.Random) -> dict[str, Expectation]:
    names = {}
    for i, target in enumerate(("/etc/passwd", "/etc/hostname", "/proc/self/environ", "/dev/zero")):
        (folder / f"link-{i}.txt").symlink_to(target)
        names[f"link-{i}.txt"] = must_fail()
    os.mkfifo(folder / "fifo.txt")
    names["fifo.txt"] = must_fail()
    return names


def _script_only(folder: Path, rng: random.Random) -> dict[str, Expectation]:
    names = {}
    for i in range(5):
        name = f"script-only-{i}.html"
        (folder / name).write_text(
            f"<html><script>var x = {i};</script><style>p{{}}</style></html>", "utf-8"
        )
        names[name] = must_fail("no text found")
    return names


WRITERS: tuple[Writer, ...] = (
    _empty,
    _random_bytes,
    _truncated,
    _zip_bombs,
    _nested_zips,
    _xml_attacks,
    _deep_html,
    _huge,
    _many_articles,
    _text_oddities,
    _wrong_extensions,
    _traversal,
    _unsupported,
    _links,
    _script_only,
)


def write_hostile_corpus(folder: Path, seed: int = 20261202) -> dict[str, Expectation]:
    """Write every hostile file into ``folder``; file name → what it must give."""
    rng = random.Random(seed)
    expected: dict[str, Expectation] = {}
    for writer in WRITERS:
        expected.update(writer(folder, rng))
    return expected
