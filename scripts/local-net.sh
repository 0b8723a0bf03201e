#!/usr/bin/env bash
# A 4-validator network (Alice, Bob, Charlie, Dave) on 127.0.0.1, from the local_testnet preset.
#   scripts/local-net.sh start [name…]        start all (or the named) validators
#   scripts/local-net.sh stop [--kill] [name…] stop them (SIGTERM, or SIGKILL with --kill)
#   scripts/local-net.sh status                PID, ports and the latest best/finalized block
#   scripts/local-net.sh purge                 stop all and delete their databases
# Ports: validator i (0..3) listens on p2p 30334+i, RPC 9945+i, Prometheus 9616+i.
# State and logs: $VERITY_NET_DIR (default ~/.cache/verity/local-net).
set -euo pipefail
. "$(dirname "$0")/lib.sh"

NET_DIR="${VERITY_NET_DIR:-$HOME/.cache/verity/local-net}"
NAMES=(alice bob charlie dave)
# The built-in `local` spec carries the binary's own runtime; chain-specs/local-raw.json is the same
# genesis for distribution (VERITY_CHAIN=chain-specs/local-raw.json uses it).
CHAIN="${VERITY_CHAIN:-local}"
mkdir -p "$NET_DIR"

index_of() {
	local i
	for i in "${!NAMES[@]}"; do [ "${NAMES[$i]}" = "$1" ] && { echo "$i"; return; }; done
	echo "unknown validator: $1" >&2
	exit 2
}

# Fixed node keys, so every validator knows Alice's peer id before she starts.
node_key() { printf '%064x' "$(( $1 + 1 ))"; }

alive() { [ -f "$NET_DIR/$1.pid" ] && kill -0 "$(cat "$NET_DIR/$1.pid")" 2>/dev/null; }

start_one() {
	local name=$1 i
	i=$(index_of "$name")
	if alive "$name"; then echo "$name already running (pid $(cat "$NET_DIR/$name.pid"))"; return; fi
	local boot_id
	boot_id=$(node_key 0 | "$NODE_BIN" key inspect-node-key 2>/dev/null)
	nohup "$NODE_BIN" \
		--chain "$CHAIN" \
		--base-path "$NET_DIR/$name" \
		"--$name" --validator \
		--node-key "$(node_key "$i")" \
		--listen-addr "/ip4/127.0.0.1/tcp/$((30334 + i))" \
		--bootnodes "/ip4/127.0.0.1/tcp/30334/p2p/$boot_id" \
		--rpc-port $((9945 + i)) --rpc-cors all \
		--prometheus-port $((9616 + i)) \
		--no-mdns --no-telemetry \
		--allow-private-ip \
		>"$NET_DIR/$name.log" 2>&1 &
	echo $! >"$NET_DIR/$name.pid"
	echo "$name started (pid $!, rpc ws://127.0.0.1:$((9945 + i)), log $NET_DIR/$name.log)"
}

stop_one() {
	local name=$1 signal=$2
	if alive "$name"; then
		local pid
		pid=$(cat "$NET_DIR/$name.pid")
		kill "-$signal" "$pid"
		for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
		echo "$name stopped ($signal, pid $pid)"
	fi
	rm -f "$NET_DIR/$name.pid"
}

cmd=${1:-status}
shift || true
case "$cmd" in
	start)
		[ -x "$NODE_BIN" ] || build_node
		names=("$@"); [ ${#names[@]} -gt 0 ] || names=("${NAMES[@]}")
		for n in "${names[@]}"; do start_one "$n"; done
		;;
	stop)
		signal=TERM
		if [ "${1:-}" = "--kill" ]; then signal=KILL; shift; fi
		names=("$@"); [ ${#names[@]} -gt 0 ] || names=("${NAMES[@]}")
		for n in "${names[@]}"; do stop_one "$n" "$signal"; done
		;;
	status)
		for i in "${!NAMES[@]}"; do
			n=${NAMES[$i]}
			state=stopped; alive "$n" && state="running (pid $(cat "$NET_DIR/$n.pid"))"
			last=$(grep -aoE 'best: #[0-9]+.*finalized #[0-9]+' "$NET_DIR/$n.log" 2>/dev/null | tail -1 | sed -E 's/ \(0x[0-9a-f…]+\)//g' || true)
			echo "$n: $state, rpc ws://127.0.0.1:$((9945 + i)) ${last:+— $last}"
		done
		;;
	purge)
		for n in "${NAMES[@]}"; do stop_one "$n" TERM; done
		rm -rf "${NET_DIR:?}"/*
		;;
	*)
		sed -n '2,9p' "$0"
		exit 2
		;;
esac
