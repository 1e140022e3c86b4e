#!/usr/bin/env python3
"""Regenerates the rows of docs/scenarios.md's parameter reference from parameters.def.

docs/model.md's table carries sources and ranges written by hand, so for it this script only
lists the registry rows that the table lacks (tests/sim/test_model_doc.cpp checks both tables).
Usage: scripts/param_tables.py [--check]
"""
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEF = ROOT / "scenarios/include/rampart/scenarios/parameters.def"
ROW = re.compile(r'RAMPART_PARAM\((\w+), "([^"]+)", "([^"]*)", ([-\d.e]+), ([-\d.e]+), ([-\d.e]+), "([^"]*)"\)')
CATEGORIES = {
    "us.policy": ["committed", "transactional", "disengaging"],
    "state.preferences": ["estimated", "calibrated"],
    "history.us_stance": ["record", "scenario"],
    "history.russia": ["record", "scenario"],
    "history.war": ["record", "scenario"],
    "history.guideline": ["record", "scenario"],
}


def number(text):
    value = float(text)
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return f"{value:.10g}"


def registry():
    return [m.groups() for m in ROW.finditer(DEF.read_text())]


def scenario_rows():
    rows = []
    for _, path, unit, default, low, high, meaning in registry():
        if path in CATEGORIES:
            names = CATEGORIES[path]
            rows.append(f'| `{path}` | {unit} | `"{names[int(float(default))]}"` | '
                        f'{", ".join(names)} | {meaning} |')
        else:
            rows.append(f"| `{path}` | {unit} | {number(default)} | [{number(low)}, {number(high)}] | {meaning} |")
    return rows


def main():
    doc = ROOT / "docs/scenarios.md"
    lines = doc.read_text().split("\n")
    start = lines.index("## Parameter reference")
    first = next(i for i in range(start, len(lines)) if lines[i].startswith("| `"))
    last = first
    while last < len(lines) and lines[last].startswith("| `"):
        last += 1
    new = lines[:first] + scenario_rows() + lines[last:]
    if "--check" in sys.argv:
        sys.exit(0 if new == lines else 1)
    doc.write_text("\n".join(new))
    model = (ROOT / "docs/model.md").read_text()
    for _, path, *_ in registry():
        if f"| `{path}` |" not in model:
            print(f"docs/model.md lacks a row for {path}")


if __name__ == "__main__":
    main()
