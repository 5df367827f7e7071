"""Benchmark scripts: run them by hand or with ``make bench``; they are not part of the tests."""
