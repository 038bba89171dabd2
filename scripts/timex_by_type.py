#!/usr/bin/env python3
"""Per-type span and value figures for Dateline's time expressions against gold.

Usage: scripts/timex_by_type.py GOLD.jsonl SYSTEM.jsonl
Precision counts system expressions of a type, recall gold expressions of that type; a span
matches exactly (strict) or by overlap (relaxed, first overlapping one); value F1 counts
relaxed matches whose value is also right.
"""
import collections
import json
import sys


def load(path):
    return {d["doc_id"]: d for d in map(json.loads, open(path, encoding="utf-8"))}


def f1(p, r):
    return 2 * p * r / (p + r) if p + r else 0.0


def main():
    gold, system = load(sys.argv[1]), load(sys.argv[2])
    c = collections.defaultdict(collections.Counter)
    for doc_id, g in gold.items():
        sys_t = system.get(doc_id, {}).get("timexes", [])
        for s in sys_t:
            c[s["type"]]["sys"] += 1
            if any((s["start"], s["end"]) == (t["start"], t["end"]) for t in g["timexes"]):
                c[s["type"]]["sys_strict"] += 1
            over = [t for t in g["timexes"] if min(s["end"], t["end"]) > max(s["start"], t["start"])]
            if over:
                c[s["type"]]["sys_relaxed"] += 1
                c[s["type"]]["sys_value"] += over[0]["value"] == s["value"]
        for t in g["timexes"]:
            c[t["type"]]["gold"] += 1
            if any((s["start"], s["end"]) == (t["start"], t["end"]) for s in sys_t):
                c[t["type"]]["gold_strict"] += 1
            over = [s for s in sys_t if min(s["end"], t["end"]) > max(s["start"], t["start"])]
            if over:
                c[t["type"]]["gold_relaxed"] += 1
                c[t["type"]]["gold_value"] += over[0]["value"] == t["value"]
    print("%-9s %5s %5s %10s %11s %9s" % ("type", "gold", "sys", "strict F1", "relaxed F1", "value F1"))
    for kind in ("DATE", "TIME", "DURATION", "SET"):
        k = c[kind]
        row = []
        for name in ("strict", "relaxed", "value"):
            p = k["sys_" + name] / k["sys"] if k["sys"] else 0.0
            r = k["gold_" + name] / k["gold"] if k["gold"] else 0.0
            row.append(f1(p, r))
        print("%-9s %5d %5d %10.3f %11.3f %9.3f" % (kind, k["gold"], k["sys"], *row))


main()
