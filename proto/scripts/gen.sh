#!/usr/bin/env bash
# Regenerates proto/generated/ from proto/proto/**/*.proto. Never edit generated/ by hand.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=../node_modules/.bin
mkdir -p generated
files=$(find proto -name '*.proto' | sort)
flags=(-t static-module -w es6 --es6 --force-number --keep-case --no-create --no-verify --no-delimited --no-beautify)
# The shipped module has no JSDoc: a process keeps every module's source text in its heap, and the
# comments were a third of it (~0.3 MiB of an idle agent's heap). pbts reads the types from the
# JSDoc, so it is given the same code with comments, generated to a temporary file.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
$bin/pbjs "${flags[@]}" -o "$tmp/edgefleet.js" $files
$bin/pbjs "${flags[@]}" --no-comments -o generated/edgefleet.js $files
# protobufjs/minimal has no ESM default export map; import it by its file name for Node ESM.
# Indentation goes too (~0.2 MiB more of that heap; the code has no multi-line strings or templates).
sed -i -e 's#from "protobufjs/minimal"#from "protobufjs/minimal.js"#' -e 's/^ *//' generated/edgefleet.js
$bin/pbts --no-comments -o generated/edgefleet.d.ts "$tmp/edgefleet.js"
echo "generated $(wc -l < generated/edgefleet.js) lines into proto/generated/"
