"""The `vendor-review` command: a scriptable front door to the core, and the wizard's launcher.

Each group of commands lives in its own module with a `register` function; this module only
assembles them. Nothing here imports Textual: only `open` (and no command at all) loads the app,
so scripted commands start fast.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ..core.errors import InputError
from ..core.files import AccessDenied
from ..core.lock import ReviewLocked
from .options import CommandLineError
from .parser import build_parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = build_parser(argv)
    try:
        args = parser.parse_args(argv)
        return int(args.handler(args) or 0)
    except CommandLineError as error:
        print(f"vendor-review: {error}", file=sys.stderr)
    except (InputError, ReviewLocked) as error:
        print(f"vendor-review: error: {error}", file=sys.stderr)
    except PermissionError as error:  # a file or folder of another reviewer, or of another group
        denied = AccessDenied(Path(error.filename)) if error.filename else error
        print(f"vendor-review: error: {denied}", file=sys.stderr)
    except BrokenPipeError:  # `vendor-review list | head`
        sys.stderr.close()
        return 0
    except OSError as error:  # a full or read-only disk: what failed and why, in one line
        where = f"{error.filename}: " if error.filename else ""
        print(f"vendor-review: error: {where}{error.strerror or error}", file=sys.stderr)
    except KeyboardInterrupt:
        return 130
    return 1
