#!/usr/bin/env python3
"""The documentation's TOML examples, verbatim: every fenced ```toml block in docs/*.md that is
preceded by a marker line

    <!-- example NAME.toml: rampart check prints "EXPECTED" (tests/docs/test_doc_examples.py) -->

is saved as NAME.toml in an empty folder outside the source tree and checked with
`rampart check NAME.toml` run in that folder; it must exit 0 and print a line starting with
EXPECTED, where FILE stands for NAME.toml. Usage: test_doc_examples.py RAMPART_BINARY
"""

import re
import subprocess
import sys
import tempfile
from pathlib import Path

DOCS = Path(__file__).resolve().parents[2] / "docs"
MARKER = re.compile(r'^<!-- example (\S+\.toml): rampart check prints "(.*)" \(tests/docs/test_doc_examples\.py\) -->$')


def examples():
    found = []
    for doc in sorted(DOCS.glob("*.md")):
        lines = doc.read_text(encoding="utf-8").splitlines()
        for i, line in enumerate(lines):
            m = MARKER.match(line)
            if not m:
                continue
            if i + 1 >= len(lines) or lines[i + 1] != "```toml":
                sys.exit(f"{doc.name}:{i + 1}: an example marker must be followed by a ```toml block")
            end = lines.index("```", i + 2)
            found.append((f"{doc.name}:{i + 2}", m.group(1), m.group(2), "\n".join(lines[i + 2:end]) + "\n"))
    return found


def main():
    binary = str(Path(sys.argv[1]).resolve())
    found = examples()
    if len(found) < 2:
        print(f"expected the scenario and sweep examples of docs/scenarios.md, found {len(found)}")
        return 1
    failures = 0
    for where, name, expected, text in found:
        with tempfile.TemporaryDirectory(prefix="rampart-doc-example-") as tmp:
            (Path(tmp) / name).write_text(text, encoding="utf-8")
            done = subprocess.run([binary, "check", name], cwd=tmp, capture_output=True, text=True)
            want = expected.replace("FILE", name)
            if done.returncode != 0 or not any(l.startswith(want) for l in done.stdout.splitlines()):
                failures += 1
                print(f"{where}: the example {name} fails: 'rampart check {name}' exited "
                      f"{done.returncode}, expected a line starting '{want}'\n"
                      f"stdout: {done.stdout}stderr: {done.stderr}")
            else:
                print(f"{where}: {name} ok")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
