#!/usr/bin/env bash
# Lays out one deployable for its container image: <dir>/<component>.jar, <dir>/lib/*.jar (runtime
# dependencies) and <dir>/java.args (class path and main class, read with "java @<dir>/java.args").
# Used by deploy/images/Dockerfile; runs anywhere with Maven and JDK 17 too, to try the layout:
#   deploy/images/stage.sh webhooks target/image-webhooks && java @target/image-webhooks/java.args --help
# Usage: deploy/images/stage.sh <controller|webhooks|arm-emulator> <dir> [extra maven args]
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
COMPONENT="${1:-}"
DIR="${2:-}"
shift 2 || true
case "$COMPONENT" in
  controller) MAIN=dev.aso.controller.Main ;;
  webhooks) MAIN=dev.aso.webhooks.Main ;;
  arm-emulator) MAIN=dev.aso.armemulator.Main ;;
  *) echo "stage.sh: the component must be controller, webhooks or arm-emulator, got '$COMPONENT'" >&2; exit 1 ;;
esac
[[ -n "$DIR" ]] || { echo "stage.sh: give the output directory" >&2; exit 1; }

cd "$ROOT"
mvn -B -ntp -q -pl "$COMPONENT" -am package -DskipTests "$@"
rm -rf "$DIR"
mkdir -p "$DIR/lib"
mvn -B -ntp -q -pl "$COMPONENT" dependency:copy-dependencies -DincludeScope=runtime \
  -DoutputDirectory="$(cd "$DIR" && pwd)/lib" "$@"
cp "$COMPONENT/target/aso-$COMPONENT-"*.jar "$DIR/$COMPONENT.jar"
APP="$(cd "$DIR" && pwd)"
# In the image the directory is /app; elsewhere the absolute path of DIR.
[[ "$DIR" == /app ]] && APP=/app
printf -- '-cp %s/%s.jar:%s/lib/*\n%s\n' "$APP" "$COMPONENT" "$APP" "$MAIN" >"$DIR/java.args"
echo "stage.sh: $COMPONENT staged in $DIR ($(ls "$DIR/lib" | wc -l) libraries, main $MAIN)" >&2
