#!/usr/bin/env python3
"""How well Dateline estimates the reference date of undated articles.

Reads `dateline extract` or `dateline extract --jsonl` output and counts, among the articles
whose text writes a year (a four-digit number from 1800 to 2199), how many got an estimate
("reference": {"source": "estimated"}) and how many of those are right:

  scripts/reference_check.py OUT.jsonl --years 2004,2005
      right when the estimated year is one of these (the BBC folder: all from 2004-2005);
  scripts/reference_check.py OUT.jsonl --truth TRUTH.jsonl
      right when the year is the true one; TRUTH.jsonl holds {"id", "date"} per article (the
      publication dates taken off the articles before extraction), and the month and the
      distance in days are reported too.

A file's date the estimate agrees with counts as the estimate (source "file" with a
confidence above 0.1). Articles without an estimate count as not right.
"""

import argparse
import json
import re
import statistics
import sys
from datetime import date

YEAR = re.compile(r"(?<![\d,.])(1[89]\d\d|2[01]\d\d)(?![\d,])")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("output", help="extract output, one JSON object per line")
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--years", help="the years that count as right, comma-separated")
    group.add_argument("--truth", help="JSON Lines of {id, date}")
    args = parser.parse_args()

    truth = {}
    if args.truth:
        with open(args.truth, encoding="utf-8") as f:
            for line in f:
                record = json.loads(line)
                truth[str(record["id"])] = date.fromisoformat(record["date"][:10])
    years = {int(y) for y in args.years.split(",")} if args.years else set()

    articles = with_year = estimated = right = month_right = 0
    days = []
    by_source = {}
    with open(args.output, encoding="utf-8") as f:
        for line in f:
            record = json.loads(line)
            if "error" in record:
                continue
            articles += 1
            if not YEAR.search(record.get("text") or ""):
                continue
            with_year += 1
            reference = record.get("reference") or {}
            source = reference.get("source", "none")
            by_source[source] = by_source.get(source, 0) + 1
            supported = source == "estimated" or (
                source == "file" and reference.get("confidence", 0) > 0.1
            )
            if not supported:
                continue
            estimated += 1
            got = date.fromisoformat(reference["date"])
            if args.years:
                right += got.year in years
                continue
            key = str(record.get("id", record.get("path")))
            want = truth.get(key)
            if want is None:
                sys.exit(f"no true date for {key}")
            right += got.year == want.year
            month_right += (got.year, got.month) == (want.year, want.month)
            days.append(abs((got - want).days))

    def share(n, of):
        return f"{n} ({n / of:.1%})" if of else f"{n}"

    print(f"articles: {articles}; writing a year: {with_year}")
    print(f"reference sources among them: {by_source}")
    print(f"estimated: {share(estimated, with_year)}")
    print(f"right year: {share(right, with_year)} of those writing a year; "
          f"{share(right, estimated)} of those estimated")
    if days:
        print(f"right month: {share(month_right, estimated)} of those estimated; "
              f"days off: median {statistics.median(days):.0f}, "
              f"within 31 days {sum(d <= 31 for d in days) / len(days):.1%}")


if __name__ == "__main__":
    main()
