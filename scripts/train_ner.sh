#!/usr/bin/env bash
# Trains the entity model shipped in assets/ner/model.bin from the CoNLL-2003 training set
# (Reuters RCV1 news, 1996; see ../shared/corpora/conll2003/README.md), then scores it on the
# development set. Run from the project root.
set -euo pipefail
corpus=${1:-../shared/corpora/conll2003}
cargo build --release --no-default-features
target/release/dateline train-ner "$corpus/train.jsonl" -o assets/ner/model.bin --epochs "${EPOCHS:-12}" --orders "${ORDERS:-5}"
cargo build --release --no-default-features
target/release/dateline extract --conll-jsonl "$corpus/dev.jsonl" > /tmp/dateline-ner-dev.jsonl
python3 ../shared/tools/ner_score.py "$corpus/dev.jsonl" /tmp/dateline-ner-dev.jsonl --labels PER,ORG,LOC
