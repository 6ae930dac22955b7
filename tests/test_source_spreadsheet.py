"""Completed CAIQ and HECVAT workbooks (and any other sheet) as sources: one passage per answered
row under its section and id, recognised by the header row whatever the file is called."""

from __future__ import annotations

import time
import zipfile
from pathlib import Path

import pytest

from tests.documents import make_caiq, make_hecvat, make_table, refusal
from tui.core.sources.attaching import load_source
from tui.core.sources.errors import SourceError

CAIQ_ROWS = [
    ("CEK-03.1", "Are data at rest and in transit encrypted with industry standard algorithms?", "Yes",
     "Volumes use AES-256 and every connection uses TLS 1.2 or newer.", "Cryptography, Encryption & Key Management"),
    ("CEK-04.1", "Are encryption keys rotated at least yearly?", "No",
     "", "Cryptography, Encryption & Key Management"),
    ("IAM-01.1", "Are identity and access policies documented?", "", "", "Identity & Access Management"),
    ("LOG-02.1", "Are audit logs retained for at least one year?", "NA",
     "Logs are kept for ninety days only.", "Logging and Monitoring"),
]


def test_a_caiq_gives_one_passage_per_answered_row_under_caiq_section_and_id(tmp_path: Path) -> None:
    source = load_source(str(make_caiq(tmp_path / "answers-final(2).xlsx", CAIQ_ROWS)))
    assert [p.heading for p in source.passages] == [
        "CAIQ > Cryptography, Encryption & Key Management > CEK-03.1",
        "CAIQ > Cryptography, Encryption & Key Management > CEK-04.1",
        "CAIQ > Logging and Monitoring > LOG-02.1",
    ]  # IAM-01.1 was left unanswered; the hidden Lists sheet is not read
    first = source.passages[0]
    assert first.text == ("Are data at rest and in transit encrypted with industry standard algorithms? "
                          "Answer: Yes. Volumes use AES-256 and every connection uses TLS 1.2 or newer.")
    assert first.sheet == "CAIQv4.0.3" and first.page is None
    assert source.title == "answers-final(2) (CAIQ)"


def test_a_formula_answer_is_read_as_the_value_excel_showed(tmp_path: Path) -> None:
    path = make_caiq(tmp_path / "caiq.xlsx", CAIQ_ROWS[:1], title="Fernway CAIQ")
    from openpyxl import load_workbook

    book = load_workbook(path)  # what Excel saves: the formula and its cached result
    book.active["C4"] = '=IF(TRUE,"Yes","No")'
    book.save(path)
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    sheet = next(n for n in parts if n.startswith("xl/worksheets/sheet1"))
    parts[sheet] = parts[sheet].replace(b"<f>IF(TRUE,\"Yes\",\"No\")</f><v></v>", b"<f>IF(TRUE,\"Yes\",\"No\")</f><v>Yes</v>")
    parts[sheet] = parts[sheet].replace(b'<c r="C4"', b'<c r="C4" t="str"', 1)
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    source = load_source(str(path))
    assert source.title == "Fernway CAIQ" and "Answer: Yes." in source.passages[0].text


def test_a_hecvat_is_read_by_its_headers_with_section_rows_as_headings(tmp_path: Path) -> None:
    path = make_hecvat(tmp_path / "security.xlsx", {
        "DOCUMENTATION": [("DOCU-01", "Have you undergone a SOC 2 Type II audit?", "Yes", "Report dated March, under NDA.", "")],
        "DATA": [("DATA-01", "Is institutional data encrypted at rest?", "Yes", "", ""),
                 ("DATA-02", "Do you back up data daily?", "", "", "")],
    })
    source = load_source(str(path))
    assert [(p.heading, p.text) for p in source.passages] == [
        ("HECVAT > DOCUMENTATION > DOCU-01", "Have you undergone a SOC 2 Type II audit? Answer: Yes. Report dated March, under NDA."),
        ("HECVAT > DATA > DATA-01", "Is institutional data encrypted at rest? Answer: Yes."),
    ]


def test_any_other_sheet_is_read_as_rows_under_its_header(tmp_path: Path) -> None:
    path = make_table(tmp_path / "controls.xlsx", ["Control", "Status", "Notes"],
                      [["MFA", "Enforced", "For all staff since 2024"], ["SSO", "Available", None]])
    source = load_source(str(path))
    assert [(p.heading, p.text) for p in source.passages] == [
        ("Controls > MFA", "Control: MFA; Status: Enforced; Notes: For all staff since 2024"),
        ("Controls > SSO", "Control: SSO; Status: Available"),
    ]


def _bomb(path: Path) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * (600 * 1024 * 1024))
    return path


@pytest.mark.parametrize("make, message", [
    (lambda d: make_table(d / "numbers.xlsx", None, [[1, 2, 3], [4, 5, 6]]),
     "has no header row (a row of column names) on any visible sheet"),
    (lambda d: d.joinpath("cut.xlsx").write_bytes(make_table(d / "t.xlsx", ["A", "B"], [["x", "y"]]).read_bytes()[:300])
     and d / "cut.xlsx", "is a damaged ZIP archive (an incomplete download?)"),
    (lambda d: d.joinpath("bad.xlsx").write_bytes(b"PK\x03\x04" + b"\x00" * 100) and d / "bad.xlsx",
     "is a damaged ZIP archive (an incomplete download?)"),
])
def test_a_workbook_that_cannot_be_read_is_refused_in_one_line(tmp_path: Path, make, message: str) -> None:  # type: ignore[no-untyped-def]
    path = make(tmp_path)
    assert refusal(path) == f"{path.resolve()}: {message}"


@pytest.mark.slow
def test_a_zip_bomb_inside_an_xlsx_is_refused_before_anything_is_unpacked(tmp_path: Path) -> None:
    path = _bomb(tmp_path / "bomb.xlsx")
    assert path.stat().st_size < 2 * 1024 * 1024
    started = time.perf_counter()
    with pytest.raises(SourceError, match=r"would unpack to 600 MB from \d+ KB \(a zip bomb\?\); not opened"):
        load_source(str(path))
    assert time.perf_counter() - started < 1.0


def test_a_300_row_caiq_attaches_in_under_two_seconds(tmp_path: Path) -> None:
    rows = [(f"CEK-{i // 10:02d}.{i % 10}", f"Is control number {i} in place?", "Yes",
             f"Control {i} is reviewed by the security team every quarter.", "Cryptography") for i in range(300)]
    path = make_caiq(tmp_path / "big.xlsx", rows)
    started = time.perf_counter()
    source = load_source(str(path))
    assert time.perf_counter() - started < 2.0 and len(source.passages) == 300


def test_source_add_accepts_an_xlsx(cli, workspace: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    Path(cli("new", "--product", "Fernway").out.strip())
    result = cli("source", "add", "fernway", str(make_caiq(tmp_path / "caiq.xlsx", CAIQ_ROWS)))
    assert result.code == 0 and "3 passages" in result.out
