#!/usr/bin/env python3
"""The seminar kit, ready to open without installing anything (docs/seminar.md).

    scripts/seminar_kit.py [--build DIR] [--check]

Runs `rampart seminar` (the lesson's four scenarios, 1000 runs each, seed 20250601) with the
release build's binary (DIR/rampart, default build/) and writes into docs/seminar-kit/:

  report.html  the seminar report, exactly what `rampart seminar` writes
  handout.md   one page for the class: the numbers the lesson quotes, per scenario
  roles.md     one card per country role: its 2024 spending and its simulated 2035 spending

With --check it writes the kit into a temporary folder instead and fails (exit 1) if it differs
from the checked-in one, ignoring only the report's creation time and git commit, and says how
to regenerate it; it also checks that every number docs/seminar.md quotes (its "kit numbers"
markers) is one the kit shows. CI runs the check (ctest label "kit").
"""

import argparse
import csv
import difflib
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
KIT = REPO / "docs" / "seminar-kit"
REGENERATE = "cmake --build build && scripts/seminar_kit.py"
SCENARIOS = ["baseline", "hague_5pct", "us_transactional", "us_disengagement"]
LAST_YEAR = 2035

# The handout's rows: outcome expression (docs/analysis.md, "Outcomes"), plain label, format.
HANDOUT_ROWS = [
    ("spending_share[NATO-Europe]@2035", "European allies' defence spending, % of their GDP", "pct2"),
    ("spending_share[frontline]@2035", "frontline states' defence spending, % of their GDP", "pct2"),
    ("spending_share[US]@2035", "US defence spending, % of GDP", "pct2"),
    ("us_share_nato@2035", "US share of all allies' defence spending", "pct1"),
    ("allies_at_2pct@2035", "allies spending at least 2 % of GDP (of 32)", "count"),
    ("allies_at_3_5pct@2035", "allies spending at least 3.5 % of GDP (of 32)", "count"),
    ("commitment[NATO-Europe]@2035", "European allies' commitment to defend each other (0 to 1)", "dec2"),
    ("first_crisis_year <= 2035", "chance of at least one Russian probe (a crisis) by 2035", "pct1"),
    ("first_failure_year <= 2035", "chance that deterrence fails by 2035", "pct1"),
]

# The role cards: ISO3, name, the question each role brings to the debates.
ROLES = [
    ("USA", "United States",
     "You pay most of NATO's bill. Argue for or against staying in Europe: what do you get for it, "
     "and what would make you leave?"),
    ("DEU", "Germany",
     "Europe's largest economy, at 2 % only since 2024. Can Europe fill the gap if the US steps "
     "back, and should Germany lead it?"),
    ("FRA", "France",
     "A nuclear power that argues for European strategic autonomy. Is Article 42(7) a credible "
     "alternative to Article 5?"),
    ("GBR", "United Kingdom",
     "Outside the EU, inside NATO. How does a European ally outside the EU take part in a "
     "European pillar?"),
    ("POL", "Poland",
     "A frontline state spending over 4 % of GDP. Who protects you if the US leaves, and is it "
     "fair that you pay more than richer allies?"),
    ("EST", "Estonia",
     "A small frontline ally that cannot defend itself alone. What do you need from the large "
     "economies, and what do you offer?"),
    ("ITA", "Italy",
     "A large economy below 2 %, far from Russia. Is a share of GDP a fair measure of your "
     "contribution?"),
    ("ESP", "Spain",
     "The ally with the lowest spending share in 2024. Defend your record: what counts besides "
     "the budget (responsibility-sharing)?"),
    ("IRL", "Ireland",
     "A neutral EU member outside NATO. What does Article 42(7) ask of you, and what do you ask "
     "of others?"),
]


def run(binary, args, cwd):
    env = dict(os.environ, RAMPART_DATA_DIR=str(REPO / "scenarios"))
    done = subprocess.run([str(binary)] + args, cwd=cwd, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"seminar_kit: 'rampart {' '.join(args)}' failed ({done.returncode}):\n"
                 f"{done.stdout}{done.stderr}")
    return done.stdout


