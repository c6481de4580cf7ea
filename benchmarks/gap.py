"""The gap at the scale of the world: some 197 × 196 ordered pairs × 11 crimes × 2 kinds.

Prints medians of interleaved whole-process runs, their ratios and peak memory:
- `mla gap --format csv` on the shipped record vs benchmarks/plain_matrix.py on the
  universal-participation scenario (the matrix's yardstick; goal <= 4x), and whether the CSV is
  byte-identical to benchmarks/plain_gap.py (a plain-Python program computing the same rows);
- `mla what-if` of a few States (text and JSON) vs a cold `mla can-request` (goal <= 2x);
- `mla what-if --format html` (two maps) vs `mla gap --format csv` (goal <= 2.5x);
- the peak memory of each (goal < 500 MB).

    python benchmarks/gap.py [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from matrix import run_process  # benchmarks/matrix.py: time and peak memory of a process

HERE = Path(__file__).resolve().parent
ON = "2027-06-01"
FEW = """name: three States ratify
events:
  - {state: SEN, type: ratification, date: 2026-12-10}
  - {state: ARG, type: ratification, date: 2026-12-10}
  - {state: BEL, type: ratification, date: 2026-12-10}
  - {state: SEN, type: declaration, annexes: [H], date: 2026-12-10}
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    mla = shutil.which("mla", path=str(Path(sys.executable).parent)) or "mla"
    tmp = Path(tempfile.mkdtemp())
    universal, few = tmp / "universal.yaml", tmp / "few.yaml"
    subprocess.run([sys.executable, str(HERE / "universal.py"), str(universal)], check=True,
                   stdout=subprocess.DEVNULL)
    few.write_text(FEW, encoding="utf-8")
    commands = {
        "plain-matrix": [sys.executable, str(HERE / "plain_matrix.py"), str(universal), ON],
        "plain-gap": [sys.executable, str(HERE / "plain_gap.py"), ON],
        "gap": [mla, "gap", "--format", "csv", "--on", ON],
        "can-request": [mla, "can-request", "--from", "LVA", "--to", "NLD", "--crime",
                        "genocide", "--on", ON],
        "what-if": [mla, "what-if", str(few), "--on", ON],
        "what-if-json": [mla, "what-if", str(few), "--on", ON, "--format", "json"],
        "what-if-html": [mla, "what-if", str(few), "--on", ON, "--format", "html"],
    }
    times: dict[str, list[float]] = {k: [] for k in commands}
    peaks: dict[str, float] = {k: 0.0 for k in commands}
    for i in range(args.runs + 1):
        for name, cmd in commands.items():
            elapsed, peak = run_process(cmd, env, tmp / f"{name}.out")
            if i:  # the first round warms caches and writes bytecode
                times[name].append(elapsed)
                peaks[name] = max(peaks[name], peak)
    same = (tmp / "plain-gap.out").read_bytes() == (tmp / "gap.out").read_bytes()
    rows = sum(1 for _ in (tmp / "gap.out").open()) - 1
    med = {k: statistics.median(v) for k, v in times.items()}
    print(f"the gap on {ON}: {rows:,} rows; CSV identical to plain_gap.py's: {same}")
    for name in commands:
        print(f"{name:13} median {med[name]:6.2f} s   peak {peaks[name]:6.0f} MB")
    print(f"gap / plain matrix (universal)  = {med['gap'] / med['plain-matrix']:.2f} (goal <= 4)")
    print(f"what-if / can-request           = {med['what-if'] / med['can-request']:.2f} "
          f"(goal <= 2)")
    print(f"what-if json / can-request      = {med['what-if-json'] / med['can-request']:.2f} "
          f"(goal <= 2)")
    print(f"what-if html / gap              = {med['what-if-html'] / med['gap']:.2f} "
          f"(goal <= 2.5)")
    print(f"peak memory                     = {max(peaks.values()):.0f} MB (goal < 500)")
    if not same:
        sys.exit("the gap CSV differs from plain_gap.py's")


if __name__ == "__main__":
    main()
