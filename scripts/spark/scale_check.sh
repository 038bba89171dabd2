#!/usr/bin/env bash
# Throughput of `dateline extract --jsonl` on one machine, as one process, as `xargs -P2` over
# shards, and as the Spark job in local[1] and local[2]; every run's output sorted by id must be
# the same bytes; medians of --runs rounds, the runs of a round one after another. Usage:
#   scripts/spark/scale_check.sh CORPUS_DIR… [--mb 200] [--runs 3] [--python .venv-spark/bin/python]
# CORPUS_DIRs are folders of article files (Reuters-21578, BBC); their articles are repeated with
# distinct ids until the corpus reaches --mb megabytes of JSON Lines.
set -euo pipefail
cd "$(dirname "$0")/../.."

MB=200
RUNS=3
PYTHON=.venv-spark/bin/python
DIRS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --mb) MB="$2"; shift 2 ;;
    --python) PYTHON="$2"; shift 2 ;;
    --runs) RUNS="$2"; shift 2 ;;
    *) DIRS+=("$1"); shift ;;
  esac
done
[ ${#DIRS[@]} -gt 0 ] || { echo "usage: $0 CORPUS_DIR… [--mb N] [--python PY]" >&2; exit 2; }

cargo build --release --quiet
BIN=$PWD/target/release/dateline
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

"$PYTHON" - "$WORK" "$MB" "${DIRS[@]}" <<'EOF'
import json, os, sys
work, mb, dirs = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
texts = []
for d in dirs:
    for root, ds, fs in os.walk(d):
        ds.sort()
        for name in sorted(fs):
            if name.endswith(".txt") and name != "README.txt":
                with open(os.path.join(root, name), encoding="utf-8", errors="replace") as f:
                    texts.append((os.path.relpath(os.path.join(root, name), d), f.read()))
target, size, copy = mb * 1_000_000, 0, 0
shards = [open(os.path.join(work, "shard-%d.jsonl" % k), "w", encoding="utf-8") for k in range(8)]
whole = open(os.path.join(work, "corpus.jsonl"), "w", encoding="utf-8")
n = 0
while size < target:
    for path, text in texts:
        line = json.dumps({"id": "c%d/%s" % (copy, path), "text": text}) + "\n"
        whole.write(line); shards[n % 8].write(line)
        size += len(line.encode()); n += 1
        if size >= target:
            break
    copy += 1
print("corpus: %d records, %.1f MB of JSON Lines (%d distinct articles)" % (n, size / 1e6, len(texts)))
EOF
BYTES=$(stat -c %s "$WORK/corpus.jsonl")

sorted_hash() { "$PYTHON" -c '
import hashlib, json, sys
lines = []
for path in sys.argv[1:]:
    with open(path, encoding="utf-8") as f:
        lines += [l.rstrip("\n") for l in f if l.strip()]
lines.sort(key=lambda l: json.loads(l)["id"])
print(hashlib.sha256("\n".join(lines).encode()).hexdigest()[:16], len(lines))' "$@"; }

seconds() { local start=$1; "$PYTHON" -c "import time; print('%.2f' % (time.time() - $start))"; }
now() { "$PYTHON" -c 'import time; print(time.time())'; }
report() { "$PYTHON" -c "print('| %s | %s s | %.1f MB/s |' % ('$1', '$2', $BYTES / 1e6 / $2))"; }

median() { "$PYTHON" -c "import statistics, sys; print('%.2f' % statistics.median(float(x) for x in sys.argv[1:]))" $(cat "$1"); }
spark() { # KEY INPUT ARGS…: one run of the job; its time with and without Spark's start-up
  local key=$1 input=$2; shift 2
  rm -rf "$WORK/$key"
  local t; t=$(now)
  "$PYTHON" -W ignore scripts/spark/dateline_extract.py "$input" "$WORK/$key" --no-entities \
    --dateline "$BIN" "$@" 2> "$WORK/spark.log" || { cat "$WORK/spark.log" >&2; exit 1; }
  seconds "$t" >> "$WORK/$key.all"
  grep -o 'extraction [0-9.]*' "$WORK/spark.log" | cut -d' ' -f2 >> "$WORK/$key.job"
}
mkdir -p "$WORK/shards"
cp "$WORK"/shard-*.jsonl "$WORK/shards/"
t=$(now); cat "$WORK/corpus.jsonl" | wc -w > /dev/null; base=$(seconds "$t")
for round in $(seq "$RUNS"); do
  echo "round $round of $RUNS" >&2
  t=$(now); "$BIN" extract --jsonl < "$WORK/corpus.jsonl" > "$WORK/one.out" 2>/dev/null; seconds "$t" >> "$WORK/one.job"
  t=$(now); ls "$WORK"/shard-*.jsonl | xargs -P2 -I{} sh -c "'$BIN' extract --jsonl < {} > {}.out 2>/dev/null"; seconds "$t" >> "$WORK/xargs.job"
  for n in 1 2; do
    spark "stream$n" "$WORK/corpus.jsonl" --master "local[$n]" --partitions 8
    spark "paths$n" "$WORK/shards" --master "local[$n]" --partitions 8 --paths
  done
done
echo "| run (median of $RUNS) | time | throughput |"
echo "|---|---:|---:|"
report "cat | wc -w (baseline, once)" "$base"
report "one process" "$(median "$WORK/one.job")"
report "xargs -P2 (8 shards)" "$(median "$WORK/xargs.job")"
for n in 1 2; do
  report "Spark local[$n], records through the pipe, job" "$(median "$WORK/stream$n.job")"
  report "Spark local[$n], records through the pipe, with start-up" "$(median "$WORK/stream$n.all")"
  report "Spark local[$n], 8 shard paths (--out-dir), job" "$(median "$WORK/paths$n.job")"
  report "Spark local[$n], 8 shard paths (--out-dir), with start-up" "$(median "$WORK/paths$n.all")"
done
echo
echo "sorted output of the last round (sha256, lines):"
echo "  one process  $(sorted_hash "$WORK/one.out")"
echo "  xargs -P2    $(sorted_hash "$WORK"/shard-*.jsonl.out)"
for run in stream1 stream2; do
  echo "  $run      $(sorted_hash "$WORK/$run"/articles/part-*)"
done
for run in paths1 paths2; do
  echo "  $run       $(sorted_hash "$WORK/$run"/articles/*.jsonl)"
done
"$PYTHON" -c "
import statistics
def med(key):
    return statistics.median(float(x) for x in open('$WORK/' + key).read().split())
one, x2 = med('one.job'), med('xargs.job')
print('speed-up xargs -P2 over one process: %.2fx' % (one / x2))
for mode in ['stream', 'paths']:
    s1, s2 = med(mode + '1.job'), med(mode + '2.job')
    a1, a2 = med(mode + '1.all'), med(mode + '2.all')
    print('%s: speed-up local[1] -> local[2] %.2fx (%.2fx with start-up); local[2] against xargs -P2 %+.0f%% time (%+.0f%% with start-up); local[1] against one process %+.0f%%' % (mode, s1 / s2, a1 / a2, (s2 / x2 - 1) * 100, (a2 / x2 - 1) * 100, (s1 / one - 1) * 100))"
