#!/usr/bin/env bash
# Regenerates proto/generated/ from proto/proto/**/*.proto. Never edit generated/ by hand.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=../node_modules/.bin
mkdir -p generated
files=$(find proto -name '*.proto' | sort)
$bin/pbjs -t static-module -w es6 --es6 --force-number --keep-case --no-create --no-verify --no-delimited --no-beautify \
  -o generated/edgefleet.js $files
# protobufjs/minimal has no ESM default export map; import it by its file name for Node ESM.
sed -i 's#from "protobufjs/minimal"#from "protobufjs/minimal.js"#' generated/edgefleet.js
$bin/pbts --no-comments -o generated/edgefleet.d.ts generated/edgefleet.js
echo "generated $(wc -l < generated/edgefleet.js) lines into proto/generated/"
