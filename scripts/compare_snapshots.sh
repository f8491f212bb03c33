#!/usr/bin/env bash
# Compares two snapshots from snapshot_outputs.sh. The claims JSONL header names the code's digest
# (factcheck.scale.fingerprint), which any code change moves, so that one field is masked.
#   bash scripts/compare_snapshots.sh BEFORE AFTER
set -uo pipefail
a=${1:?usage: compare_snapshots.sh BEFORE AFTER}; b=${2:?}
status=0
for f in "$a"/*; do
    name=$(basename "$f")
    if ! cmp -s <(sed -E 's/"environment":"[0-9a-f]+"/"environment":"*"/' "$f") \
                <(sed -E 's/"environment":"[0-9a-f]+"/"environment":"*"/' "$b/$name"); then
        echo "differs: $name"; status=1
    fi
done
[ $status = 0 ] && echo "identical: $(ls "$a" | wc -l) files"
exit $status
