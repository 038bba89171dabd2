#!/usr/bin/env python3
"""Dateline's extraction as a step of an Apache Spark job.

Reads a corpus (JSON Lines of {"id", "text"} records, or a folder of article files), runs
`dateline extract --jsonl` in every partition through Spark's `pipe` (exit codes checked, so a
crashing extractor fails the job instead of losing records), and writes:

  OUT/articles/   one JSON line per input record or file, as `dateline extract --jsonl` prints
  OUT/entities/   the corpus registry: `dateline entities --merge` in every partition (map),
                  the lines shuffled by entity key, and merged again (reduce)
  OUT/parquet/    the articles as Parquet, with --parquet (Spark's own writer)

Two ways to run the extractor: `--engine rdd` (RDD.pipe) or `--engine sql` (Spark SQL
`SELECT TRANSFORM ... USING`, for clusters without RDDs, such as Spark Connect).

On one machine:
  python dateline_extract.py corpus.jsonl out --master 'local[2]' --dateline target/release/dateline
On a cluster, ship the binary with the job and name it as the executors see it:
  spark-submit --master yarn --files target/release/dateline \\
      scripts/spark/dateline_extract.py hdfs:///news/corpus.jsonl hdfs:///news/out --dateline ./dateline
Folders of article files (--paths) must be readable at the same path on every executor (a
shared file system); JSON Lines input can live anywhere Spark reads.
"""

import argparse
import json
import os
import shlex
import subprocess
import sys
import time


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("input", help="a JSON Lines corpus (file, folder of .jsonl, or glob), or with --paths a folder of article files")
    p.add_argument("output", help="the output folder (must not exist)")
    p.add_argument("--dateline", default="dateline", help="the dateline binary as the executors see it (default: dateline on PATH)")
    p.add_argument("--master", default=None, help="Spark master, e.g. local[2] (default: as spark-submit sets it, else local[*])")
    p.add_argument("--partitions", type=int, default=None, help="partitions of the input (default: twice the cores)")
    p.add_argument("--engine", choices=["rdd", "sql"], default="rdd", help="RDD.pipe or SQL TRANSFORM")
    p.add_argument("--paths", action="store_true", help="the input is a folder of article files, piped as paths")
    p.add_argument("--reference-date", default=None, help="YYYY-MM-DD for articles without a full publication date")
    p.add_argument("--no-entities", action="store_true", help="skip the corpus registry")
    p.add_argument("--parquet", action="store_true", help="also write the articles as Parquet")
    return p.parse_args(argv)


def extractor_command(args, out_dir=None):
    """The extractor's command as a list of words (no shell, so paths may hold spaces)."""
    command = [args.dateline, "extract", "--jsonl", "--threads", "1"]
    if args.paths:
        command.append("--paths")
    if out_dir:
        command += ["--out-dir", out_dir]
    if args.reference_date:
        command += ["--reference-date", args.reference_date]
    return command


def article_paths(folder):
    """Every article file under a folder, sorted, as absolute paths."""
    found = []
    for root, dirs, files in os.walk(folder):
        dirs.sort()
        for name in sorted(files):
            if name.lower().rsplit(".", 1)[-1] in {
                "txt", "text", "html", "htm", "xhtml", "docx", "rtf", "pdf", "xml", "rss", "atom", "json", "jsonl", "ndjson",
            }:
                found.append(os.path.abspath(os.path.join(root, name)))
    return found


def session(args):
    from pyspark.sql import SparkSession

    builder = (
        SparkSession.builder.appName("dateline-extract")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.driver.host", "127.0.0.1")
        # A failed partition is retried, then the job fails with the extractor's exit status.
        .config("spark.task.maxFailures", "2")
    )
    if args.master:
        builder = builder.master(args.master)
    elif "SPARK_HOME" not in os.environ and "PYSPARK_SUBMIT_ARGS" not in os.environ:
        builder = builder.master("local[*]")
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("WARN")
    return spark


def extract_rdd(spark, args, partitions, articles_dir):
    """Records through the extractor's pipe in the JVM (Spark's own PipedRDD: no Python
    worker copies the text, and a non-zero exit fails the task). With --paths, the extractor
    writes each file's records to the articles folder itself and only a line per file passes
    the pipe (PySpark's pipe, its exit code checked)."""
    sc = spark.sparkContext
    if args.paths:
        paths = sc.parallelize(article_paths(args.input), partitions)
        command = extractor_command(args, out_dir=articles_dir)
        manifest = os.path.join(args.output, "manifest")
        paths.pipe(" ".join(shlex.quote(c) for c in command), checkCode=True).saveAsTextFile(manifest)
        return
    sc._jsc.textFile(args.input, partitions).pipe(extractor_command(args)).saveAsTextFile(articles_dir)


