#!/usr/bin/env bash
# Runs every benchmark (package.json "bench" and "bench:*" scripts). Each prints its figure and the
# baseline measured in the same run; none gates on time, but a benchmark that crashes fails.
set -euo pipefail
cd "$(dirname "$0")/.."
npm run --silent build
for script in $(node -e 'console.log(Object.keys(require("./package.json").scripts).filter(s => s === "bench" || s.startsWith("bench:")).join(" "))'); do
  echo "── npm run $script"
  # The build is done once above; each script's own build step is then quick (tsc incremental) but skip it where we can.
  cmd=$(node -e "console.log(require('./package.json').scripts['$script'].replace(/^npm run build(:node)? --silent && /, ''))")
  bash -c "$cmd"
done
