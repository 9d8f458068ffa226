#!/usr/bin/env bash
# scripts/slurm/submit.sh — queue a sharded study or sweep on Slurm: an array job of N shards
# (shard.sbatch) and a collect job that starts only when all of them succeeded
# (collect.sbatch, --dependency=afterok:<array job>). Prints the two job ids.
#   scripts/slurm/submit.sh N run data_efficiency --out runs/de
#   scripts/slurm/submit.sh 8 sweep default --grid train.lr=5e-4,1e-3 --out runs/lr
# The study folder is the --out argument (required, so the collect job knows where to look).
# Extra sbatch options for both jobs: SBATCH_ARGS="--partition=gpu --account=x" (word-split).
set -euo pipefail
SBATCH=${SBATCH:-sbatch}
HERE=$(cd "$(dirname "$0")" && pwd)
if [[ $# -lt 3 || ! $1 =~ ^[1-9][0-9]*$ ]]; then
  echo "usage: $0 N run|sweep CONFIG [options...] --out DIR" >&2
  exit 2
fi
n=$1
shift
out=
args=("$@")
for ((k = 0; k < ${#args[@]}; ++k)); do
  [[ ${args[k]} == --out ]] && ((k + 1 < ${#args[@]})) && out=${args[k + 1]}
  [[ ${args[k]} == --out=* ]] && out=${args[k]#--out=}
done
[[ -n $out ]] || { echo "$0: give the study folder with --out DIR (the collect job reads it)" >&2; exit 2; }
# shellcheck disable=SC2086  # SBATCH_ARGS is a list of options on purpose
array=$("$SBATCH" --parsable ${SBATCH_ARGS:-} --array=0-$((n - 1)) "$HERE/shard.sbatch" "$@")
array=${array%%;*}  # --parsable prints "jobid[;cluster]"
# shellcheck disable=SC2086
collect=$("$SBATCH" --parsable ${SBATCH_ARGS:-} --dependency=afterok:"$array" "$HERE/collect.sbatch" "$out")
echo "array job $array ($n shards), collect job ${collect%%;*} (after all succeed)"
