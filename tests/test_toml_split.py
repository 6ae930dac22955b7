"""Splitting a TOML document into its top-level array tables, read block by block: wherever
the blocks happen to end (inside a header line, right after one), the pieces are the same."""

from __future__ import annotations

import io

import pytest

from tui.core import toml_split
from tui.core.toml_split import NotSplittable, split_document

DOCUMENT = b"""title = "x"

[[questions]]
id = "a"
detail = '''
[[questions]]
'''

[[questions]]
id = "b"

[questions.depends_on]
question = "a"

[[sections]]
id = "s"
"""


def split(data: bytes) -> tuple[dict, list[tuple[str, int, int, dict]]]:
    header, tables = split_document(io.BytesIO(data))
    return header, [(t.kind, t.start, t.end, t.values) for t in tables]


@pytest.mark.parametrize("block", [1, 2, 3, 7, 13, 16, 64])
def test_pieces_do_not_depend_on_where_reading_blocks_end(block: int, monkeypatch: pytest.MonkeyPatch) -> None:
    document = DOCUMENT.replace(b"[[questions]]\n'''", b"x\n'''")  # splittable
    expected = split(document)
    monkeypatch.setattr(toml_split, "BLOCK", block)
    assert split(document) == expected
    header, tables = expected
    assert header == {"title": "x"}
    assert [(kind, document[start:end].split(b"\n", 1)[0]) for kind, start, end, _ in tables] == [
        ("questions", b"[[questions]]"), ("questions", b"[[questions]]"), ("sections", b"[[sections]]")]
    assert tables[-1][2] == len(document)


@pytest.mark.parametrize("block", [1, 5, 64])
def test_a_header_line_inside_a_multi_line_string_makes_the_document_not_splittable(
    block: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(toml_split, "BLOCK", block)
    with pytest.raises(NotSplittable):
        split(DOCUMENT)


@pytest.mark.parametrize("block", range(1, 40))
def test_a_line_that_only_starts_like_a_header_is_not_one(block: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """`[[sections]] # note` is a table header the split does not recognise, so the document does
    not split, even when a block ends right after its `]]`."""
    monkeypatch.setattr(toml_split, "BLOCK", block)
    with pytest.raises(NotSplittable):
        split(b'a = 1\n[[questions]]\nid = "x"\n[[sections]] # note\nid = "s"\n')
