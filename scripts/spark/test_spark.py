#!/usr/bin/env python3
"""The Spark job against `dateline` run directly, in local[2]: the same records line for line
(after sorting by id), a bad record one error line, a crashing extractor a failed job.

    python scripts/spark/test_spark.py target/release/dateline

Needs pyspark (pinned in scripts/spark/requirements.txt) and Java 17. Run by tests/spark.rs.
"""

import contextlib
import glob
import io
import json
import os
import stat
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import dateline_extract  # noqa: E402

DATELINE = None

STORIES = [
    "Envoys meet\n\nSEOUL, May 2 (Yonhap) -- Liang Guanglie met envoys in Seoul on Monday. "
    "Liang said talks would resume next week.",
    "Talks resume\n\nGENEVA, Nov. 2 (Reuters) - Talks resumed in Gen\u00e8ve on Tuesday. "
    "The ministry said on Friday that KCNA had reported the visit.",
    "Cocoa review\n\nSALVADOR, Feb 26 - Showers continued in the Bahia cocoa zone, "
    "Comissaria Smith said in its weekly review of January.",
]


def corpus_lines(n):
    lines = []
    for i in range(n):
        record = {"id": "doc-%03d" % i, "text": STORIES[i % len(STORIES)] + " Copy %d." % i}
        if i % 4 == 0:
            record["published"] = "1987-02-%02d" % (1 + i % 28)
        lines.append(json.dumps(record))
    # A bad record: its error line must come out once, and the job go on.
    lines.insert(7, json.dumps({"id": "bad-date", "text": "Story\n\nIt rained.", "published": "last week"}))
    return lines


def direct(args, text):
    done = subprocess.run([DATELINE] + args, input=text.encode(), capture_output=True, check=True)
    return done.stdout.decode().splitlines()


def read_parts(folder):
    lines = []
    for part in sorted(glob.glob(os.path.join(folder, "part-*"))):
        with open(part, encoding="utf-8") as f:
            lines += [l.rstrip("\n") for l in f if l.strip()]
    return lines


def by_id(lines):
    return sorted(lines, key=lambda l: json.dumps(json.loads(l)["id"]))


class SparkJob(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.mkdtemp()
        cls.lines = corpus_lines(60)
        cls.corpus = os.path.join(cls.dir, "corpus.jsonl")
        with open(cls.corpus, "w", encoding="utf-8") as f:
            f.write("\n".join(cls.lines) + "\n")
        cls.expected = direct(["extract", "--jsonl"], "\n".join(cls.lines))
        cls.registry = direct(["entities", "--merge"], "\n".join(cls.expected))

    def run_job(self, name, *extra):
        out = os.path.join(self.dir, name)
        code = dateline_extract.main([self.corpus, out, "--master", "local[2]", "--partitions", "4", "--dateline", DATELINE] + list(extra))
        return code, out

    def test_rdd_pipe_gives_what_dateline_gives(self):
        code, out = self.run_job("rdd", "--parquet")
        self.assertEqual(code, 0)
        got = read_parts(os.path.join(out, "articles"))
        self.assertEqual(len(got), len(self.lines))
        self.assertEqual(by_id(got), by_id(self.expected))
        errors = [json.loads(l) for l in got if "error" in json.loads(l)]
        self.assertEqual([e["id"] for e in errors], ["bad-date"])
        # The registry of the partitions, shuffled by key and merged: the registry of the whole.
        self.assertEqual(sorted(read_parts(os.path.join(out, "entities"))), sorted(self.registry))
        self.assertTrue(glob.glob(os.path.join(out, "parquet", "*.parquet")))

    def test_sql_transform_gives_what_dateline_gives(self):
        code, out = self.run_job("sql", "--engine", "sql", "--no-entities")
        self.assertEqual(code, 0)
        self.assertEqual(by_id(read_parts(os.path.join(out, "articles"))), by_id(self.expected))

    def test_paths_mode_reads_the_files(self):
        folder = os.path.join(self.dir, "files")
        os.makedirs(folder)
        for i, story in enumerate(STORIES):
            with open(os.path.join(folder, "story-%d.txt" % i), "w", encoding="utf-8") as f:
                f.write(story)
        # A shard of records among the files: filtered line for line into a file of its own.
        with open(os.path.join(folder, "shard.jsonl"), "w", encoding="utf-8") as f:
            f.write("\n".join(self.lines[:10]) + "\n")
        out = os.path.join(self.dir, "paths")
        # A folder of article files is read as paths without being told.
        code = dateline_extract.main([folder, out, "--master", "local[2]", "--dateline", DATELINE])
        self.assertEqual(code, 0)
        paths = dateline_extract.article_paths(folder)
        expected = direct(["extract", "--jsonl", "--paths"], "\n".join(p for p in paths if p.endswith(".txt")))
        expected += direct(["extract", "--jsonl"], "\n".join(self.lines[:10]))
        written = []
        for name in sorted(glob.glob(os.path.join(out, "articles", "*.jsonl"))):
            with open(name, encoding="utf-8") as f:
                written += [l.rstrip("\n") for l in f if l.strip()]
        self.assertEqual(by_id(written), by_id(expected))
        manifest = [json.loads(l) for l in read_parts(os.path.join(out, "manifest"))]
        self.assertEqual(sorted(m["id"] for m in manifest), paths)
        shard = next(m for m in manifest if m["id"].endswith("shard.jsonl"))
        self.assertEqual((shard["lines"], shard["errors"]), (10, 1))
        # And the registry of what the files hold.
        self.assertTrue(read_parts(os.path.join(out, "entities")))

    def test_a_crashing_extractor_fails_the_job_visibly(self):
        crash = os.path.join(self.dir, "crashing-dateline")
        with open(crash, "w") as f:
            # Answers two lines, then dies as a killed or broken extractor would.
            f.write("#!/bin/sh\nhead -n 2 | \"%s\" \"$@\"\nexit 3\n" % DATELINE)
        os.chmod(crash, os.stat(crash).st_mode | stat.S_IEXEC)
        for engine in ["rdd", "sql"]:
            out = os.path.join(self.dir, "crash-" + engine)
            said = io.StringIO()
            with contextlib.redirect_stderr(said):
                code = dateline_extract.main(
                    [self.corpus, out, "--master", "local[2]", "--dateline", crash, "--no-entities", "--engine", engine]
                )
            self.assertNotEqual(code, 0, engine)
            self.assertIn("the job failed", said.getvalue())
            self.assertRegex(
                said.getvalue(), r"exited with (status|error code) 3|stopped before it read all its input", engine
            )
            self.assertFalse(os.path.exists(os.path.join(out, "articles", "_SUCCESS")), engine)


if __name__ == "__main__":
    DATELINE = os.path.abspath(sys.argv.pop(1))
    unittest.main(verbosity=2)
