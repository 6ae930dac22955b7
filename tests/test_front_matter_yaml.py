"""The page's front-matter reads back as the same strings in YAML 1.1 (PyYAML, what the
importer uses) and YAML 1.2 (ruamel.yaml here; Wiki.js loads pages with js-yaml, a 1.2
reader), whatever a reviewer or a vendor typed into the title, description and tags."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from pathlib import Path

import pytest
import yaml
from ruamel.yaml import YAML

from tui.core.review import start_review
from tui.core.wikipage.cells import yaml_value
from tui.core.wikipage.render import render_page

# Numbers, booleans, nulls and dates in one reading or the other, and what PyYAML cannot
# even construct (`0x_` raises ValueError, not YAMLError).
TRICKY = ["0x_", "0b_", "0o_", "0x_1", "1e3", ".5e3", "1.5E3", "1_000", "0o17", "0x1F", "+12", "-0",
          "1.", "12:30", "1:20:30", "yes", "no", "on", "off", "y", "n", "True", "FALSE", "null",
          "Null", "~", "", "<<", "=", ".inf", "-.Inf", ".NaN", "2024-01-01", "2001-1-1 1:00:00",
          "2001-12-14t21:59:43.10-05:00", "1e3_", "\ufeffx", "a: b", "# not a comment"]


def yaml_12(text: str) -> object:
    return YAML(typ="safe", pure=True).load(io.StringIO(text))


@pytest.mark.parametrize("value", TRICKY)
def test_a_front_matter_value_reads_back_as_the_same_string_in_yaml_1_1_and_1_2(value: str) -> None:
    line = f"key: {yaml_value(value)}"

    assert yaml.safe_load(line) == {"key": value}
    assert yaml_12(line) == {"key": value}


@pytest.mark.parametrize("value", ["0x_", "1e3", "1.5E3", ".5e3", "yes", "2024-01-01"])
def test_the_exported_page_carries_hostile_description_product_and_tags_as_strings(bronze, value: str) -> None:
    review = start_review(bronze, product=value, vendor=value, description=value, tags=[value])
    front = render_page(review).split("\n---", 1)[0].removeprefix("---\n")

    for reader in (yaml.safe_load, yaml_12):
        loaded = reader(front)
        assert loaded["description"] == value
        assert loaded["tags"] == value
        assert loaded["title"] == review.title()


def test_plain_titles_stay_unquoted_as_wiki_js_writes_them() -> None:
    assert [yaml_value(v) for v in ("Acme Notes", "TLS 1.2+", "v2.5", "2FA for all", "1.2.3")] == [
        "Acme Notes", "TLS 1.2+", "v2.5", "2FA for all", "1.2.3"]


def test_export_of_a_review_whose_description_is_0x_underscore_succeeds(cli, workspace: Path) -> None:
    made = cli("new", "--product", "Acme", "--description", "0x_", "--tag", "1e3")
    assert made.code == 0, made.err

    result = cli("export", made.out.strip())

    assert result.code == 0, result.err
    page = (workspace / "exports" / "acme.md").read_text(encoding="utf-8")
    assert 'description: "0x_"' in page and 'tags: "1e3"' in page


def test_years_below_1000_keep_four_digits_on_the_page(bronze) -> None:
    review = start_review(bronze, product="Acme")
    review.created = review.updated = datetime(999, 1, 2, 3, 4, 5, tzinfo=UTC)

    assert "date: 0999-01-02T03:04:05.000Z" in render_page(review)
