#!/usr/bin/env python3
"""Lines of generated Rust per operation, before the tests, for issue 27's table in BENCHMARKS.md.

Usage: python3 tests/bench/lines_per_operation.py CRATE_DIR [CRATE_DIR ...]

For each generated crate: the operations are the modules of src/operation/ (mod.rs aside); a
file's lines are those before its first `#[cfg(test)]` line (all of them if it has none), and
the files only tests compile (`protocol_tests.rs` beside an operation, the runtime's
`protocol_test.rs`, both declared `#[cfg(test)]`) count none.
Prints the lines of the operation modules per operation, and of every file under src/ (the
runtime's copies in src/rt/ included) per operation.
"""
import os
import sys

TEST_FILES = ("protocol_tests.rs", "protocol_test.rs")


def before_tests(path):
    lines = 0
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#[cfg(test)]"):
                break
            lines += 1
    return lines


for crate in sys.argv[1:]:
    src = os.path.join(crate, "src")
    operation_dir = os.path.join(src, "operation")
    modules = [f for f in os.listdir(operation_dir) if f.endswith(".rs") and f != "mod.rs"]
    in_modules = sum(before_tests(os.path.join(operation_dir, f)) for f in modules)
    everywhere = sum(
        before_tests(os.path.join(folder, f))
        for folder, _, files in os.walk(src)
        for f in files
        if f.endswith(".rs") and f not in TEST_FILES
    )
    n = len(modules)
    print(f"{crate}: {n} operations, {in_modules / n:.0f} lines per operation module, {everywhere / n:.0f} in all of src/ per operation")
