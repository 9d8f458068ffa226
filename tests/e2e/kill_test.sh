#!/usr/bin/env bash
# tests/e2e/kill_test.sh — SIGKILL a training run at random moments and check it survives.
# Usage: kill_test.sh FACTORLAB WORK_DIR TRIALS SEED
# A tiny CPU training run (N = 8, fp32, 1 thread, 60 steps, a checkpoint every 5) is trained once
# uninterrupted (the reference), and once more while being killed with SIGKILL after a seeded random
# delay (RANDOM=SEED), resumed with --resume after every kill. After each kill every file of the run
# folder is checked: each checkpoint loads in full (`factorlab inspect`), config.toml parses, every
# .json parses, metrics.jsonl has whole lines with strictly increasing steps (a torn last line is
# tolerated and counted: the next start drops it), every .npy/.npz loads with numpy, every .png is
# complete; "*.tmp.<pid>" files are counted, never read (the next start deletes them, see
# remove_stale_temp_files), and none may remain in a finished run. When a round's run finishes
# before TRIALS kills were made, another round starts in a fresh folder. Each finished run must equal
# the reference exactly: the same checkpoint steps, every checkpoint's state hashes (model, EMA,
# optimizer), and the metrics.jsonl step column. Prints trials and failures; exits 1 on any failure.
# Deliberately not: power-cut simulation (fsync of the folder) or GPU nondeterminism (CPU only).
# Design and measured results: docs/hardening.md.
set -euo pipefail

