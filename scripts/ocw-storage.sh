# Sourced by the set-*-config.sh scripts: writes a key of a node's persistent offchain storage
# through the `offchain_localStorageSet` RPC at $RPC (the node needs `--rpc-methods unsafe`).

hex() { printf '0x%s' "$(od -An -v -tx1 | tr -d ' \n')"; }

# set_key KEY VALUE: stores VALUE as raw UTF-8.
set_key() {
	printf '%s' "$2" | set_key_from "$1"
	echo "$1 = $2"
}

# set_key_from KEY < FILE: stores the bytes read from standard input.
set_key_from() {
	local key value answer
	key=$(printf '%s' "$1" | hex)
	value=$(hex)
	answer=$(printf '{"jsonrpc":"2.0","id":1,"method":"offchain_localStorageSet","params":["PERSISTENT","%s","%s"]}' \
		"$key" "$value" | curl -fsS -H 'Content-Type: application/json' --data-binary @- "$RPC")
	if printf '%s' "$answer" | grep -q '"error"'; then
		echo "setting $1 failed: $answer" >&2
		exit 1
	fi
}
