#!/usr/bin/env python3
"""How many of Dateline's value errors the gold itself contradicts.

For every matched time expression whose value differs from gold, looks at every other
annotation of the same words in the gold file. When the gold gives those words values of
several shapes (digits replaced by 9: "1988" vs "1988-Q3" vs "1988-QX") and Dateline's value
has one of those shapes, the error is a granularity the annotators themselves chose elsewhere.

Usage: scripts/timex_gold_consistency.py GOLD.jsonl SYSTEM.jsonl
"""
import collections
import json
import re
import sys


def shape(value):
    return re.sub(r"\d", "9", value)


def main():
    gold = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8")]
    system = {d["doc_id"]: d for d in map(json.loads, open(sys.argv[2], encoding="utf-8"))}
    shapes = collections.defaultdict(set)
    for doc in gold:
        for g in doc["timexes"]:
            shapes[doc["text"][g["start"]:g["end"]].lower()].add(shape(g["value"]))
    matched = errors = contradicted = 0
    for doc in gold:
        for g in doc["timexes"]:
            over = [s for s in system.get(doc["doc_id"], {}).get("timexes", [])
                    if min(s["end"], g["end"]) > max(s["start"], g["start"])]
            if not over:
                continue
            matched += 1
            if over[0]["value"] == g["value"]:
                continue
            errors += 1
            words = doc["text"][g["start"]:g["end"]].lower()
            ours = shape(over[0]["value"])
            if ours != shape(g["value"]) and ours in shapes[words]:
                contradicted += 1
    print("matched %d, value errors %d, of which the gold contradicts itself on %d (%.0f%%)"
          % (matched, errors, contradicted, 100.0 * contradicted / max(errors, 1)))


main()
