#!/usr/bin/env bash
# Regenerates the api module's sources, CRDs and metadata from codegen/config/kinds.yaml and azure-types/.
# Extra arguments go to the generator (e.g. --types /path/to/bicep-types-az/generated).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -ntp -q -pl codegen -am install -DskipTests
mvn -B -ntp -q -pl codegen exec:java -Dexec.mainClass=dev.aso.codegen.Main -Dexec.workingdir="$PWD" \
  -Dexec.args="--types azure-types --config codegen/config/kinds.yaml --out . $*"
