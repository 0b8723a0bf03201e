#!/usr/bin/env bash
# Coverage-guided fuzzing of the native runtime (fuzz/, see fuzz/README.md) with libFuzzer.
#   scripts/fuzz.sh [seconds]     default 3600: one CPU-hour
# The first run builds an instrumented copy of the runtime in its own target dir (~30 min on 2
# cores); later runs reuse it. The corpus grows in ~/.cache/verity/fuzz-corpus, seeded from the
# lifecycles in fuzz/src/seeds.rs; a finding is written to fuzz/findings/ (copy it to
# fuzz/regressions/ with its fix, and the workspace tests replay it).
set -euo pipefail
. "$(dirname "$0")/lib.sh"
cd "$ROOT"
run_for=${1:-3600}
FUZZ_TARGET_DIR="${FUZZ_TARGET_DIR:-$HOME/.cache/verity/target-fuzz}"
CORPUS="${FUZZ_CORPUS:-$HOME/.cache/verity/fuzz-corpus}"
FINDINGS="$ROOT/fuzz/findings"
host=$(rustc -vV | sed -n 's/^host: //p')
mkdir -p "$CORPUS" "$FINDINGS"

# libFuzzer's engine on stable Rust: the sanitizer-coverage passes cargo-fuzz enables, without
# its nightly-only address sanitizer. `--target` keeps the flags off build scripts and proc
# macros. Overflow checks and debug assertions on: an arithmetic overflow is a finding.
log "instrumented build (target dir $FUZZ_TARGET_DIR)"
RUSTFLAGS="-Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=4 \
-Cllvm-args=-sanitizer-coverage-inline-8bit-counters -Cllvm-args=-sanitizer-coverage-pc-table \
-Cllvm-args=-sanitizer-coverage-trace-compares -Cdebug-assertions -Coverflow-checks" \
	SKIP_WASM_BUILD=1 CARGO_TARGET_DIR="$FUZZ_TARGET_DIR" \
	cargo build --locked --release -p verity-fuzz --bin verity-fuzz --target "$host" \
	--features "libfuzzer $VERITY_FEATURES"

log "fuzzing for $run_for s"
out="$FINDINGS/last-run.log"
# One worker (one core); the target writes the seeds into the corpus first; -max_len fits the
# longest seed; an input over 60 s is a finding.
VERITY_FUZZ_CORPUS="$CORPUS" "$FUZZ_TARGET_DIR/$host/release/verity-fuzz" "$CORPUS" \
	-max_total_time="$run_for" -max_len=65536 -timeout=60 \
	-rss_limit_mb=4096 -print_final_stats=1 -artifact_prefix="$FINDINGS/" 2>&1 | tee "$out"

log "summary"
grep -E "^#[0-9]+ +DONE" "$out" | tail -1 || true
grep -E "stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)" "$out" || true
grep -E "worst time / declared weight" "$out" | tail -1 || true
grep -E "worst storage growth past length" "$out" | tail -1 || true
if ls "$FINDINGS"/crash-* "$FINDINGS"/timeout-* "$FINDINGS"/oom-* >/dev/null 2>&1; then
	log "findings in $FINDINGS"
	exit 1
fi
