#!/usr/bin/env bash
# `npm test`: one build, the static checks (type-check, lint, formatting), then every test.
set -euo pipefail
cd "$(dirname "$0")/.."

npx nx run-many -t build --outputStyle=static
# The runs below skip the build tasks they depend on (built just now): left to itself, Nx restores each
# package's dist from its cache, which would rewrite modules under anything already loading them.
npx nx run-many -t typecheck lint --excludeTaskDependencies --outputStyle=static
npx prettier --check .

# The five test tasks run at once. The longest chain is the lessons' notebook executions and the site tests that
# read them; the other tasks run at a lower priority, so they fill the second core without stretching that chain.
task() { # NAME NICENESS COMMAND...: one test task, each line of its output prefixed with its name
  local name=$1 niceness=$2 start=$SECONDS
  shift 2
  if (set -o pipefail && nice -n "$niceness" "$@" 2>&1 | sed -u "s/^/$name: /"); then
    echo "$name: passed in $((SECONDS - start)) s"
  else
    echo "$name: FAILED after $((SECONDS - start)) s"
    return 1
  fi
}
pids=()
task lessons 0 npm run --silent test --workspace=packages/lessons & pids+=($!)
task lessons:unit 10 npm run --silent test:unit --workspace=packages/lessons & pids+=($!)
task core 10 npm run --silent test --workspace=packages/core & pids+=($!)
task grader:unit 10 npm run --silent test:unit --workspace=packages/grader & pids+=($!)
task grader 10 npm run --silent test --workspace=packages/grader & pids+=($!)
failed=0
for pid in "${pids[@]}"; do wait "$pid" || failed=1; done
exit $failed