def extract_sql(spark, args, partitions, articles_dir):
    """The same through Spark SQL's TRANSFORM, for clusters without RDDs (Spark Connect)."""
    from pyspark.sql import Row

    if args.paths:
        frame = spark.createDataFrame([Row(value=p) for p in article_paths(args.input)]).repartition(partitions)
        command = extractor_command(args, out_dir=articles_dir)
        target = os.path.join(args.output, "manifest")
    else:
        frame = spark.read.text(args.input)
        if partitions and frame.rdd.getNumPartitions() < partitions:
            frame = frame.repartition(partitions)
        command = extractor_command(args)
        target = articles_dir
    frame.createOrReplaceTempView("dateline_input")
    script = " ".join(shlex.quote(c) for c in command).replace("\\", "\\\\").replace("'", "\\'")
    query = "SELECT TRANSFORM(value) USING '{}' AS (line STRING) FROM dateline_input".format(script)
    spark.sql(query).write.text(target)


def registry(articles, args, partitions):
    """Map: a registry per partition. Shuffle: every line of one entity to one partition.
    Reduce: merge them; the registries of parts merge into the registry of the whole."""
    merge = " ".join(shlex.quote(c) for c in [args.dateline, "entities", "--merge"])
    partial = articles.pipe(merge, checkCode=True)
    keyed = partial.map(lambda line: (json.loads(line)["key"], line))
    return keyed.partitionBy(partitions).values().pipe(merge, checkCode=True)


def failure_reason(error):
    """The line of a failed job's error that says what the extractor did."""
    lines = [l.strip() for l in str(error).splitlines() if l.strip()]
    for needle in ("exited with", "Subprocess", "exit code"):
        for line in lines:
            if needle in line:
                return line
    for line in lines:
        if "Broken pipe" in line or "Stream closed" in line:
            return "the extractor stopped before it read all its input (it crashed or was killed): " + line
    return lines[0] if lines else repr(error)


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if os.path.exists(args.output):
        sys.exit("dateline_extract: {} exists; give a new output folder".format(args.output))
    try:
        java = subprocess.run(["java", "-version"], capture_output=True, text=True)
        print("java: " + (java.stderr.splitlines() or ["?"])[0], file=sys.stderr)
    except OSError:
        sys.exit("dateline_extract: Java is needed (Spark 4 runs on Java 17 or newer)")
    if not args.paths and os.path.isdir(args.input) and any(
        not p.lower().endswith((".jsonl", ".ndjson")) for p in article_paths(args.input)
    ):
        # A folder of article files, not of JSON Lines: read it as paths.
        print("dateline_extract: {} holds article files; reading them as --paths".format(args.input), file=sys.stderr)
        args.paths = True
    started = time.monotonic()
    spark = session(args)
    ready = time.monotonic()
    try:
        partitions = args.partitions or 2 * spark.sparkContext.defaultParallelism
        articles_dir = os.path.abspath(os.path.join(args.output, "articles"))
        if args.engine == "rdd":
            extract_rdd(spark, args, partitions, articles_dir)
        else:
            extract_sql(spark, args, partitions, articles_dir)
        extracted = time.monotonic()
        # What follows reads the written lines back rather than extracting again.
        pattern = "*.jsonl" if args.paths else "part-*"
        written = spark.sparkContext.textFile(os.path.join(articles_dir, pattern))
        if not args.no_entities:
            registry(written, args, partitions).saveAsTextFile(os.path.join(args.output, "entities"))
        if args.parquet:
            spark.read.json(written).write.parquet(os.path.join(args.output, "parquet"))
    except Exception as error:  # the job failed: say why, exit non-zero
        print("dateline_extract: the job failed: " + failure_reason(error), file=sys.stderr)
        spark.stop()
        return 1
    spark.stop()
    print(
        "dateline_extract: wrote {} in {:.1f} s (Spark started in {:.1f} s, extraction {:.1f} s)".format(
            args.output, time.monotonic() - started, ready - started, extracted - ready
        ),
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
