#!/usr/bin/env bash
# Runs the generator as the api module's build does (codegen/config/kinds.yaml, azure-types/ and aso-api/ into api/target:
# generated-sources/, generated-resources/, samples/, reference/), without the rest of the build. The Maven build
# does this by itself (api, generate-sources); nothing it writes is committed.
# Extra arguments go to the generator, e.g. --types /path/to/bicep-types-az/generated, --out DIR (write elsewhere,
# e.g. to publish the reference pages), --golden codegen/src/test/golden (the golden set; hack/update-golden.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -ntp -q -pl codegen -am install -DskipTests
mvn -B -ntp -q -pl codegen exec:java -Dexec.mainClass=dev.aso.codegen.Main -Dexec.workingdir="$PWD" \
  -Dexec.args="--types $PWD/azure-types --surface $PWD/aso-api --config $PWD/codegen/config/kinds.yaml --out $PWD/api/target $*"
