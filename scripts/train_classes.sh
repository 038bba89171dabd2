#!/usr/bin/env bash
# Learns the word classes shipped in assets/ner/classes.txt from unlabelled news: the BBC
# folder (2004-2005), Reuters-21578 (1987) and the text of the CoNLL-2003 training set (Reuters
# RCV1, 1996) -- never the development or test text. Then retrain the entity model
# (scripts/train_ner.sh), whose features read the classes. Run from the project root.
set -euo pipefail
corpora=${1:-../shared/corpora}
cargo build --release
target/release/dateline train-classes "$corpora/bbc" "$corpora/reuters21578" \
  "$corpora/conll2003/train.jsonl" -o assets/ner/classes.txt --classes "${CLASSES:-64,256,1024}"
