"""Cold start of `mla can-request` and `mla legal-basis` against the floor of their imports.

Prints the median wall time of whole `mla can-request` and `mla legal-basis` processes
(shipped facts, with their explanations), each over five distinct questions taken in turn, and
of `python -c "import click, yaml, pyDatalog.pyDatalog"`, run interleaved in the same
environment, and their ratios. Goals: can-request at most 1.5x (issue 2), legal-basis at most
1.8x (issue 7). Run it on a non-editable install in a fresh virtual environment; it exits 1
when a goal is missed.

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

PAIRS = [("Latvia", "Netherlands", "genocide", "mla"), ("France", "Germany", "genocide",
                                                        "extradition"),
         ("Sweden", "Spain", "genocide", "mla"), ("Chile", "Spain", "crimes-against-humanity",
                                                  "mla"),
         ("Kenya", "Uganda", "war-crimes", "extradition")]
QUERIES = {
    "can-request": (1.5, [["can-request", "--from", a, "--to", b, "--crime", c, "--kind", k,
                           "--on", "2026-11-28"] for a, b, c, k in PAIRS]),
    "legal-basis": (1.8, [["legal-basis", "--from", a, "--to", b, "--crime", c, "--kind", k,
                           "--on", "2026-11-28"] for a, b, c, k in PAIRS]),
}


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
    commands = {name: [[mla, *q] for q in queries] for name, (_, queries) in QUERIES.items()}
    for _ in range(2):  # warm the file cache and write bytecode
        _time(floor, env)
        for cmds in commands.values():
            for command in cmds:
                _time(command, env)
    base: list[float] = []
    times: dict[str, list[float]] = {name: [] for name in commands}
    for run in range(args.runs):
        base.append(_time(floor, env))
        for name, cmds in commands.items():
            times[name].append(_time(cmds[run % len(cmds)], env))
    b = statistics.median(base)
    print(f"{os.cpu_count()} cores; {args.runs} interleaved runs, each command cycling over "
          f"{len(PAIRS)} questions")
    print(f"floor  python -c 'import click, yaml, pyDatalog.pyDatalog': median {b * 1e3:.1f} ms")
    missed = []
    for name, (goal, _) in QUERIES.items():
        c = statistics.median(times[name])
        print(f"mla {name}: median {c * 1e3:.1f} ms, ratio {c / b:.2f} (goal <= {goal})")
        if c / b > goal:
            missed.append(name)
    if missed:
        sys.exit(f"goal missed: {', '.join(missed)}")


if __name__ == "__main__":
    main()
