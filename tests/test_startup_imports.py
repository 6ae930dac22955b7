"""Start-up cost is import cost: scripted commands and the domain core must not load what they
do not use (Textual for the wizard, PyYAML for export front-matter, markdown-it for import).

Each check runs in a fresh interpreter, because this test process has imported everything."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import tui.core

HEAVY_FOR_SCRIPTS = {"textual", "rich", "yaml", "markdown_it", "mdit_py_plugins"}


def top_level_modules_after(code: str) -> set[str]:
    probe = code + "\nimport sys\nprint(' '.join(sorted({m.split('.')[0] for m in sys.modules})))"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return set(result.stdout.split("\n")[-2].split())


def test_the_whole_core_loads_without_textual() -> None:
    names = [m.name for m in pkgutil.walk_packages(tui.core.__path__, "tui.core.")]
    loaded = top_level_modules_after("".join(f"import {name}\n" for name in names))
    assert "tui" in loaded
    assert loaded.isdisjoint({"textual", "rich"})


def test_schema_show_loads_neither_textual_nor_the_export_and_import_libraries() -> None:
    loaded = top_level_modules_after(
        "import io, contextlib\nfrom tui.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()) as out:\n"
        "    assert main(['schema', 'show', 'saas-security-bronze']) == 0\n"
        "assert 'tls-external' in out.getvalue()"
    )
    assert loaded.isdisjoint(HEAVY_FOR_SCRIPTS), sorted(loaded & HEAVY_FOR_SCRIPTS)


def test_the_wizard_paints_its_first_question_before_loading_pydantic_or_the_lock(workspace) -> None:  # type: ignore[no-untyped-def]
    """`vendor-review open` paints from a preview: the models and the lock load after that."""
    from tui.core.review import start_review
    from tui.core.store import write_review
    from tui.core.workspace import Workspace

    review = start_review(Workspace(workspace).catalog.get("saas-security-bronze"), product="Acme")
    write_review(workspace / "sessions" / "acme.toml", review)
    loaded = top_level_modules_after(
        "from pathlib import Path\nfrom tui.cli.parser import build_parser\n"
        f"args = build_parser(['open', 'acme', '--workspace', {str(workspace)!r}]).parse_args(['open', 'acme'])\n"
        "from tui.app.app import ReviewApp\nfrom tui.app.screens.opening import opening_screen\n"
        "from tui.core.workspace import Workspace\n"
        f"assert opening_screen(Workspace(Path({str(workspace)!r})), Path({str(workspace)!r}) / 'sessions/acme.toml')"
    )
    assert "textual" in loaded
    assert loaded.isdisjoint({"pydantic", "pydantic_core", "filelock", "tomli_w", "yaml", "markdown_it"}), loaded
