#!/usr/bin/env bash
# Installs a pinned Synapse into synapse/.venv. Idempotent: a stamp file keyed
# by the sha256 of requirements.txt makes repeat runs return immediately.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
venv="$here/.venv"
req="$here/requirements.txt"
sha="$(sha256sum "$req" | cut -c1-16)"
stamp="$venv/.installed-$sha"

# Synapse imports our module (synapse/modules/sealdesk_confinement) from the
# venv's path: a .pth file adds synapse/modules. Written on every run (cheap),
# so a venv installed before the module existed gets it too.
link_modules() {
  local site
  site="$("$venv/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')"
  echo "$here/modules" > "$site/sealdesk-modules.pth"
}

if [[ -f "$stamp" && -x "$venv/bin/python" ]]; then
  link_modules
  echo "synapse: already installed ($venv)"
  exit 0
fi

if [[ ! -x "$venv/bin/python" ]]; then
  echo "synapse: creating virtualenv $venv"
  python3 -m venv "$venv"
fi

echo "synapse: installing $(tr '\n' ' ' < "$req")into $venv"
"$venv/bin/python" -m pip install -qq --disable-pip-version-check -r "$req"
link_modules
# Sanity check: the homeserver and our module must import before we stamp it.
"$venv/bin/python" -c 'import synapse.app.homeserver, psycopg2, txredisapi, sealdesk_confinement' >/dev/null

rm -f "$venv"/.installed-*
touch "$stamp"
echo "synapse: installed"
