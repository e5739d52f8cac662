#!/usr/bin/env bash
# Rewrites the golden set (codegen/src/test/golden/files: every generated file of the kinds listed in
# codegen/src/test/golden/kinds.txt) from the generator as it is now. GoldenFilesTest compares it byte for byte;
# run this after an intended change of the generator or of those kinds' configuration, review the diff, commit it.
set -euo pipefail
cd "$(dirname "$0")/.."
exec ./hack/generate.sh --golden "$PWD/codegen/src/test/golden" "$@"
