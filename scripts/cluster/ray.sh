#!/usr/bin/env bash
# A single-node Ray head for training jobs, bound to 127.0.0.1, with the Job Submission REST API
# on the dashboard: http://127.0.0.1:8265 (`POST /api/jobs/`, `GET /api/jobs/{id}`, `/logs`).
#
#   scripts/cluster/ray.sh start|stop|status
#
# Every Ray port is pinned outside 10002–19999 (Ray's default worker range), and
# RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER=0 keeps it from binding a non-loopback address. A job's
# `python` is the first on the head's PATH: the cluster virtualenv, so jobs see what is installed
# there. `stop` is `ray stop` (it stops every Ray process of this user on the machine).
# Environment: RAY_DASHBOARD_PORT (8265), RAY_GCS_PORT (6380), RAY_NUM_CPUS (1).
set -euo pipefail
. "$(dirname "$0")/common.sh"

DASHBOARD_PORT="${RAY_DASHBOARD_PORT:-8265}"
GCS_PORT="${RAY_GCS_PORT:-6380}"
NUM_CPUS="${RAY_NUM_CPUS:-1}"
PID_FILE="$VERITY_CLUSTER_RUN/ray.pid"
LOG_FILE="$VERITY_CLUSTER_RUN/ray.log"
RAY="$VERITY_CLUSTER_VENV/bin/ray"
export RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER=0
export RAY_USAGE_STATS_ENABLED=0
export PATH="$VERITY_CLUSTER_VENV/bin:$PATH"

start() {
	if status >/dev/null 2>&1; then
		log "ray already running at http://127.0.0.1:$DASHBOARD_PORT"
		return 0
	fi
	bash "$CLUSTER_DIR/install.sh"
	log "starting the ray head (log $LOG_FILE)"
	"$RAY" start --head \
		--node-ip-address=127.0.0.1 \
		--port="$GCS_PORT" \
		--dashboard-host=127.0.0.1 \
		--dashboard-port="$DASHBOARD_PORT" \
		--ray-client-server-port=20001 \
		--node-manager-port=20002 \
		--object-manager-port=20003 \
		--dashboard-agent-listen-port=20004 \
		--dashboard-agent-grpc-port=20005 \
		--runtime-env-agent-port=20006 \
		--metrics-export-port=20007 \
		--min-worker-port=20100 \
		--max-worker-port=20199 \
		--num-cpus="$NUM_CPUS" \
		--disable-usage-stats >"$LOG_FILE" 2>&1
	if ! wait_http "http://127.0.0.1:$DASHBOARD_PORT/api/version" 60; then
		log "the ray dashboard did not come up; last log lines:"
		tail -n 20 "$LOG_FILE" >&2
		return 1
	fi
	pgrep -f "gcs_server.*--gcs_server_port=$GCS_PORT" | head -n 1 >"$PID_FILE" || true
	log "ray up (gcs pid $(cat "$PID_FILE"))"
}

stop() {
	if [ -x "$RAY" ]; then
		"$RAY" stop >>"$LOG_FILE" 2>&1 || true
	fi
	rm -f "$PID_FILE"
	log "ray stopped"
}

status() {
	if pid_alive "$PID_FILE" && curl -fs -o /dev/null "http://127.0.0.1:$DASHBOARD_PORT/api/version"; then
		echo "ray running (gcs pid $(cat "$PID_FILE")) at http://127.0.0.1:$DASHBOARD_PORT"
	else
		echo "ray stopped"
		return 1
	fi
}

case "${1:-}" in
	start) start ;;
	stop) stop ;;
	status) status ;;
	*) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