if [[ $# -ne 4 ]]; then
  echo "usage: $0 FACTORLAB WORK_DIR TRIALS SEED" >&2
  exit 2
fi
FL=$1
WORK=$2
TRIALS=$3
RANDOM=$4
PY=/usr/bin/python3

rm -rf "$WORK"
mkdir -p "$WORK"
CONFIG=$WORK/kill.toml
cat > "$CONFIG" <<'EOF'
[run]
name = "killtest"
threads = 1
device = "cpu"

[data]
N = 8
seed = 0

[[data.parts]]
name = "bumps"
shape = "bump"
periodic = true
sigma = 1.0

[model]
base_width = 8
channel_mults = [1, 2, 2]
attention_levels = []
mid_attention = false
cond_dim = 8
groups = 4
heads = 1

[train]
steps = 60
batch_size = 16
checkpoint_every = 5
log_every = 1
eval_every = 0
precision = "fp32"
ema_decay = 0.99
EOF

failures=0
fail() {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}

# Checks every file of a run folder; prints "torn=<0|1> temps=<n> rows=<metrics rows>
# last=<latest checkpoint step>" and exits 1 on a bad file.
check_folder() {
  local run=$1 finished=$2
  local cks=("$run"/checkpoints/*.ckpt)
  if [[ -e ${cks[0]} ]] && ! "$FL" --log-level quiet inspect --summary "${cks[@]}" > /dev/null 2> "$WORK/inspect.err"; then
    echo "a checkpoint does not load: $(cat "$WORK/inspect.err")" >&2
    return 1
  fi
  "$PY" - "$run" "$finished" <<'EOF'
import json, os, sys, tomllib
import numpy as np
run, finished = sys.argv[1], sys.argv[2] == "1"
bad, temps, torn, rows = [], 0, 0, 0
for root, _, files in os.walk(run):
    for f in files:
        p = os.path.join(root, f)
        base, _, pid = f.rpartition(".tmp.")
        if base and pid.isdigit():
            temps += 1  # a temporary of a killed write: never an output
            continue
        try:
            if f.endswith(".toml"):
                with open(p, "rb") as fh:
                    tomllib.load(fh)
            elif f.endswith(".jsonl"):
                text = open(p).read()
                lines = text.split("\n")
                tail = lines.pop()  # "" when the file ends with a newline
                steps = [json.loads(l)["step"] for l in lines if l]
                rows = len(steps)
                if tail:
                    try:
                        json.loads(tail)
                        raise ValueError("last line lacks its newline")
                    except json.JSONDecodeError:
                        torn += 1  # the reader drops it and the next start rewrites the file
                if any(b <= a for a, b in zip(steps, steps[1:])):
                    raise ValueError("steps not strictly increasing: %s" % steps)
            elif f.endswith(".json"):
                json.load(open(p))
            elif f.endswith(".npy"):
                np.load(p)
            elif f.endswith(".npz"):
                with np.load(p) as z:
                    for k in z.files:
                        z[k]
            elif f.endswith(".png"):
                b = open(p, "rb").read()
                if not b.startswith(b"\x89PNG\r\n\x1a\n") or b[-12:-8] != b"\0\0\0\0" or b[-8:-4] != b"IEND":
                    raise ValueError("not a complete PNG")
        except Exception as e:
            bad.append("%s: %s" % (p, e))
if finished and temps:
    bad.append("%d temporary file(s) left in a finished run" % temps)
for b in bad:
    print("bad file:", b, file=sys.stderr)
ckpts = sorted(f for f in os.listdir(os.path.join(run, "checkpoints")) if f.endswith(".ckpt")) \
    if os.path.isdir(os.path.join(run, "checkpoints")) else []
last = int(ckpts[-1][5:13]) if ckpts else 0
print("torn=%d temps=%d rows=%d last=%d" % (torn, temps, rows, last))
sys.exit(1 if bad else 0)
EOF
}

# Step, run name and section hashes of every checkpoint of a run (not the path or the file size:
# equal state gives equal hashes, but the files differ in LibTorch's per-process parameter names).
state_of() {
  "$FL" --log-level quiet inspect --summary "$1"/checkpoints/*.ckpt | grep -e '^step' -e '^run' -e '^section' -e '^state'
}

metric_steps() { "$PY" -c 'import json,sys; print(" ".join(str(json.loads(l)["step"]) for l in open(sys.argv[1]) if l.strip()))' "$1"; }

t_start=$(date +%s.%N)
REF=$WORK/reference
"$FL" --log-level warn train "$CONFIG" --out "$REF" > "$WORK/reference.log" 2>&1 || {
  cat "$WORK/reference.log" >&2
  echo "kill_test: the reference run failed" >&2
  exit 1
}
t_ref=$(date +%s.%N)
ref_ms=$("$PY" -c "print(int(1000 * ($t_ref - $t_start)))")
check_folder "$REF" 1 > /dev/null || fail "reference run folder"
ref_state=$(state_of "$REF")
ref_steps=$(metric_steps "$REF/metrics.jsonl")
echo "kill_test: reference run took ${ref_ms} ms; killing up to $TRIALS times at delays in [0, ${ref_ms}] ms (seed $4)"

kills=0 rounds=0 torn_total=0 temps_seen=0 finished_early=0
while ((kills < TRIALS)); do
  rounds=$((rounds + 1))
  RUN=$WORK/killed_$rounds
  resume=()
  while true; do
    if ((kills >= TRIALS)); then
      # Enough kills: let this round's run finish undisturbed.
      "$FL" --log-level warn train "$CONFIG" --out "$RUN" "${resume[@]}" >> "$WORK/killed.log" 2>&1 ||
        fail "round $rounds: the last resume exited with $?"
      break
    fi
    delay_ms=$(((RANDOM * 32768 + RANDOM) % (ref_ms + 1)))
    "$FL" --log-level warn train "$CONFIG" --out "$RUN" "${resume[@]}" >> "$WORK/killed.log" 2>&1 &
    pid=$!
    sleep "$((delay_ms / 1000)).$(printf '%03d' $((delay_ms % 1000)))"
    kill -9 "$pid" 2> /dev/null || true
    rc=0
    wait "$pid" 2> /dev/null || rc=$?
    if ((rc == 137)); then
      kills=$((kills + 1))
      if report=$(check_folder "$RUN" 0); then
        eval "$report" # torn=..., temps=..., rows=..., last=...
        echo "kill $kills: round $rounds after ${delay_ms} ms: metrics rows $rows, latest checkpoint step $last," \
          "temporary files $temps, torn metrics line $torn"
        torn_total=$((torn_total + torn))
        temps_seen=$((temps_seen + temps))
      else
        fail "round $rounds, kill $kills after ${delay_ms} ms: a file is half-written or unreadable"
      fi
    elif ((rc == 0)); then
      finished_early=$((finished_early + 1))
      break # finished before the kill: compare, then a new round
    else
      fail "round $rounds: a start exited with $rc before its kill (see $WORK/killed.log)"
      break
    fi
    resume=(--resume)
  done
  check_folder "$RUN" 1 > /dev/null || fail "round $rounds: the finished run folder has a bad or leftover file"
  [[ "$(state_of "$RUN")" == "$ref_state" ]] || fail "round $rounds: checkpoints differ from the uninterrupted run"
  [[ "$(metric_steps "$RUN/metrics.jsonl")" == "$ref_steps" ]] ||
    fail "round $rounds: metrics.jsonl steps differ from the uninterrupted run"
done
t_end=$(date +%s.%N)
seconds=$("$PY" -c "print(round($t_end - $t_start, 1))")
echo "kill_test: trials $kills, rounds $rounds (finished before a kill: $finished_early), torn metrics lines $torn_total," \
  "temporary files seen after kills $temps_seen, failures $failures, ${seconds} s"
((failures == 0)) || exit 1
