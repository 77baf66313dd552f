#!/usr/bin/env bash
# `npm test`: every test, and the static checks (type-check, lint, formatting), after one build.
#
# The tests are the long path (notebooks executed in Jupyter, the site in Chromium, grading in sandboxes),
# so the static checks run beside them at the lowest CPU priority: they take the time the tests leave idle
# (kernels starting, npm and Jupyter waiting) and never slow the tests down. Their output is held back and
# printed after the tests' output, whole; either failing fails `npm test`.
set -uo pipefail
cd "$(dirname "$0")/.."

npx nx run-many -t build --outputStyle=static || exit 1
# Both runs below skip the build tasks they depend on (built just now): Nx would otherwise restore each
# package's dist from its cache in one run while the other's tests are loading modules from it.

static_log=$(mktemp -t attnlab-static-checks.XXXXXX)
trap 'rm -f "$static_log"' EXIT
nice -n 19 bash -c 'npx nx run-many -t typecheck lint --excludeTaskDependencies --outputStyle=static && npx prettier --check .' >"$static_log" 2>&1 &
static_pid=$!

# All four test tasks start at once: Nx starts tasks in the packages' dependency order (core, grader, lessons), and
# the lessons' tests, the longest, would otherwise wait for a slot behind core's and the grader's.
npx nx run-many -t test test:unit --excludeTaskDependencies --parallel=4 --outputStyle=stream
tests=$?
wait "$static_pid"
static=$?

echo
echo "── static checks: type-check, lint, formatting ──"
cat "$static_log"
if [ "$static" -ne 0 ]; then echo "npm test: the static checks failed (above); npm run typecheck, npm run lint and npm run format:check run them alone" >&2; fi
if [ "$tests" -ne 0 ]; then echo "npm test: tests failed (see the test output above the static checks)" >&2; fi
[ "$tests" -eq 0 ] && [ "$static" -eq 0 ]
