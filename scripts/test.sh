#!/usr/bin/env bash
# `npm test`: one build, then the static checks (type-check, lint, formatting) and every test.
set -uo pipefail
cd "$(dirname "$0")/.."

npx nx run-many -t build --outputStyle=static || exit 1

# Each Vitest run also writes its failures to a file of its own (scripts/failure-summary.mjs), printed last.
export ATTNLAB_FAILURES_DIR="$PWD/.nx/test-failures"
rm -rf "$ATTNLAB_FAILURES_DIR"

# The run is bound by CPU seconds on two cores, and its longest chain is one process at a time: the lessons' tests
# that execute every notebook in a kernel, then build the site and read it in a browser. That chain starts first,
# at normal priority; everything else runs beside it at a lower one, so it fills the time the chain leaves free
# instead of slowing it. The chain runs its npm script directly: a second Nx process at once would share Nx's
# workspace database with the first.
(npm run --silent test -w packages/lessons 2>&1 | sed -u 's/^/lessons: /') &
chain=$!
nice -n 10 npx prettier --check . &
format=$!

failed=()
# These skip the build tasks they depend on (built just now): left to itself, Nx restores each package's dist
# from its cache, which would rewrite modules under the chain's kernels as they load them.
nice -n 10 npx nx run-many -t typecheck lint test:unit --excludeTaskDependencies --parallel=4 --outputStyle=stream ||
  failed+=("type-check, lint or unit tests (Nx lists the failed tasks above)")
nice -n 10 npx nx run-many -t test --projects=core,grader --excludeTaskDependencies --outputStyle=stream ||
  failed+=("core's tests or the grading of the instructor notebooks (npx nx test grader)")
wait "$format" || failed+=("formatting (npm run format fixes it)")
wait "$chain" || failed+=("the notebook executions, site or browser tests (npm run test -w packages/lessons)")

if ((${#failed[@]} > 0)); then
  echo
  echo "npm test failed:"
  printf -- '- %s\n' "${failed[@]}"
  if compgen -G "$ATTNLAB_FAILURES_DIR/*" >/dev/null; then
    echo
    echo "The failed tests (each also shown above, in its task's output):"
    cat "$ATTNLAB_FAILURES_DIR"/*
  fi
  exit 1
fi
