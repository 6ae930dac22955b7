"""Long-running reliability harnesses: SIGKILL during saves, two processes on one session,
hostile text through the exporter. Each is runnable on its own (`python -m stress.crash`) and
prints its figures; the CI tests in tests/ run the same code with small counts."""
