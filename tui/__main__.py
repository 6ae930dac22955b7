"""`python -m tui` is the same as the `vendor-review` command."""

import sys

from .cli import main

sys.exit(main())
