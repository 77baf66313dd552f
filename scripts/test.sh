#!/usr/bin/env bash
# `npm test`: one build, then the static checks (type-check, lint, formatting) and every test.
set -uo pipefail
cd "$(dirname "$0")/.."

# Every Node process of the run (kernels, Vitest workers, compile workers, ESLint, tsc) gets one V8 background thread
# instead of four: the run keeps more processes busy than there are cores, so more garbage-collection threads only
# contend (measured here, quiet: tsc -b 13.5 CPU s instead of 16.4, lesson 10's kernel 11.8 instead of 12.9).
export NODE_OPTIONS="${NODE_OPTIONS:+$NODE_OPTIONS }--v8-pool-size=1"

npm run --silent build || exit 1

# Each Vitest run also writes its failures to a file of its own (scripts/failure-summary.mjs), printed last.
export ATTNLAB_FAILURES_DIR="$PWD/.nx/test-failures"
rm -rf "$ATTNLAB_FAILURES_DIR"

# The run is bound by CPU seconds on two cores, and its longest chain is one process at a time: the lessons' tests
# that execute every notebook in a kernel, then build the site and read it in a browser. That chain starts first,
# at normal priority, followed by core's tests and the grading of the instructor notebooks; everything else runs
# beside it at a lower priority, so the chain gets the larger share of the two cores (not all of one: they behave
# like two threads of one core, and the chain's notebooks still run about twice as slowly as alone). Every step runs an
# npm script or tool directly, not through Nx: Nx would restore each package's dist from its cache, rewriting modules
# under the chain's kernels as they load them.
failures="$(mktemp -d)"
trap 'rm -rf "$failures"' EXIT
step() {
  local name=$1 prefix=$2
  shift 2
  "$@" 2>&1 | sed -u "s/^/$prefix: /" || echo "$name" >>"$failures/steps"
}
(
  step "the notebook executions, site or browser tests (npm run test -w packages/lessons)" lessons npm run --silent test -w packages/lessons
  step "core's tests (npm run test -w packages/core)" core npm run --silent test -w packages/core
  step "the grading of the instructor notebooks (npx nx test grader)" grader npm run --silent test -w packages/grader
) &
chain=$!
# The static checks, one after another: formatting, then `npm run lint` and `npm run typecheck` without their
# build (done just now): one ESLint process over every package, and one tsc that reads the installed declarations
# once for the three packages' programs. Every tsc here is the pinned TypeScript's: node_modules/.bin/tsc may be tslab's
# TypeScript 5.0 (both packages declare a `tsc` command, and npm links one of them).
(
  step "formatting (npm run format fixes it)" format nice -n 10 npx prettier --check .
  step "lint (npm run lint)" lint nice -n 10 npx eslint packages/*/src packages/*/test
  step "type-check (npm run typecheck)" typecheck nice -n 10 node node_modules/typescript/bin/tsc -b packages/*/test/tsconfig.json
) &
static=$!
# The grader's and the lessons' unit tests, as one Vitest run (vitest.config.mts) with two workers: the grader's files,
# then the lessons', so no suite is left running alone on one worker at the end. Not more workers: with the chain and
# the static checks beside them, both cores are busy anyway, and more processes at once only slow each other.
step "the grader's and the lessons' unit tests (npm run test:unit)" unit nice -n 10 npx vitest run --maxWorkers=2
wait "$static" "$chain"

if [ -s "$failures/steps" ]; then
  echo
  echo "npm test failed:"
  sed 's/^/- /' "$failures/steps"
  if compgen -G "$ATTNLAB_FAILURES_DIR/*" >/dev/null; then
    echo
    echo "The failed tests (each also shown above, in its task's output):"
    cat "$ATTNLAB_FAILURES_DIR"/*
  fi
  exit 1
fi
