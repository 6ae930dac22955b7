"""The real `vendor-review` command, as a reviewer's shell would run it.

The harnesses drive the installed console script rather than calling functions, because a kill
only proves something when it lands in the process that really saves: its imports, its lock,
its fsync.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def vendor_review() -> list[str]:
    """The console script beside this interpreter, or `python -m tui` when it is not there."""
    script = Path(sys.executable).parent / "vendor-review"
    return [str(script)] if script.exists() else [sys.executable, "-m", "tui"]


def isolated_env(workspace: Path) -> dict[str, str]:
    """HOME inside the workspace, so no user configuration changes what is measured."""
    env = dict(os.environ, HOME=str(workspace), VENDOR_REVIEW_WORKSPACE=str(workspace))
    env.pop("NO_COLOR", None)
    return env


def run(workspace: Path, *args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*vendor_review(), *args, "--workspace", str(workspace)],
        capture_output=True, text=True, env=isolated_env(workspace), cwd=workspace, timeout=timeout,
    )


def start(workspace: Path, *args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [*vendor_review(), *args, "--workspace", str(workspace)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        env=isolated_env(workspace), cwd=workspace,
    )


def new_session(workspace: Path, product: str = "Kill Test", vendor: str = "Acme") -> Path:
    made = run(workspace, "new", "--product", product, "--vendor", vendor)
    if made.returncode != 0:
        raise RuntimeError(f"`vendor-review new` failed: {made.stderr.strip()}")
    return Path(made.stdout.strip())


def question_ids(workspace: Path, questionnaire: str = "saas-security-bronze") -> list[str]:
    shown = run(workspace, "schema", "show", questionnaire)
    return [line.split("\t", 1)[0] for line in shown.stdout.splitlines() if "\t" in line]
