#!/usr/bin/env bash
# Throughput of `dateline extract --jsonl` on one machine, as one process, as `xargs -P2` over
# shards, and as the Spark job in local[1] and local[2]; every run's output sorted by id must be
# the same bytes. Usage:
#   scripts/spark/scale_check.sh CORPUS_DIR… [--mb 200] [--python .venv-spark/bin/python]
# CORPUS_DIRs are folders of article files (Reuters-21578, BBC); their articles are repeated with
# distinct ids until the corpus reaches --mb megabytes of JSON Lines.
set -euo pipefail
cd "$(dirname "$0")/../.."

MB=200
PYTHON=.venv-spark/bin/python
DIRS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --mb) MB="$2"; shift 2 ;;
    --python) PYTHON="$2"; shift 2 ;;
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

echo "| run | time | throughput |"
echo "|---|---:|---:|"
t=$(now); cat "$WORK/corpus.jsonl" | wc -w > /dev/null; base=$(seconds "$t"); report "cat | wc -w (baseline)" "$base"
t=$(now); "$BIN" extract --jsonl < "$WORK/corpus.jsonl" > "$WORK/one.out" 2>/dev/null; one=$(seconds "$t"); report "one process" "$one"
t=$(now); ls "$WORK"/shard-*.jsonl | xargs -P2 -I{} sh -c "'$BIN' extract --jsonl < {} > {}.out 2>/dev/null"; x2=$(seconds "$t"); report "xargs -P2 (8 shards)" "$x2"
spark() { # NAME INPUT OUT ARGS…: the job, its time with and without Spark's start-up
  local name=$1 input=$2 out=$3; shift 3
  local t; t=$(now)
  "$PYTHON" -W ignore scripts/spark/dateline_extract.py "$input" "$out" --no-entities \
    --dateline "$BIN" "$@" 2> "$WORK/spark.log" || { cat "$WORK/spark.log" >&2; exit 1; }
  local all; all=$(seconds "$t")
  local job; job=$(grep -o 'extraction [0-9.]*' "$WORK/spark.log" | cut -d' ' -f2)
  report "$name, job" "$job"
  report "$name, with start-up" "$all"
  echo "$job"  > "$WORK/$(basename "$out").job"
}
mkdir -p "$WORK/shards"
cp "$WORK"/shard-*.jsonl "$WORK/shards/"
for n in 1 2; do
  spark "Spark local[$n], records through the pipe" "$WORK/corpus.jsonl" "$WORK/stream$n" --master "local[$n]" --partitions 8
  spark "Spark local[$n], 8 shard paths (--out-dir)" "$WORK/shards" "$WORK/paths$n" --master "local[$n]" --partitions 8 --paths
done
echo
echo "sorted output (sha256, lines):"
echo "  one process  $(sorted_hash "$WORK/one.out")"
echo "  xargs -P2    $(sorted_hash "$WORK"/shard-*.jsonl.out)"
for run in stream1 stream2; do
  echo "  $run      $(sorted_hash "$WORK/$run"/articles/part-*)"
done
for run in paths1 paths2; do
  echo "  $run       $(sorted_hash "$WORK/$run"/articles/*.jsonl)"
done
"$PYTHON" -c "
one, x2 = $one, $x2
job = {k: float(open('$WORK/%s.job' % k).read()) for k in ['stream1', 'stream2', 'paths1', 'paths2']}
print('speed-up xargs -P2 over one process: %.2fx' % (one / x2))
for mode in ['stream', 'paths']:
    s1, s2 = job[mode + '1'], job[mode + '2']
    print('%s: speed-up local[1] -> local[2] %.2fx; local[2] against xargs -P2 %+.0f%% time; local[1] against one process %+.0f%%' % (mode, s1 / s2, (s2 / x2 - 1) * 100, (s1 / one - 1) * 100))"
