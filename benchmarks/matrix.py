"""The network commands at scale: universal participation (every State in facts/states.json a
Party, opted in to every annex, both kinds).

Prints medians of interleaved whole-process runs and their ratios:
- `mla matrix --format csv` vs benchmarks/plain_matrix.py (same relation, same CSV; goal ≤ 3×);
- `mla what-if UNIVERSAL` (against the shipped record) vs that matrix (goal ≤ 2×);
- the peak memory (max RSS) of each (goal < 500 MB).

    python benchmarks/matrix.py [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ON = "2027-06-01"


def run_process(cmd: list[str], env: dict[str, str], out: Path) -> tuple[float, float]:
    """Wall time (s) and peak RSS (MB) of one process, its output to `out`."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    with out.open("w") as sink:
        proc = subprocess.Popen(cmd, env=env, stdout=sink, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    del before
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{' '.join(cmd)} failed")
    return elapsed, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    mla = shutil.which("mla", path=str(Path(sys.executable).parent)) or "mla"
    tmp = Path(tempfile.mkdtemp())
    universal = tmp / "universal.yaml"
    subprocess.run([sys.executable, str(HERE / "universal.py"), str(universal)], check=True,
                   stdout=subprocess.DEVNULL)
    commands = {
        "plain": [sys.executable, str(HERE / "plain_matrix.py"), str(universal), ON],
        "matrix": [mla, "matrix", "--format", "csv", "--scenario", str(universal), "--on", ON],
        "what-if": [mla, "what-if", str(universal), "--on", ON, "--format", "json"],
    }
    times: dict[str, list[float]] = {k: [] for k in commands}
    peaks: dict[str, float] = {k: 0.0 for k in commands}
    for i in range(args.runs + 1):
        for name, cmd in commands.items():
            elapsed, peak = run_process(cmd, env, tmp / f"{name}.out")
            if i:  # the first round warms caches and writes bytecode
                times[name].append(elapsed)
                peaks[name] = max(peaks[name], peak)
    same = (tmp / "plain.out").read_bytes() == (tmp / "matrix.out").read_bytes()
    rows = sum(1 for _ in (tmp / "matrix.out").open()) - 1
    med = {k: statistics.median(v) for k, v in times.items()}
    print(f"universal participation: {rows:,} relations on {ON}; "
          f"CSV identical to the plain program's: {same}")
    for name in commands:
        print(f"{name:8} median {med[name]:6.2f} s   peak {peaks[name]:6.0f} MB")
    print(f"matrix / plain   = {med['matrix'] / med['plain']:.2f} (goal <= 3)")
    print(f"what-if / matrix = {med['what-if'] / med['matrix']:.2f} (goal <= 2)")
    print(f"peak memory      = {max(peaks.values()):.0f} MB (goal < 500)")
    if not same:
        sys.exit("the matrix CSV differs from the plain program's")


if __name__ == "__main__":
    main()
