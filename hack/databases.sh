#!/usr/bin/env bash
# Makes sure the database servers the tests start are installed: PostgreSQL (initdb, postgres under
# /usr/lib/postgresql/<version>/bin) and MariaDB (mariadbd, mariadb-install-db), from Debian's
# packages. Idempotent and quick when both are there (two file checks); otherwise it runs
# apt-get install (as root, or through sudo). The tests start their own servers in temp
# directories (dev.aso.testsupport.db); the packages' own services are not used.
# See docs/database-users.md ("How it is tested").
set -euo pipefail

log() { echo "databases.sh: $*" >&2; }
die() { echo "databases.sh: ERROR: $*" >&2; exit 1; }

packages=()
if ! compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null && ! command -v initdb >/dev/null; then
  packages+=(postgresql)
fi
if ! command -v mariadbd >/dev/null && [ ! -x /usr/sbin/mariadbd ]; then
  packages+=(mariadb-server)
fi
if [ ${#packages[@]} -eq 0 ]; then
  log "PostgreSQL and MariaDB are installed"
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
  SUDO=()
elif command -v sudo >/dev/null; then
  SUDO=(sudo)
else
  die "missing ${packages[*]}; install them (apt-get install -y ${packages[*]}) or run as root"
fi
command -v apt-get >/dev/null || die "missing ${packages[*]} and no apt-get: install them with your package manager"
log "installing ${packages[*]} (apt-get)"
export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" apt-get install -y --no-install-recommends "${packages[@]}" >&2 \
  || { "${SUDO[@]}" apt-get update >&2 && "${SUDO[@]}" apt-get install -y --no-install-recommends "${packages[@]}" >&2; } \
  || die "apt-get install ${packages[*]} failed"
log "installed ${packages[*]}"
