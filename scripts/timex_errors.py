#!/usr/bin/env python3
"""Lists where Dateline's time expressions differ from gold, most frequent first.

Usage: scripts/timex_errors.py GOLD.jsonl SYSTEM.jsonl [missed|spurious|span|value] [N]
"""
import collections
import json
import sys


def load(path):
    return {d["doc_id"]: d for d in map(json.loads, open(path, encoding="utf-8"))}


def main():
    gold, system = load(sys.argv[1]), load(sys.argv[2])
    what = sys.argv[3] if len(sys.argv) > 3 else "value"
    limit = int(sys.argv[4]) if len(sys.argv) > 4 else 60
    rows = collections.Counter()
    examples = {}
    for doc_id, g in gold.items():
        text = g["text"]
        sys_t = system.get(doc_id, {}).get("timexes", [])
        for gt in g["timexes"]:
            over = [s for s in sys_t if min(s["end"], gt["end"]) > max(s["start"], gt["start"])]
            key = None
            if not over and what == "missed":
                key = text[gt["start"]:gt["end"]].lower()
            elif over and what == "span" and (over[0]["start"], over[0]["end"]) != (gt["start"], gt["end"]):
                key = "%s | %s" % (text[gt["start"]:gt["end"]], text[over[0]["start"]:over[0]["end"]])
            elif over and what == "value" and over[0]["value"] != gt["value"]:
                key = "%s  gold=%s sys=%s" % (text[gt["start"]:gt["end"]], gt["value"], over[0]["value"])
                examples.setdefault(key, "dct=%s  %s" % (g["dct"], text[max(0, gt["start"] - 80):gt["end"] + 40].replace("\n", " ")))
            if key:
                rows[key] += 1
                examples.setdefault(key, text[max(0, gt["start"] - 60):gt["end"] + 30].replace("\n", " "))
        if what == "spurious":
            for s in sys_t:
                if not any(min(s["end"], gt["end"]) > max(s["start"], gt["start"]) for gt in g["timexes"]):
                    key = text[s["start"]:s["end"]].lower()
                    rows[key] += 1
                    examples.setdefault(key, text[max(0, s["start"] - 60):s["end"] + 30].replace("\n", " "))
    for key, n in rows.most_common(limit):
        print("%3d  %s\n       %s" % (n, key, examples[key]))


main()
