"""Checks infer_job.py against the worker: the answers, hashes, refused answers and request bodies
in pallets/compute-staking/src/tests/output-hash-vectors.json, which the pallet's unit test
`the_inference_entrypoint_hashes_like_the_worker` computes with the worker's Rust code; then one
whole run of the entrypoint against a stand-in server. Standard library only:

    python3 scripts/cluster/test_infer_job.py
"""

import contextlib
import hashlib
import io
import json
import os
import sys
import threading
import unittest
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from unittest import mock

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import infer_job  # noqa: E402

VECTORS = os.path.join(HERE, "..", "..", "pallets", "compute-staking", "src", "tests",
                       "output-hash-vectors.json")
with open(VECTORS, encoding="utf-8") as f:
    V = json.load(f)


class Vectors(unittest.TestCase):
    def test_bad_input_marker(self):
        self.assertEqual(infer_job.BAD_INPUT, V["bad_input"])

    def test_answers_hash_as_the_worker_hashes_them(self):
        for case in V["answers"]:
            got = infer_job.output_hash(case["api"], case["answer"].encode())
            self.assertEqual(got, case["hash"], case["name"])

    def test_answers_the_worker_refuses_are_refused(self):
        for case in V["rejected"]:
            with self.assertRaises(ValueError, msg=case["answer"]):
                infer_job.output_hash(case["api"], case["answer"].encode())

    def test_requests_are_the_workers(self):
        for case in V["requests"]:
            path, body = infer_job.request_body(case["api"], case["model"], case["input"],
                                                case["seed"], case["temperature_milli"],
                                                case["max_tokens"])
            self.assertEqual((path, body.decode()), (case["path"], case["body"]))


class StandIn(BaseHTTPRequestHandler):
    """Answers every POST with the first vector answer, recording path and body."""
    seen = []

    def do_POST(self):  # noqa: N802 (http.server naming)
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        StandIn.seen.append((self.path, body))
        answer = V["answers"][0]["answer"].encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, *args):
        pass


class WholeRun(unittest.TestCase):
    def setUp(self):
        StandIn.seen.clear()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), StandIn)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def tearDown(self):
        self.server.shutdown()
        self.server.server_close()

    def run_job(self, text: str, input_hash: str) -> str:
        env = {
            "VERITY_INPUT_URI": f"data:text/plain,{text}", "VERITY_INPUT_HASH": input_hash,
            "VERITY_API": "chat", "VERITY_TEMPERATURE_MILLI": "0", "VERITY_SEED": "42",
            "VERITY_MAX_TOKENS": "512", "VERITY_MODEL": "default",
            "VERITY_INFER_URL": f"http://127.0.0.1:{self.server.server_port}/",
        }
        out = io.StringIO()
        with mock.patch.dict(os.environ, env), contextlib.redirect_stdout(out):
            infer_job.main()
        return out.getvalue()

    def test_prints_the_canonical_hash_of_the_servers_answer(self):
        text = "Tell a long story, with commas."
        digest = "0x" + hashlib.blake2b(text.encode(), digest_size=32).hexdigest()
        logs = self.run_job(text, digest.upper().replace("0X", "0x"))
        self.assertIn(f"\nVERITY_OUTPUT_HASH={V['answers'][0]['hash']}\n", "\n" + logs)
        _, body = infer_job.request_body("chat", "default", text, 42, 0, 512)
        self.assertEqual(StandIn.seen, [("/v1/chat/completions", body)])

    def test_a_switched_input_gives_the_bad_input_marker_and_runs_nothing(self):
        logs = self.run_job("switched", "0x" + "11" * 32)
        self.assertIn(f"VERITY_OUTPUT_HASH={V['bad_input']}\n", logs)
        self.assertEqual(StandIn.seen, [])


if __name__ == "__main__":
    unittest.main()
