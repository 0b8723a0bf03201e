#!/usr/bin/env bash
# Writes an evaluator node's off-chain worker configuration into its persistent offchain storage
# through the `offchain_localStorageSet` RPC (the node must run with `--rpc-methods unsafe`, and
# `--offchain-worker always` unless it is a validator). The keys are documented in
# pallets/eval-attestation/src/ocw/mod.rs; a test set file in docs/eval-harnesses.md.
#
#   scripts/set-eval-config.sh [--rpc URL] [--endpoint URL] [--model NAME]
#                              [--model-version ID NAME]... [--items-per-block N]
#                              [--timeout-ms N] [--test-set BENCHMARK FILE]...
#
# Defaults: --rpc http://127.0.0.1:9944 --endpoint http://127.0.0.1:8080
# Example: scripts/set-eval-config.sh --test-set 0 hidden-arithmetic.jsonl --items-per-block 16
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"

RPC="http://127.0.0.1:9944"
ENDPOINT="http://127.0.0.1:8080"
MODEL=""
ITEMS=""
TIMEOUT=""
VERSIONS=()
TEST_SETS=()
while [ $# -gt 0 ]; do
	case "$1" in
		--rpc) RPC="$2"; shift 2 ;;
		--endpoint) ENDPOINT="$2"; shift 2 ;;
		--model) MODEL="$2"; shift 2 ;;
		--model-version) VERSIONS+=("$2=$3"); shift 3 ;;
		--items-per-block) ITEMS="$2"; shift 2 ;;
		--timeout-ms) TIMEOUT="$2"; shift 2 ;;
		--test-set) TEST_SETS+=("$2=$3"); shift 3 ;;
		-h|--help) sed -n 2,12p "$0"; exit 0 ;;
		*) echo "unknown argument: $1" >&2; exit 2 ;;
	esac
done

. "$HERE/ocw-storage.sh"

set_key "verity::eval::endpoint" "$ENDPOINT"
[ -n "$MODEL" ] && set_key "verity::eval::model" "$MODEL"
[ -n "$ITEMS" ] && set_key "verity::eval::items_per_block" "$ITEMS"
[ -n "$TIMEOUT" ] && set_key "verity::eval::timeout_ms" "$TIMEOUT"
for v in "${VERSIONS[@]+"${VERSIONS[@]}"}"; do
	set_key "verity::eval::model::${v%%=*}" "${v#*=}"
done
for t in "${TEST_SETS[@]+"${TEST_SETS[@]}"}"; do
	file="${t#*=}"
	set_key_from "verity::eval::test_set::${t%%=*}" < "$file"
	echo "verity::eval::test_set::${t%%=*} = $file ($(wc -l < "$file") items)"
done
