#!/usr/bin/env bash
# Installs a pinned Synapse into synapse/.venv. Idempotent: a stamp file keyed
# by the sha256 of requirements.txt makes repeat runs return immediately.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
venv="$here/.venv"
req="$here/requirements.txt"
sha="$(sha256sum "$req" | cut -c1-16)"
stamp="$venv/.installed-$sha"

if [[ -f "$stamp" && -x "$venv/bin/python" ]]; then
  echo "synapse: already installed ($venv)"
  exit 0
fi

if [[ ! -x "$venv/bin/python" ]]; then
  echo "synapse: creating virtualenv $venv"
  python3 -m venv "$venv"
fi

echo "synapse: installing $(tr '\n' ' ' < "$req")into $venv"
"$venv/bin/python" -m pip install -qq --disable-pip-version-check -r "$req"
# Sanity check: the homeserver module must import before we stamp it.
"$venv/bin/python" -c 'import synapse.app.homeserver, psycopg2' >/dev/null

rm -f "$venv"/.installed-*
touch "$stamp"
echo "synapse: installed"
