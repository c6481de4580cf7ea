"""Cold start of `mla can-request` and `mla legal-basis` against the floor of their imports.

Prints the median wall time of whole `mla can-request` and `mla legal-basis` processes
(shipped facts, with their explanations) and of
`python -c "import click, yaml, pyDatalog.pyDatalog"`, run interleaved in the same
environment, and their ratios. Goals: can-request at most 1.5x (issue 2), legal-basis at most
1.8x (issue 7).

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

QUERIES = {
    "can-request": (1.5, ["can-request", "--from", "Latvia", "--to", "Netherlands", "--crime",
                          "genocide", "--on", "2026-11-28"]),
    "legal-basis": (1.8, ["legal-basis", "--from", "France", "--to", "Germany", "--crime",
                          "genocide", "--kind", "extradition", "--on", "2026-11-28"]),
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
    commands = {name: [mla, *query] for name, (_, query) in QUERIES.items()}
    for _ in range(3):  # warm the file cache and write bytecode
        _time(floor, env)
        for command in commands.values():
            _time(command, env)
    base: list[float] = []
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(args.runs):
        base.append(_time(floor, env))
        for name, command in commands.items():
            times[name].append(_time(command, env))
    b = statistics.median(base)
    print(f"floor  python -c 'import click, yaml, pyDatalog.pyDatalog': median {b * 1e3:.1f} ms")
    for name, (goal, query) in QUERIES.items():
        c = statistics.median(times[name])
        print(f"mla {' '.join(query)}: median {c * 1e3:.1f} ms")
        print(f"  ratio {c / b:.2f} (goal <= {goal}) over {args.runs} interleaved runs")


if __name__ == "__main__":
    main()
