#!/usr/bin/env bash
# Gradescope runs this once, as root on its Ubuntu image, in the unzipped autograder
# ($AUTOGRADER_ROOT/source): it installs Node.js and the grader's dependencies, skipping what is present.
set -euo pipefail
root="${AUTOGRADER_ROOT:-/autograder}"
cd "$root/source"

# The grader's sandbox needs a Node.js with a permission model: 20.20 or newer in 20, else 22.13 or newer
# (packages/grader/package.json "engines").
node_ok() {
  command -v node >/dev/null &&
    node -e 'const [major, minor] = process.versions.node.split(".").map(Number);
      process.exit((major === 20 && minor >= 20) || (major === 22 && minor >= 13) || major > 22 ? 0 : 1)'
}
apt_install() {
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

if node_ok; then
  echo "setup.sh: Node.js $(node --version) is already installed"
else
  echo "setup.sh: installing Node.js 22 from NodeSource"
  apt-get update -qq
  apt_install ca-certificates curl gnupg
  curl -fsSL https://deb.nodesource.com/setup_22.x | bash - >/dev/null
  apt_install nodejs
  node_ok || { echo "setup.sh: Node.js $(node --version) is too old for the grader" >&2; exit 1; }
fi

# bubblewrap gives each sandbox no network and a private view of the files where the container allows
# it; where it does not, the grader falls back to Node's permission model and says so in its output.
if ! command -v bwrap >/dev/null; then
  echo "setup.sh: installing bubblewrap"
  { apt-get update -qq && apt_install bubblewrap; } || echo "setup.sh: bubblewrap could not be installed; the grader will say which sandbox it uses"
fi

# The dependencies, exactly as locked (no dev tools, no native TensorFlow: the grader runs on TF.js's cpu backend).
stamp=node_modules/.attnlab-lock.sha256
if [ -f "$stamp" ] && sha256sum --check --status "$stamp"; then
  echo "setup.sh: the grader's dependencies are already installed"
else
  npm ci --omit=dev --omit=optional --ignore-scripts --no-audit --no-fund
  sha256sum package-lock.json >"$stamp"
fi
node packages/grader/bin/attnlab-grade.js --help >/dev/null
echo "setup.sh: the grader is ready"
