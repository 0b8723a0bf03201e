"""A tiny, deterministic training run for the Verity e2e: the Ray job a provider's OCW submits.

Reads the job's facts from the environment (VERITY_JOB_ID, VERITY_INPUT_URI, VERITY_INPUT_HASH,
VERITY_SEED, VERITY_MAX_TOKENS as the step count), fits y = a·x + b by gradient descent on points
derived from the input bytes and the seed (pure Python, same answer on every run), writes the
weights as canonical JSON and prints

    VERITY_ARTIFACT_HASH=0x<blake2b-256 of the weights file>

which the OCW reads from the job's logs and commits as the job's output (for model-lineage: the
weights hash). Only `data:` inputs are read here (the bytes after the first comma).
"""

import hashlib
import json
import os
import random
import sys


def input_bytes(uri: str) -> bytes:
    if not uri.startswith("data:") or "," not in uri:
        sys.exit(f"unsupported input URI: {uri!r}")
    data = uri.split(",", 1)[1].encode()
    expected = os.environ.get("VERITY_INPUT_HASH", "")
    actual = "0x" + hashlib.blake2b(data, digest_size=32).hexdigest()
    if expected and expected.lower() != actual:
        sys.exit(f"input hash mismatch: {actual} != {expected}")
    return data


def main() -> None:
    data = input_bytes(os.environ.get("VERITY_INPUT_URI", "data:,"))
    seed = int(os.environ.get("VERITY_SEED", "0"))
    steps = max(1, min(int(os.environ.get("VERITY_MAX_TOKENS", "200")), 10_000))
    rng = random.Random(seed)
    xs = [b / 255.0 for b in data] or [0.0]
    ys = [3.0 * x + 0.5 + rng.uniform(-0.01, 0.01) for x in xs]
    a, b, lr = 0.0, 0.0, 0.5
    for step in range(steps):
        ga = sum((a * x + b - y) * x for x, y in zip(xs, ys)) * 2 / len(xs)
        gb = sum((a * x + b - y) for x, y in zip(xs, ys)) * 2 / len(xs)
        a, b = a - lr * ga, b - lr * gb
        if step % max(1, steps // 4) == 0:
            loss = sum((a * x + b - y) ** 2 for x, y in zip(xs, ys)) / len(xs)
            print(f"step {step} loss {loss:.6f}", flush=True)
    weights = json.dumps({"a": round(a, 9), "b": round(b, 9), "steps": steps}, sort_keys=True)
    out_dir = os.environ.get("VERITY_ARTIFACT_DIR", "/tmp")
    path = os.path.join(out_dir, f"verity-job-{os.environ.get('VERITY_JOB_ID', 'x')}.json")
    with open(path, "w") as f:
        f.write(weights)
    digest = hashlib.blake2b(weights.encode(), digest_size=32).hexdigest()
    print(f"weights {weights} -> {path}", flush=True)
    print(f"VERITY_ARTIFACT_HASH=0x{digest}", flush=True)


if __name__ == "__main__":
    main()
