#!/usr/bin/env bash
# Tests scripts/slurm/ without Slurm: a fake sbatch records its arguments, a fake factorlab echoes its
# own, and the Slurm array variables are set by hand. Checks the shard each array task runs, that a
# stepped array is refused, and that the collect job waits on the array job (afterok).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
S=$ROOT/scripts/slurm
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

printf '#!/bin/sh\necho "$@"\n' > "$WORK/fake_factorlab"
chmod +x "$WORK/fake_factorlab"
task() {  # task ID MIN MAX COUNT ARGS...
  SLURM_ARRAY_TASK_ID=$1 SLURM_ARRAY_TASK_MIN=$2 SLURM_ARRAY_TASK_MAX=$3 SLURM_ARRAY_TASK_COUNT=$4 \
    FACTORLAB=$WORK/fake_factorlab bash "$S/shard.sbatch" "${@:5}"
}
got=$(task 0 0 3 4 run data_efficiency --out runs/de)
[[ $got == "run data_efficiency --out runs/de --shard 0/4" ]] || fail "task 0 of 0-3 ran: $got"
got=$(task 6 4 7 4 sweep default --grid train.lr=1,2 --out o)
[[ $got == "sweep default --grid train.lr=1,2 --out o --shard 2/4" ]] || fail "task 6 of 4-7 ran: $got"
rc=0; task 2 0 6 4 run x --out o > /dev/null 2> "$WORK/err" || rc=$?
[[ $rc == 2 ]] && grep -q contiguous "$WORK/err" || fail "a stepped array (0-6:2) was not refused (rc $rc)"
rc=0; FACTORLAB=$WORK/fake_factorlab bash "$S/shard.sbatch" run x > /dev/null 2>&1 || rc=$?
[[ $rc == 2 ]] || fail "shard.sbatch outside an array job: rc $rc"

# Fake sbatch: logs each call on one line, answers job ids 101, 102, ... as --parsable does.
cat > "$WORK/fake_sbatch" <<'FAKE'
#!/bin/sh
n=101
[ -f "$LOG" ] && n=$(($(wc -l < "$LOG") + 101))
echo "$*" >> "$LOG"
echo "$n;cluster"
FAKE
chmod +x "$WORK/fake_sbatch"
export LOG=$WORK/sbatch.log
out=$(SBATCH=$WORK/fake_sbatch bash "$S/submit.sh" 3 run compositional --out runs/comp)
first=$(sed -n 1p "$LOG")
second=$(sed -n 2p "$LOG")
[[ $first == "--parsable --array=0-2 $S/shard.sbatch run compositional --out runs/comp" ]] || fail "array job: $first"
[[ $second == "--parsable --dependency=afterok:101 $S/collect.sbatch runs/comp" ]] || fail "collect job: $second"
[[ $out == *"array job 101"*"collect job 102"* ]] || fail "submit.sh said: $out"
rc=0; SBATCH=$WORK/fake_sbatch bash "$S/submit.sh" 3 run compositional > /dev/null 2>&1 || rc=$?
[[ $rc == 2 ]] || fail "submit.sh without --out: rc $rc"
[[ $(wc -l < "$LOG") == 2 ]] || fail "submit.sh without --out still queued a job"
got=$(FACTORLAB=$WORK/fake_factorlab bash "$S/collect.sbatch" runs/comp)
[[ $got == "sweep --collect runs/comp" ]] || fail "collect.sbatch ran: $got"
echo "slurm scripts: all checks passed"
