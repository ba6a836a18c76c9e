"""Benchmarks for kbgen at scale: ``python -m benchmarks`` (or ``make bench``).

See ``docs/benchmarks.md`` for what is measured, the targets and how to read the table.
"""
