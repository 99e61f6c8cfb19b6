#!/usr/bin/env python3
"""A webhook receiver for the tests: verifies every request's Standard Webhooks
signature with the reference implementation (PyPI `standardwebhooks`), independent
of OpsFlux's own code, and can be told to fail.

    webhook_receiver.py --port 9000

    POST /_control  {"secret": "whsec_…", "fail_next": 2, "hang_next": 1,
                     "slow_next": 3, "slow_secs": 1.5,
                     "redirect_next": "http://127.0.0.1:1/"}
                    sets the secret, how many next requests answer 500, hang
                    (30 s, no answer) or answer 200 after slow_secs, and a
                    redirect for the next one
    GET  /_received every request received, in order, as it arrived:
                    {"id", "type", "data", "valid", "status", "headers"}
                    (status "hang" or "slow" for those told so)
    POST <any other path>  a delivery: 401 if the signature does not verify, else
                    500/hang/slow as told, else 200.
"""

import argparse
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from standardwebhooks.webhooks import Webhook, WebhookVerificationError

LOCK = threading.Lock()
STATE = {"secret": None, "fail_next": 0, "hang_next": 0, "slow_next": 0, "slow_secs": 1.0, "redirect_next": None, "received": []}


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *_):
        pass

    def reply(self, status, body=b""):
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        if self.path != "/_received":
            return self.reply(404)
        with LOCK:
            body = json.dumps(STATE["received"]).encode()
        self.reply(200, body)

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        if self.path == "/_control":
            with LOCK:
                STATE.update(json.loads(body))
            return self.reply(204)
        headers = {k.lower(): v for k, v in self.headers.items()}
        with LOCK:
            secret = STATE["secret"]
        try:
            event = Webhook(secret).verify(body, headers)
            valid = True
        except (WebhookVerificationError, TypeError, ValueError):
            event, valid = None, False
        with LOCK:
            if not valid:
                status = 401
            elif STATE["hang_next"] > 0:
                STATE["hang_next"] -= 1
                status = "hang"
            elif STATE["slow_next"] > 0:
                STATE["slow_next"] -= 1
                status = "slow"
            elif STATE["redirect_next"]:
                status = 302
                location = STATE["redirect_next"]
                STATE["redirect_next"] = None
            elif STATE["fail_next"] > 0:
                STATE["fail_next"] -= 1
                status = 500
            else:
                status = 200
            STATE["received"].append({
                "id": headers.get("webhook-id"),
                "type": (event or {}).get("type"),
                "data": (event or {}).get("data"),
                "valid": valid,
                "status": status,
                "headers": headers,
            })
        if status == "hang":
            time.sleep(30)
            return
        if status == "slow":
            time.sleep(STATE["slow_secs"])
            status = 200
        if status == 302:
            self.send_response(302)
            self.send_header("Location", location)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self.reply(status, b'{"ok": true}' if status == 200 else b'{"error": "told to fail"}')


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args()
    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    server.daemon_threads = True
    server.serve_forever()


if __name__ == "__main__":
    main()
