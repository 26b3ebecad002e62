#!/usr/bin/env python3
"""A workspace of N fictional services for `make bench`'s server figures (default 1,000).

Usage: Benchmarks/server/make-workspace.py OUT_DIR [N]

Writes OUT_DIR/Codes (a copy of the repository's codes), OUT_DIR/Submissions/<slug>.yaml (one
service each) and OUT_DIR/stems.txt (the slugs, in order). Every submission is one of the
examples' shapes (Submissions/*.yaml, in turn) with a new fictional name and varied answers: its
date, its number of UK users, about a third of its declared risk levels moved one step, and about
one in ten of its yes/no controls flipped. The same N gives the same files byte for byte (each
service's choices come from a generator seeded with its number). The examples' comments stay; the
reviews are not copied (they name the examples' files).
"""
import os
import random
import re
import shutil
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
LEVELS = ["negligible", "low", "medium", "high"]
FIRST = ["Amber", "Brindle", "Cobalt", "Dusk", "Ember", "Fern", "Gull", "Hazel", "Ivy", "Juniper",
         "Kestrel", "Linden", "Moss", "Nettle", "Opal", "Pebble", "Quill", "Rowan", "Sorrel", "Thistle"]
SECOND = ["brook", "cliff", "dale", "fold", "gate", "holm", "kirk", "lea", "mere", "ness",
          "shaw", "thorpe", "wick", "worth", "yard"]
KIND = ["Chat", "Forum", "Live", "Video", "Social", "Files", "Messenger", "Play", "Market", "Stories"]

RISK = re.compile(r"^(  [a-z_]+: )(negligible|low|medium|high)(\s*(#.*)?)$")
BOOL = re.compile(r"^(    +[a-z_]+: )(true|false)(\s*(#.*)?)$")
USERS = re.compile(r"^(  uk_users: )(\d+)(\s*(#.*)?)$")


def slug(text):
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def vary(text, number, rng):
    name = f"{FIRST[number % 20]}{SECOND[(number // 20) % 15]} {KIND[number % 10]} {number:04d}"
    out, section, in_submission_header = [], None, False
    for line in text.split("\n"):
        if re.match(r"^[a-z_]+:", line):
            section = line.split(":")[0]
        if section == "submission" and line.startswith("  service: "):
            line = f"  service: {name}"
        elif section == "submission" and line.startswith("  provider: "):
            line = f"  provider: {name} Ltd"
        elif section == "submission" and line.startswith("  date: "):
            line = f"  date: 2026-{rng.randint(1, 11):02d}-{rng.randint(1, 28):02d}"
        elif section == "service" and USERS.match(line):
            m = USERS.match(line)
            line = f"{m.group(1)}{max(1000, int(int(m.group(2)) * rng.uniform(0.2, 3.0)))}{m.group(3)}"
        elif section in ("risk", "children_risk") and RISK.match(line):
            m = RISK.match(line)
            level = LEVELS.index(m.group(2))
            if rng.random() < 0.33:
                level = min(3, max(0, level + rng.choice([-1, 1])))
            line = f"{m.group(1)}{LEVELS[level]}{m.group(3)}"
        elif section == "controls" and BOOL.match(line):
            m = BOOL.match(line)
            value = m.group(2)
            if rng.random() < 0.1:
                value = "false" if value == "true" else "true"
            line = f"{m.group(1)}{value}{m.group(3)}"
        out.append(line)
    return name, "\n".join(out)


def main(argv):
    if len(argv) < 2:
        print(__doc__.split("\n\n")[1])
        return 2
    out = argv[1]
    count = int(argv[2]) if len(argv) > 2 else 1000
    examples = sorted(os.path.join(ROOT, "Submissions", f) for f in os.listdir(os.path.join(ROOT, "Submissions"))
                      if f.endswith(".yaml"))
    texts = []
    for path in examples:
        with open(path, encoding="utf-8") as f:
            texts.append(f.read())
    shutil.rmtree(os.path.join(out, "Codes"), ignore_errors=True)
    shutil.copytree(os.path.join(ROOT, "Codes"), os.path.join(out, "Codes"))
    submissions = os.path.join(out, "Submissions")
    os.makedirs(submissions, exist_ok=True)
    stems = []
    for number in range(1, count + 1):
        rng = random.Random(f"safetycode-bench-{number}")
        name, text = vary(texts[(number - 1) % len(texts)], number, rng)
        stem = slug(name)
        stems.append(stem)
        with open(os.path.join(submissions, stem + ".yaml"), "w", encoding="utf-8") as f:
            f.write(text)
    with open(os.path.join(out, "stems.txt"), "w", encoding="utf-8") as f:
        f.write("\n".join(stems) + "\n")
    print(f"{count} services written into {submissions}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
