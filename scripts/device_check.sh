#!/usr/bin/env bash
# The one prepared check for the GPU machine (docs/gpu.md): one `run` call of at most 9 minutes.
#  1. builds factorlab against the LibTorch inside Python's PyTorch (CUDA), with only what travels:
#     -DFACTORLAB_WITH_ANALYSIS=OFF and the header-only dependencies from device-deps/
#     (scripts/fetch-device-deps.sh, run on the Debian machine and carried);
#  2. runs the tests labelled gpu (tests/gpu: CUDA forward = CPU forward, bf16 on CUDA, training
#     and sampling on CUDA);
#  3. bench_model --device cuda: the paper-size UNet at N = 32 and 64, training and sampling img/s,
#     GFLOP/s and the share of the H200's ~790 TFLOP/s bf16;
#  4. the factorization_paper preset for a fixed number of steps on CUDA (train.json: images/s),
#     then `factorlab sample` of that run on CUDA.
# Every phase has its own time limit and writes its log into $OUT (or ./device-out when $OUT is
# unset); summary.txt collects the numbers. A failed phase is recorded and the next one still runs
# when it can. Usage (on the GPU machine, from the repository root): bash scripts/device_check.sh
# A dry run on a CPU machine (the plumbing only: the gpu tests skip, the CUDA phases fail with
# their one-line error): TORCH_CMAKE=/usr/share/cmake BUILD=build-dev bash scripts/device_check.sh
set -uo pipefail
out=${OUT:-$PWD/device-out}
mkdir -p "$out"
summary=$out/summary.txt
: > "$summary"
note() { echo "$*" | tee -a "$summary"; }
phase() {  # phase NAME LIMIT_S COMMAND...: runs COMMAND with a limit, log in $out/NAME.log
  local name=$1 limit=$2
  shift 2
  local t0=$SECONDS
  timeout "$limit" "$@" > "$out/$name.log" 2>&1
  local rc=$?
  note "phase $name: rc $rc, $((SECONDS - t0)) s (limit $limit s)"
  return $rc
}

note "device_check $(date -u +%FT%TZ), commit $(git rev-parse --short=12 HEAD 2>/dev/null || echo unknown)"
nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader 2>&1 | sed 's/^/gpu: /' | tee -a "$summary"
command -v nvcc > /dev/null && nvcc --version | tail -1 | sed 's/^/nvcc: /' | tee -a "$summary"
torch_cmake=${TORCH_CMAKE:-$(python3 -c "import torch; print(torch.utils.cmake_prefix_path)" 2>> "$out/python.log")}
note "torch: $(python3 -c 'import torch; print(torch.__version__, "cuda", torch.version.cuda)' 2>&1 | tail -1), cmake prefix $torch_cmake"
[ -d device-deps/usr/include ] || { note "no device-deps/: run scripts/fetch-device-deps.sh here and carry it"; exit 1; }

build=${BUILD:-build-gpu}
generator=()
[ ! -f "$build/CMakeCache.txt" ] && command -v ninja > /dev/null && generator=(-G Ninja)  # a new folder only
phase configure 120 cmake -S . -B "$build" "${generator[@]}" -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_PREFIX_PATH="$torch_cmake" -DFACTORLAB_DEPS_DIR="$PWD/device-deps" -DFACTORLAB_WITH_ANALYSIS=OFF \
  -DTORCH_CUDA_ARCH_LIST=9.0 || { tail -30 "$out/configure.log"; exit 1; }
phase build 330 cmake --build "$build" -j16 --target factorlab bench_model gpu_test_cuda \
  || { grep -m 20 -E "error|Error" "$out/build.log"; exit 1; }

phase gpu_tests 90 ctest --test-dir "$build" -L gpu --output-on-failure
grep -E "tests passed|tests failed|Skipped|Failed|\*\*\*" "$out/gpu_tests.log" | tee -a "$summary"

phase bench 150 "$build/bench/bench_model" --device cuda --models paper --sizes 32,64 --batch 128 --peak-tflops 790
cat "$out/bench.log" >> "$summary"

run=$out/factorization_paper
phase train 90 "$build/apps/factorlab" train factorization_paper --set run.device=cuda --set train.steps=400 \
  --set train.eval_every=0 --set train.checkpoint_every=400 --set run.threads=4 --out "$run"
[ -f "$run/train.json" ] && note "factorization_paper train.json: $(tr -d '\n ' < "$run/train.json")"
phase sample 60 "$build/apps/factorlab" sample "$run" --grid 16
note "done in $SECONDS s"
