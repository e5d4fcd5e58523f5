"""`make bench`: speed and memory of pathmapper against the workshop limits (issue #12).

Not collected by pytest (no `test_*` files here); run with `python -m tests.bench.run`.
"""
