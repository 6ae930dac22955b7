"""The layering the design card asks for: the core knows nothing of Textual."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "tui"


def test_core_modules_import_no_textual_or_rich() -> None:
    modules = [".".join(p.relative_to(PACKAGE.parent).with_suffix("").parts)
               for p in (PACKAGE / "core").rglob("*.py") if p.stem != "__init__"]
    probe = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')))"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_core_source_never_mentions_textual() -> None:
    offenders = [p.name for p in (PACKAGE / "core").rglob("*.py") if "import textual" in p.read_text()
                 or "from textual" in p.read_text()]
    assert offenders == []