def fmt(value, kind):
    if kind == "pct2":
        return f"{100 * value:.2f} %"
    if kind == "pct1":
        return f"{100 * value:.1f} %"
    if kind == "count":
        return f"{value:.1f}"
    return f"{value:.2f}"


def handout(binary, work):
    args = ["compare", "rampart-seminar/results.h5", "--format", "csv", "--threads", "1"]
    for outcome, _, _ in HANDOUT_ROWS:
        args += ["--outcome", outcome]
    rows = list(csv.DictReader(io.StringIO(run(binary, args, work))))
    means = {}  # (outcome label, scenario) -> mean
    for r in rows:
        means[(r["outcome"], r["scenario_a"])] = float(r["mean_a"])
        means[(r["outcome"], r["scenario_b"])] = float(r["mean_b"])
    out = [
        "# Who pays for Europe's defence? Handout",
        "",
        f"The model's numbers for {LAST_YEAR}, from the seminar report (`report.html`: the four "
        "scenarios, 1000 simulated futures each, seed 20250601). Each number is the average over "
        "the 1000 futures; a chance is the share of futures in which it happens. The report's "
        "charts show the spread around these averages.",
        "",
        "| in " + str(LAST_YEAR) + " | " + " | ".join(f"`{s}`" for s in SCENARIOS) + " |",
        "| --- |" + " ---: |" * len(SCENARIOS),
    ]
    for outcome, label, kind in HANDOUT_ROWS:
        key = outcome if "<" not in outcome else f"P({outcome})"
        cells = [fmt(means[(key, s)], kind) for s in SCENARIOS]
        out.append(f"| {label} | " + " | ".join(cells) + " |")
    out += [
        "",
        "**The scenarios.** `baseline`: the 2024 posture continues (a committed US, the 2 % "
        "guideline, war in Ukraine). `hague_5pct`: NATO's new target, 3.5 % of GDP on core "
        "defence by 2035. `us_transactional`: the US defends only allies that pay and presses "
        "for 5 %. `us_disengagement`: the US withdraws to a small presence and stops aid to "
        "Ukraine.",
        "",
        "**Questions.** (1) Which scenario makes Europe spend most, and which makes it safest? "
        "Are they the same? (2) If the US leaves, does Europe fill the gap? Compare the US share "
        "and the European spending rows. (3) Who pays, who is protected? One sentence, with one "
        "number from this page.",
        "",
        "The numbers are probabilities and averages *in the model*, not forecasts: what the model "
        "is good for is the comparison (every scenario's future number 17 has the same luck).",
        "",
    ]
    return "\n".join(out)


def roles(binary, work):
    countries = ",".join(iso for iso, _, _ in ROLES)
    args = ["summarize", "rampart-seminar/results.h5", "--countries", countries, "--years",
            f"2024,{LAST_YEAR}", "--no-events", "--format", "csv", "--threads", "1"]
    rows = list(csv.DictReader(io.StringIO(run(binary, args, work))))
    stats = {(r["scenario"], int(r["year"]), r["selection"]): r for r in rows}
    out = [
        "# Who pays for Europe's defence? Role cards",
        "",
        "Cut the page into cards, one per student or group. Each card gives the country's defence "
        "spending as a share of its GDP in 2024 (the data) and in the model's "
        f"{LAST_YEAR} under each scenario: the median of the 1000 simulated futures, and the range "
        "holding 90 % of them. Find your country in the report's *Who carries the burden?* chart.",
        "",
    ]
    for iso, name, question in ROLES:
        data = float(stats[(SCENARIOS[0], 2024, iso)]["q50"])
        out += [f"## {name} ({iso})", "", f"2024 (data): **{100 * data:.2f} %** of GDP on defence.",
                "", f"| scenario | {LAST_YEAR}, median | 90 % of futures |", "| --- | ---: | ---: |"]
        for s in SCENARIOS:
            r = stats[(s, LAST_YEAR, iso)]
            out.append(f"| `{s}` | {100 * float(r['q50']):.2f} % | "
                       f"{100 * float(r['q05']):.2f} – {100 * float(r['q95']):.2f} % |")
        out += ["", f"*Your question:* {question}", ""]
    return "\n".join(out)


