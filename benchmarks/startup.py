"""Cold start of `mla can-request` against the floor of its imports.

Prints the median wall time of a whole `mla can-request` process (shipped facts, with its
explanation) and of `python -c "import click, yaml, pyDatalog.pyDatalog"`, run interleaved in
the same environment, and their ratio. The goal (issue 2) is a ratio of at most 1.5.

    python benchmarks/startup.py [--runs 31]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

GOAL = 1.5
QUERY = ["can-request", "--from", "Latvia", "--to", "Netherlands", "--crime", "genocide",
         "--on", "2026-11-28"]


def _time(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):
        sys.exit(f"{' '.join(cmd)} failed with exit code {done.returncode}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=31)
    args = parser.parse_args()
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # users' Pythons cache bytecode; so do we here
    mla = shutil.which("mla", path=str(Path(sys.executable).parent)) or "mla"
    floor = [sys.executable, "-c", "import click, yaml, pyDatalog.pyDatalog"]
    command = [mla, *QUERY]
    for _ in range(3):  # warm the file cache and write bytecode
        _time(floor, env)
        _time(command, env)
    base, cli = [], []
    for _ in range(args.runs):
        base.append(_time(floor, env))
        cli.append(_time(command, env))
    b, c = statistics.median(base), statistics.median(cli)
    print(f"floor  python -c 'import click, yaml, pyDatalog.pyDatalog': median {b * 1e3:.1f} ms")
    print(f"mla {' '.join(QUERY)}: median {c * 1e3:.1f} ms")
    print(f"ratio {c / b:.2f} (goal <= {GOAL}) over {args.runs} interleaved runs")


if __name__ == "__main__":
    main()
