"""The benchmark suite: `make bench` (bench/run.py) prints every figure against its target."""
