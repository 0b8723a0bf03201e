#!/usr/bin/env bash
# Writes a provider node's off-chain worker configuration into its persistent offchain storage
# through the `offchain_localStorageSet` RPC (the node must run with `--rpc-methods unsafe`, and
# `--offchain-worker always` unless it is a validator). The keys are documented in
# pallets/compute-staking/src/ocw/mod.rs. Values are stored as raw UTF-8.
#
#   scripts/set-ocw-config.sh [--rpc URL] [--endpoint URL] [--ray URL] [--entrypoint CMD]
#                             [--inference-entrypoint CMD] [--async-tokens N]
#                             [--model NAME] [--model-version ID NAME]... [--timeout-ms N]
#                             [--allow-hosts HOST[:PORT],...]
#
# Defaults: --rpc http://127.0.0.1:9944 --endpoint http://127.0.0.1:8080
#           --ray http://127.0.0.1:8265 --entrypoint "python <repo>/scripts/cluster/train_tiny.py"
#           no inference entrypoint (every inference job is one HTTP request)
# Example: scripts/set-ocw-config.sh --rpc http://127.0.0.1:9945 --endpoint http://127.0.0.1:8081
#   --inference-entrypoint "env VERITY_INFER_URL=http://127.0.0.1:8081 python $PWD/scripts/cluster/infer_job.py"
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"

RPC="http://127.0.0.1:9944"
ENDPOINT="http://127.0.0.1:8080"
RAY_URL="http://127.0.0.1:8265"
ENTRYPOINT="python $HERE/cluster/train_tiny.py"
INFERENCE_ENTRYPOINT=""
ASYNC_TOKENS=""
MODEL=""
TIMEOUT=""
ALLOW_HOSTS=""
VERSIONS=()
while [ $# -gt 0 ]; do
	case "$1" in
		--rpc) RPC="$2"; shift 2 ;;
		--endpoint) ENDPOINT="$2"; shift 2 ;;
		--ray) RAY_URL="$2"; shift 2 ;;
		--entrypoint) ENTRYPOINT="$2"; shift 2 ;;
		--inference-entrypoint) INFERENCE_ENTRYPOINT="$2"; shift 2 ;;
		--async-tokens) ASYNC_TOKENS="$2"; shift 2 ;;
		--model) MODEL="$2"; shift 2 ;;
		--model-version) VERSIONS+=("$2=$3"); shift 3 ;;
		--timeout-ms) TIMEOUT="$2"; shift 2 ;;
		--allow-hosts) ALLOW_HOSTS="$2"; shift 2 ;;
		-h|--help) sed -n 2,16p "$0"; exit 0 ;;
		*) echo "unknown argument: $1" >&2; exit 2 ;;
	esac
done

. "$HERE/ocw-storage.sh"

set_key "verity::compute::endpoint" "$ENDPOINT"
set_key "verity::compute::ray" "$RAY_URL"
set_key "verity::compute::ray::entrypoint" "$ENTRYPOINT"
[ -n "$INFERENCE_ENTRYPOINT" ] && set_key "verity::compute::ray::inference_entrypoint" "$INFERENCE_ENTRYPOINT"
[ -n "$ASYNC_TOKENS" ] && set_key "verity::compute::async_tokens" "$ASYNC_TOKENS"
[ -n "$MODEL" ] && set_key "verity::compute::model" "$MODEL"
[ -n "$TIMEOUT" ] && set_key "verity::compute::timeout_ms" "$TIMEOUT"
[ -n "$ALLOW_HOSTS" ] && set_key "verity::compute::allow_hosts" "$ALLOW_HOSTS"
for v in "${VERSIONS[@]+"${VERSIONS[@]}"}"; do
	set_key "verity::compute::model::${v%%=*}" "${v#*=}"
done
