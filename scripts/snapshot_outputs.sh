#!/usr/bin/env bash
# Writes every report format for the seeds and the corpus into OUT, so that two snapshots taken before
# and after a refactor can be compared with `diff -r` (the layout moves must leave them byte-identical).
#   bash scripts/snapshot_outputs.sh OUT [CORPUS]
set -uo pipefail
out=${1:?usage: snapshot_outputs.sh OUT [CORPUS]}
corpus=${2:-../shared/corpus}
mkdir -p "$out"
cache=$(mktemp -d)
inputs=(seeds)
[ -d "$corpus" ] && inputs+=("$corpus")
run() {  # name, then factcheck arguments
    local name=$1; shift
    factcheck "$@" >"$out/$name" 2>"$out/$name.stderr"
    echo "exit $?" >>"$out/$name.stderr"
}
for fmt in json sarif github rich; do
    run "check.$fmt" "${inputs[@]}" --no-cache --jobs 1 --format "$fmt"
done
run check.json.jobs2 "${inputs[@]}" --no-cache --jobs 2 --format json
run check.json.cold "${inputs[@]}" --cache-dir "$cache" --jobs 2 --format json
run check.json.warm "${inputs[@]}" --cache-dir "$cache" --jobs 2 --format json
run check.terminal.warm "${inputs[@]}" --cache-dir "$cache" --jobs 1 --format rich
for fmt in json csv jsonl; do
    run "claims.$fmt" claims "${inputs[@]}" --no-cache --jobs 1 --format "$fmt"
done
for fmt in json csv rich; do
    run "targets.$fmt" targets "${inputs[@]}" --no-cache --jobs 1 --format "$fmt"
done
run focus.json --reference "$corpus" seeds/000_4d17e7c81b8cc963.txt --cache-dir "$cache" --format json
factcheck claims "${inputs[@]}" --no-cache --format jsonl >"$cache/claims.jsonl" 2>/dev/null
run check-claims.json check --claims "$cache/claims.jsonl" --format json
run list-rules --list-rules
run explain --explain FC101
rm -rf "$cache"
