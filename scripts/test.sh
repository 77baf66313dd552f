#!/usr/bin/env bash
# `npm test`: one build, the static checks (type-check, lint, formatting), then every test.
set -euo pipefail
cd "$(dirname "$0")/.."

npx nx run-many -t build --outputStyle=static
# The runs below skip the build tasks they depend on (built just now): left to itself, Nx restores each
# package's dist from its cache, which would rewrite modules under anything already loading them.
npx nx run-many -t typecheck lint --excludeTaskDependencies --outputStyle=static
npx prettier --check .
# All five test tasks start at once: Nx starts tasks in the packages' dependency order (core, grader, lessons), and
# the lessons' tests, the longest, would otherwise wait for a slot behind core's and the grader's.
# Each Vitest run also writes its failures to a file of its own (scripts/failure-summary.mjs), printed last.
export ATTNLAB_FAILURES_DIR="$PWD/.nx/test-failures"
rm -rf "$ATTNLAB_FAILURES_DIR"
if ! npx nx run-many -t test test:unit --excludeTaskDependencies --parallel=5 --outputStyle=stream; then
  if compgen -G "$ATTNLAB_FAILURES_DIR/*" >/dev/null; then
    echo
    echo "The failed tests (each also shown above, in its task's output):"
    cat "$ATTNLAB_FAILURES_DIR"/*
  fi
  exit 1
fi
