#!/usr/bin/env python3
"""The shipped estimates are what `rampart calibrate` computes from the shipped data.

    check_shipped_estimates.py RAMPART_BINARY

Runs `rampart calibrate --train-until 2024 -o FILE` in an empty folder and compares FILE with
scenarios/data/estimates.toml, line for line except the "# Written by:" line (it names the
output path). A change of the model, the likelihood or the data that moves the estimates fails
here until the file is regenerated with the command docs/validation.md gives.
"""

import subprocess
import sys
import tempfile
from pathlib import Path

SHIPPED = Path(__file__).resolve().parents[2] / "scenarios" / "data" / "estimates.toml"


def comparable(text):
    return [line for line in text.splitlines() if not line.startswith("# Written by:")]


def main():
    binary = str(Path(sys.argv[1]).resolve())
    with tempfile.TemporaryDirectory(prefix="rampart-estimates-") as tmp:
        out = Path(tmp) / "estimates.toml"
        done = subprocess.run([binary, "calibrate", "--train-until", "2024", "-o", str(out)],
                              cwd=tmp, capture_output=True, text=True)
        if done.returncode != 0:
            print(f"rampart calibrate exited {done.returncode}\n{done.stderr}")
            return 1
        fresh = comparable(out.read_text(encoding="utf-8"))
    shipped = comparable(SHIPPED.read_text(encoding="utf-8"))
    if fresh == shipped:
        print(f"{SHIPPED}: what rampart calibrate computes ({len(shipped)} lines)")
        return 0
    for i, (a, b) in enumerate(zip(shipped, fresh)):
        if a != b:
            print(f"{SHIPPED}:{i + 1}: shipped\n  {a}\ncalibrate computes\n  {b}")
            break
    else:
        print(f"{SHIPPED}: {len(shipped)} lines shipped, {len(fresh)} computed")
    print("Regenerate it: ./build/rampart calibrate -o scenarios/data/estimates.toml --force")
    return 1


if __name__ == "__main__":
    sys.exit(main())
