"""A page's front-matter is hostile until read: an alias bomb, a 5,000-digit number, 3,000
levels of brackets or a title that is a mapping is refused in one line naming the file and
the line, by `import`, `diff` and `new --from` alike, and a folder import goes on past it."""

from __future__ import annotations

from pathlib import Path

import pytest

TABLE = "| **Question** | **Answer** | **Detail** |\n| --- | --- | --- |\n| Q? | Yes | d |\n"
MINIMAL = Path(__file__).parent / "fixtures" / "pages" / "quayside-minimal.md"


def alias_bomb() -> str:
    """Nine levels of nine-fold aliases: 2 KB that PyYAML expands to 387 million strings."""
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in range(8):
        name, previous = chr(98 + level), chr(97 + level)
        lines.append(f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]")
    return "\n".join(lines) + "\ntitle: *i"


HOSTILE = {
    "alias-bomb": (alias_bomb(), "line 2: the front-matter is refused: anchors and aliases"),
    "anchor-alone": ("title: &t Acme", "line 2: the front-matter is refused: anchors and aliases"),
    "5000-digits": ("title: x\ndate: " + "9" * 5000, "line 3: the front-matter is refused: cannot read the value"),
    "3000-levels": ("title: " + "[" * 3000 + "]" * 3000, "line 2: the front-matter is refused: values nested deeper"),
    "3000-block-levels": ("title:\n" + "".join(" " * n + "- \n" for n in range(0, 6000, 2)),
                          "the front-matter is refused: values nested deeper"),
    "0x_-date": ("title: x\ndateCreated: 0x_", "line 3: the front-matter is refused: cannot read the value"),
    "title-mapping": ("title: {a: 1}", "line 2: title: expected a single value (text)"),
    "description-list": ("title: x\ndescription: [a, b]", "line 3: description: expected a single value"),
    "tags-mapping": ("title: x\ntags: {a: 1}", "line 3: tags: expected a string or a list of strings"),
    "tags-of-lists": ("title: x\ntags: [[a]]", "line 3: tags: expected a string or a list of strings"),
}


def hostile_page(front: str) -> str:
    return f"---\n{front}\n---\n\n{TABLE}"


@pytest.mark.parametrize("case", HOSTILE, ids=list(HOSTILE))
def test_a_hostile_front_matter_is_refused_in_one_line_with_file_and_line(cli, workspace: Path, case: str) -> None:
    front, expected = HOSTILE[case]
    page = workspace / "hostile.md"
    page.write_text(hostile_page(front), encoding="utf-8")

    result = cli("import", str(page))

    assert result.code == 1
    assert result.err.startswith(f"vendor-review: error: {page}: "), result.err
    assert expected in result.err and result.err.count("\n") == 1, result.err
    assert not list(workspace.glob("sessions/*.toml"))


@pytest.mark.parametrize("command", [("diff", "{page}", "{page}"), ("new", "--from", "{page}")],
                         ids=["diff", "new-from"])
def test_diff_and_new_from_refuse_the_same_front_matter_in_the_same_words(cli, workspace: Path,
                                                                          command: tuple[str, ...]) -> None:
    page = workspace / "bomb.md"
    page.write_text(hostile_page(alias_bomb()), encoding="utf-8")

    result = cli(*(part.format(page=page) for part in command))

    assert result.code == 1
    assert result.err == f"vendor-review: error: {page}: line 2: the front-matter is refused: " \
                         "anchors and aliases (&name, *name) are not accepted\n"


def test_a_folder_of_hostile_pages_still_imports_the_good_one(cli, workspace: Path) -> None:
    folder = workspace / "wiki"
    folder.mkdir()
    for case, (front, _) in HOSTILE.items():
        (folder / f"{case}.md").write_text(hostile_page(front), encoding="utf-8")
    (folder / "zz-quayside.md").write_text(MINIMAL.read_text(encoding="utf-8"), encoding="utf-8")

    result = cli("import", str(folder))

    assert result.code == 1
    assert result.err.count("vendor-review: error: ") == len(HOSTILE), result.err
    assert [p.name for p in (workspace / "sessions").glob("*.toml")] == ["quayside-chat.toml"]


def test_tags_as_a_list_of_strings_and_plain_scalars_are_still_read(cli, workspace: Path) -> None:
    page = workspace / "fine.md"
    page.write_text(hostile_page("title: 2024\ndescription: 1.5\ntags: [a, b]"), encoding="utf-8")

    assert cli("import", str(page)).code == 0