def generate(binary, dest):
    dest.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="rampart-kit-") as tmp:
        work = Path(tmp)
        run(binary, ["seminar", "--threads", "2"], work)
        shutil.copyfile(work / "rampart-seminar" / "report.html", dest / "report.html")
        (dest / "handout.md").write_text(handout(binary, work), encoding="utf-8")
        (dest / "roles.md").write_text(roles(binary, work), encoding="utf-8")


def normalised(path):
    text = path.read_text(encoding="utf-8")
    if path.name == "report.html":
        text = re.sub(r"<tr><th>created</th><td>[^<]*</td></tr>",
                      "<tr><th>created</th><td>(time)</td></tr>", text)
        text = re.sub(r"\(git [0-9a-z]+\)", "(git)", text)
    return text


SEMINAR = REPO / "docs" / "seminar.md"
NUMBERS = re.compile(r"^<!-- kit numbers, checked against docs/seminar-kit by scripts/seminar_kit.py: (.*) -->$")


def quoted_numbers(kit):
    """The numbers docs/seminar.md quotes: each marker lists values that its paragraph (the text
    since the previous marker or heading) states, and that the kit shows: on the handout, or as
    the report's rank correlation ("rho = 0.06")."""
    problems = []
    handout = (kit / "handout.md").read_text(encoding="utf-8")
    report = (kit / "report.html").read_text(encoding="utf-8")
    paragraph = []
    for number, line in enumerate(SEMINAR.read_text(encoding="utf-8").splitlines(), 1):
        m = NUMBERS.match(line)
        if not m:
            paragraph = [] if line.startswith("#") else paragraph + [line]
            continue
        text = " ".join(paragraph)
        for value in (v.strip() for v in m.group(1).split(";")):
            if value not in text:
                problems.append(f"docs/seminar.md:{number}: the marker lists {value!r}, which its "
                                "paragraph does not quote")
            elif value not in handout and f"rho = {value}" not in report:
                problems.append(f"docs/seminar.md:{number}: the lesson quotes {value!r}, which the "
                                "seminar kit does not show (update the lesson's numbers from "
                                "docs/seminar-kit/handout.md and report.html)")
        paragraph = []
    return problems


def check(binary):
    with tempfile.TemporaryDirectory(prefix="rampart-kit-check-") as tmp:
        fresh = Path(tmp) / "kit"
        generate(binary, fresh)
        problems = quoted_numbers(fresh)
        for produced in sorted(fresh.iterdir()):
            kept = KIT / produced.name
            if not kept.exists():
                problems.append(f"{kept.relative_to(REPO)} is missing")
                continue
            a, b = normalised(kept), normalised(produced)
            if a != b:
                diff = list(difflib.unified_diff(a.splitlines(), b.splitlines(),
                                                 str(kept.relative_to(REPO)), "the current code",
                                                 lineterm="", n=0))
                shown = [line[:200] for line in diff[:12]]
                problems.append(f"{kept.relative_to(REPO)} differs from what the current code "
                                "produces:\n  " + "\n  ".join(shown))
    if problems:
        print("seminar_kit: the seminar kit is out of date with the current code:", file=sys.stderr)
        for p in problems:
            print(p, file=sys.stderr)
        print(f"Regenerate it with `{REGENERATE}` and commit docs/seminar-kit (and the numbers "
              "docs/seminar.md quotes, from the new handout).", file=sys.stderr)
        return 1
    print("seminar_kit: docs/seminar-kit is what the current code produces")
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", default=str(REPO / "build"), help="build folder (default build)")
    parser.add_argument("--check", action="store_true", help="compare instead of writing")
    options = parser.parse_args()
    binary = Path(options.build).resolve() / "rampart"
    if not binary.exists():
        sys.exit(f"seminar_kit: no binary {binary}; build first (cmake --build build)")
    if options.check:
        return check(binary)
    generate(binary, KIT)
    print(f"seminar_kit: wrote {KIT.relative_to(REPO)}/report.html, handout.md and roles.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
