#!/usr/bin/env bash
# Installs what building and testing Verity needs on Debian/Ubuntu: system packages, the Rust
# toolchain with its wasm targets, Node.js and the e2e tests' npm packages. Safe to run again.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"

# System packages: the node's C/C++ dependencies (binaryen's wasm-opt, OpenSSL for litep2p), protoc, clang;
# Chromium for the provenance explorer's browser test.
PACKAGES=(build-essential clang libclang-dev protobuf-compiler pkg-config libssl-dev git curl ca-certificates
	python3 python3-venv python3-pip chromium)
command -v node >/dev/null 2>&1 || PACKAGES+=(nodejs npm)
missing=()
for p in "${PACKAGES[@]}"; do
	dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
	log "apt-get install ${missing[*]}"
	$SUDO apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}"
fi

# Rust: rustup's stable toolchain, the wasm targets the runtime builds for, clippy and rustfmt.
if ! command -v rustup >/dev/null 2>&1; then
	log "installing rustup"
	curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --default-toolchain stable
	. "$HOME/.cargo/env"
fi
installed_targets="$(rustup target list --installed)"
for t in wasm32v1-none wasm32-unknown-unknown; do
	grep -qx "$t" <<<"$installed_targets" || rustup target add "$t"
done
installed_components="$(rustup component list --installed)"
for c in rust-src clippy rustfmt; do
	grep -q "^$c" <<<"$installed_components" || rustup component add "$c"
done

# The e2e tests' client: @polkadot/api, pinned by e2e/package-lock.json. Without install
# scripts: the only one is sqlite3's, which compiles SQLite from source here (no prebuilt
# download offline: about 100 s of one core on every fresh clone), and only Chopsticks' `--db`
# cache would load it; the e2e runs Chopsticks in memory.
if [ ! -d "$ROOT/e2e/node_modules/@polkadot/api" ] || [ "$ROOT/e2e/package-lock.json" -nt "$ROOT/e2e/node_modules/.package-lock.json" ]; then
	log "npm ci (e2e)"
	(cd "$ROOT/e2e" && npm ci --no-audit --no-fund --ignore-scripts)
fi
# The provenance explorer (web/): its packages, pinned by web/package-lock.json, and the built page
# (web/dist) that run-dev.sh serves and the explorer's e2e test opens.
if [ ! -d "$ROOT/web/node_modules/vite" ] || [ "$ROOT/web/package-lock.json" -nt "$ROOT/web/node_modules/.package-lock.json" ]; then
	log "npm ci (web)"
	(cd "$ROOT/web" && npm ci --no-audit --no-fund)
fi
log "building the provenance explorer (web/dist)"
(cd "$ROOT/web" && npm run --silent build >/dev/null)
# The cluster stand-ins the compute e2e starts (inference server with its model, Ray).
bash "$ROOT/scripts/cluster/install.sh"
log "setup done"
