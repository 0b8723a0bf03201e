"""The operator's inference entrypoint: the Ray job a provider's off-chain worker submits for a
long inference job (its max_tokens at least `verity::compute::async_tokens`, with this script set
as `verity::compute::ray::inference_entrypoint`).

Reads the job's facts from the environment (VERITY_INPUT_URI, VERITY_INPUT_HASH, VERITY_API,
VERITY_TEMPERATURE_MILLI, VERITY_SEED, VERITY_MAX_TOKENS, VERITY_MODEL), fetches the input and
checks its blake2b-256 as the worker does, sends the worker's own request to the OpenAI-compatible
server at VERITY_INFER_URL (default http://127.0.0.1:8080, where scripts/cluster/inference.sh
serves), and prints

    VERITY_OUTPUT_HASH=0x<blake2b-256 of the answer in canonical form>

in the canonical form documented in pallets/compute-staking/src/ocw/mod.rs, so a seat served
here agrees with one served by the worker's single HTTP request. An input that does not match its
hash gives the worker's BAD_INPUT marker instead. Standard library only; test_infer_job.py checks
it against vectors the pallet's Rust code computes too. VERITY_INFER_TIMEOUT_S bounds each HTTP
request (default 3600).
"""

import hashlib
import json
import os
import struct
import sys
import time
import urllib.request

PATHS = {"chat": "/v1/chat/completions", "completion": "/v1/completions",
         "embedding": "/v1/embeddings"}
CHOICE_SEPARATOR = b"\x1e"
I32_MIN, I32_MAX = -(2**31), 2**31 - 1


def blake2_256(data: bytes) -> str:
    return "0x" + hashlib.blake2b(data, digest_size=32).hexdigest()


# What the worker commits when the input does not hash to the job's input hash.
BAD_INPUT = blake2_256(b"verity:bad-input")


class InputMismatch(Exception):
    pass


def fetch_input(uri: str, expected: str, timeout: float) -> bytes:
    """The input bytes: after the first comma of a `data:` URI, taken literally, or a GET."""
    if uri.startswith("data:"):
        if "," not in uri:
            raise SystemExit(f"data URI without a comma: {uri!r}")
        data = uri.split(",", 1)[1].encode()
    elif uri.startswith(("http://", "https://")):
        with urllib.request.urlopen(uri, timeout=timeout) as response:
            data = response.read()
    else:
        raise SystemExit(f"unsupported input URI: {uri!r}")
    if blake2_256(data) != expected.lower():
        raise InputMismatch(blake2_256(data))
    return data


def request_body(api: str, model: str, text: str, seed: int, temperature_milli: int,
                 max_tokens: int) -> tuple:
    """The worker's request: path, and JSON with sorted keys and no spaces, as serde_json writes."""
    if api == "embedding":
        value = {"model": model, "input": text}
    else:
        # llama.cpp reads a seed of 0xFFFFFFFF as "random".
        value = {"model": model, "temperature": temperature_milli / 1000,
                 "seed": seed % 0xFFFFFFFF, "max_tokens": max_tokens, "stream": False}
        if api == "chat":
            value["messages"] = [{"role": "user", "content": text}]
        else:
            value["prompt"] = text
    body = json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return PATHS[api], body.encode()


def _reject_constant(name: str):
    raise ValueError(f"{name} is not JSON")


def _finite(text: str) -> float:
    # serde_json refuses numbers out of the f64 range; Python would read them as infinities.
    x = float(text)
    if x in (float("inf"), float("-inf")):
        raise ValueError(f"{text} is out of range")
    return x


def _field(value, key: str, kind: type):
    # Exactly the types serde_json's accessors accept (a bool is no number there).
    got = value.get(key) if isinstance(value, dict) else None
    if not isinstance(got, kind) or isinstance(got, bool):
        raise ValueError(f"{key}: expected {kind.__name__}")
    return got


def quantize(x: float) -> int:
    """x rounded to 4 decimals, times 10^4, half away from zero; saturating, as Rust's `as i32`."""
    scaled = x * 10_000.0
    rounded = scaled + 0.5 if scaled >= 0.0 else scaled - 0.5
    if rounded != rounded:
        return 0
    if rounded >= I32_MAX:
        return I32_MAX
    if rounded <= I32_MIN:
        return I32_MIN
    return int(rounded)


def canonical(api: str, value) -> bytes:
    if api == "embedding":
        data = _field(value, "data", list)
        if not data:
            raise ValueError("no embeddings")
        out = b""
        for item in data:
            vector = _field(item, "embedding", list)
            out += struct.pack("<I", len(vector))
            for x in vector:
                if not isinstance(x, (int, float)) or isinstance(x, bool):
                    raise ValueError("embedding value is not a number")
                out += struct.pack("<i", quantize(float(x)))
        return out
    choices = _field(value, "choices", list)
    if not choices:
        raise ValueError("no choices")
    texts = [_field(_field(c, "message", dict), "content", str) if api == "chat"
             else _field(c, "text", str) for c in choices]
    return CHOICE_SEPARATOR.join(t.encode() for t in texts)


def output_hash(api: str, answer: bytes) -> str:
    """The canonical output hash of `answer` from `api`; ValueError when the worker's would fail."""
    value = json.loads(answer.decode("utf-8"), parse_constant=_reject_constant,
                       parse_float=_finite)
    return blake2_256(canonical(api, value))


def main() -> None:
    env = os.environ
    timeout = float(env.get("VERITY_INFER_TIMEOUT_S", "3600"))
    try:
        data = fetch_input(env["VERITY_INPUT_URI"], env["VERITY_INPUT_HASH"], timeout)
    except InputMismatch as e:
        print(f"input hashes to {e}, not {env['VERITY_INPUT_HASH']}: reported", flush=True)
        print(f"VERITY_OUTPUT_HASH={BAD_INPUT}", flush=True)
        return
    api = env.get("VERITY_API", "chat")
    path, body = request_body(
        api, env.get("VERITY_MODEL", "default"), data.decode("utf-8"),
        int(env.get("VERITY_SEED", "0")), int(env.get("VERITY_TEMPERATURE_MILLI", "0")),
        int(env.get("VERITY_MAX_TOKENS", "16")))
    url = env.get("VERITY_INFER_URL", "http://127.0.0.1:8080").rstrip("/") + path
    request = urllib.request.Request(url, data=body, headers={"Content-Type": "application/json"})
    started = time.time()
    with urllib.request.urlopen(request, timeout=timeout) as response:
        answer = response.read()
    # The answer itself stays out of the logs: the worker reads them whole.
    print(f"POST {url}: {len(answer)} bytes in {time.time() - started:.1f} s", flush=True)
    print(f"VERITY_OUTPUT_HASH={output_hash(api, answer)}", flush=True)


if __name__ == "__main__":
    sys.exit(main())
