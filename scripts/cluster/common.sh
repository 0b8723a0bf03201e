# Shared by the cluster stand-in scripts: one Python virtualenv for the inference server and Ray,
# PID and log files under one run directory, and start/stop helpers.

CLUSTER_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
VERITY_CLUSTER_VENV="${VERITY_CLUSTER_VENV:-$HOME/.cache/verity/cluster-venv}"
VERITY_CLUSTER_RUN="${VERITY_CLUSTER_RUN:-$HOME/.cache/verity/cluster-run}"
PY="$VERITY_CLUSTER_VENV/bin/python"
mkdir -p "$VERITY_CLUSTER_RUN"

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

# Creates the virtualenv once.
ensure_venv() {
	if [ ! -x "$PY" ]; then
		log "creating $VERITY_CLUSTER_VENV"
		python3 -m venv "$VERITY_CLUSTER_VENV"
	fi
}

# pip-installs `$1` (an import name) from the remaining arguments when it is missing.
ensure_module() {
	local module="$1"
	shift
	ensure_venv
	if ! "$PY" -c "import importlib.util, sys; sys.exit(importlib.util.find_spec('$module') is None)"; then
		log "pip install $*"
		"$PY" -m pip install -q "$@"
	fi
}

# Whether the PID in file `$1` is alive.
pid_alive() {
	[ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null
}

# Waits up to `$2` seconds for `curl -fs $1` to succeed.
wait_http() {
	local url="$1" secs="$2" i
	for ((i = 0; i < secs * 10; i++)); do
		curl -fs -o /dev/null "$url" && return 0
		sleep 0.1
	done
	return 1
}

# Stops the process in PID file `$1` (TERM, then KILL after 10 s) and removes the file.
stop_pid() {
	local file="$1" pid i
	if pid_alive "$file"; then
		pid="$(cat "$file")"
		kill "$pid" 2>/dev/null || true
		for ((i = 0; i < 100; i++)); do
			kill -0 "$pid" 2>/dev/null || break
			sleep 0.1
		done
		kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null || true
	fi
	rm -f "$file"
}
