#!/usr/bin/env python3
"""A fake of the third-party senders OpsFlux cannot reach in tests, speaking their
wire formats: Twilio's SMS API and Firebase Cloud Messaging HTTP v1, with Google's
OAuth2 service-account flow (the assertion JWT is verified with PyJWT, RS256,
against a key pair made at startup). It can be told to fail.

    provider_fake.py --port 9100

    POST /_control  {"fail_next_sms": 1, "fail_next_push": 2, "unregistered": ["tok"],
                     "twilio": {"sid": "AC…", "token": "…"}, "received": []}
                    merged into the state (twilio merged key by key; default sid
                    ACtest, token secret) → 204
    GET  /_received every provider request, in order:
                    {"channel": "sms", "status", "to", "from", "body"}
                    {"channel": "push", "status", "token", "title", "body", "data"}
                    {"channel": "oauth", "status", "error"}
    GET  /_service_account  a Google service-account key file: project_id opsflux-test,
                    client_email opsflux@opsflux-test.iam.gserviceaccount.com,
                    private_key (PKCS#8 PEM), token_uri http://127.0.0.1:<port>/token

    POST /2010-04-01/Accounts/{sid}/Messages.json   form To, From, Body; Basic sid:token
                    401 code 20003 (bad auth or sid) | 400 code 21211 (To not E.164) or
                    21602 (no Body) | 503 code 20503 (fail_next_sms) | 201 Message
                    {"sid": "SM…", "status": "queued", "to", "from", "body", …}
    POST /token     form grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer,
                    assertion=<JWT: RS256 (kid, if any, = private_key_id), iss client_email,
                    aud token_uri or https://oauth2.googleapis.com/token, scope (space-
                    separated) with …/auth/firebase.messaging, iat/exp with exp <= iat+3600>
                    400 {"error": "invalid_grant"|"unsupported_grant_type", …} |
                    200 {"access_token": "ya29.…", "expires_in": 3599, "token_type": "Bearer"}
    POST /v1/projects/{project}/messages:send   Bearer <access_token>,
                    {"message": {"token", "notification": {"title", "body"}, "data"}}
                    401 UNAUTHENTICATED | 403 PERMISSION_DENIED (other project) |
                    400 INVALID_ARGUMENT (no token, data not string→string) |
                    503 UNAVAILABLE (fail_next_push) | 404 NOT_FOUND/UNREGISTERED
                    (token in unregistered) | 200 {"name": "projects/{project}/messages/…"}
"""

import argparse
import base64
import json
import re
import secrets
import threading
import time
from datetime import datetime, timezone
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

PROJECT = "opsflux-test"
CLIENT_EMAIL = f"opsflux@{PROJECT}.iam.gserviceaccount.com"
FCM_SCOPE = "https://www.googleapis.com/auth/firebase.messaging"
JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer"
GOOGLE_TOKEN_URI = "https://oauth2.googleapis.com/token"  # the aud Google's own clients send
E164 = re.compile(r"^\+[1-9]\d{6,14}$")
SMS_PATH = re.compile(r"^/2010-04-01/Accounts/([^/]+)/Messages\.json$")
PUSH_PATH = re.compile(r"^/v1/projects/([^/]+)/messages:send$")
FCM_ERROR = "type.googleapis.com/google.firebase.fcm.v1.FcmError"

KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)
KEY_ID = secrets.token_hex(20)
CLIENT_ID = str(secrets.randbelow(10**20) + 10**20)
LOCK = threading.Lock()
STATE = {"fail_next_sms": 0, "fail_next_push": 0, "unregistered": [],
         "twilio": {"sid": "ACtest", "token": "secret"},
         "access_tokens": {}, "received": []}


def twilio_error(status, code, message):
    return status, {"code": code, "message": message, "status": status,
                    "more_info": f"https://www.twilio.com/docs/errors/{code}"}


def google_error(status, code, message, error_code=None, field=None):
    error = {"code": status, "message": message, "status": code}
    if error_code:
        error["details"] = [{"@type": FCM_ERROR, "errorCode": error_code}]
    if field:
        error["details"].append({"@type": "type.googleapis.com/google.rpc.BadRequest",
                                 "fieldViolations": [{"field": field, "description": message}]})
    return status, {"error": error}


def bad_message(payload):
    """(message, field) of the INVALID_ARGUMENT error for a malformed send body, or None."""
    if not isinstance(payload, dict):
        return "Invalid JSON payload received.", "message"
    msg = payload.get("message")
    if not isinstance(msg, dict) or not isinstance(msg.get("token"), str) or not msg["token"]:
        return "Recipient of the message is not set.", "message"
    if not isinstance(msg.get("notification", {}), dict):
        return "Invalid value at 'message.notification' (Notification)", "message.notification"
    data = msg.get("data", {})
    if not isinstance(data, dict):
        return "Invalid value at 'message.data' (Map), expected an object", "message.data"
    for i, value in enumerate(data.values()):
        if not isinstance(value, str):
            where = f"message.data[{i}].value"
            return f"Invalid value at '{where}' (TYPE_STRING), {json.dumps(value)}", where
    return None


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *_):
        pass

    def reply(self, status, body=None, headers=()):
        raw = b"" if body is None else json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(raw)))
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(raw)

    def token_uri(self):
        return f"http://127.0.0.1:{self.server.server_address[1]}/token"

    def do_GET(self):
        path = urlsplit(self.path).path
        if path == "/_received":
            with LOCK:
                return self.reply(200, STATE["received"])
        if path == "/_service_account":
            pem = KEY.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                    serialization.NoEncryption()).decode()
            return self.reply(200, {
                "type": "service_account", "project_id": PROJECT, "private_key_id": KEY_ID,
                "private_key": pem, "client_email": CLIENT_EMAIL,
                "client_id": CLIENT_ID,
                "auth_uri": "https://accounts.google.com/o/oauth2/auth",
                "token_uri": self.token_uri(),
                "auth_provider_x509_cert_url": "https://www.googleapis.com/oauth2/v1/certs",
                "client_x509_cert_url": "https://www.googleapis.com/robot/v1/metadata/x509/"
                                        + CLIENT_EMAIL.replace("@", "%40"),
                "universe_domain": "googleapis.com"})
        self.reply(404)

    def do_POST(self):
        raw = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        path = urlsplit(self.path).path
        if path == "/_control":
            with LOCK:
                update = json.loads(raw or b"{}")
                STATE["twilio"] = {**STATE["twilio"], **update.pop("twilio", {})}
                STATE.update(update)
            return self.reply(204)
        form = {k: v[0] for k, v in parse_qs(raw.decode(errors="replace")).items()}
        if m := SMS_PATH.match(path):
            return self.sms(m.group(1), form)
        if path == "/token":
            return self.oauth(form)
        if m := PUSH_PATH.match(path):
            return self.push(m.group(1), raw)
        self.reply(404)

    def sms(self, sid, form):
        scheme, _, encoded = self.headers.get("Authorization", "").partition(" ")
        try:
            user, _, password = base64.b64decode(encoded).decode().partition(":")
        except ValueError:
            user = password = None
        to, sender, text = form.get("To"), form.get("From"), form.get("Body")
        with LOCK:
            good = STATE["twilio"]
            if not (scheme == "Basic" and user == sid == good["sid"] and password == good["token"]):
                status, body = twilio_error(401, 20003, "Authenticate")
            elif not E164.match(to or ""):
                status, body = twilio_error(
                    400, 21211, f"The 'To' number {to or ''} is not a valid phone number.")
            elif not text:
                status, body = twilio_error(400, 21602, "Message body is required.")
            elif STATE["fail_next_sms"] > 0:
                STATE["fail_next_sms"] -= 1
                status, body = twilio_error(503, 20503, "Service unavailable")
            else:
                msg_sid = "SM" + secrets.token_hex(16)
                now = format_datetime(datetime.now(timezone.utc))
                uri = f"/2010-04-01/Accounts/{sid}/Messages/{msg_sid}"
                status, body = 201, {
                    "sid": msg_sid, "account_sid": sid, "api_version": "2010-04-01",
                    "status": "queued", "direction": "outbound-api", "to": to, "from": sender,
                    "body": text, "num_segments": "1", "num_media": "0",
                    "messaging_service_sid": None, "date_created": now, "date_updated": now,
                    "date_sent": None, "price": None, "price_unit": "USD", "error_code": None,
                    "error_message": None, "uri": uri + ".json",
                    "subresource_uris": {"media": uri + "/Media.json"}}
            STATE["received"].append(
                {"channel": "sms", "status": status, "to": to, "from": sender, "body": text})
        headers = [("WWW-Authenticate", 'Basic realm="Twilio API"')] if status == 401 else []
        self.reply(status, body, headers)

    def oauth(self, form):
        error = None
        if form.get("grant_type") != JWT_BEARER:
            error = ("unsupported_grant_type", f"Invalid grant_type: {form.get('grant_type', '')}")
        else:
            try:
                assertion = form.get("assertion", "")
                if jwt.get_unverified_header(assertion).get("kid", KEY_ID) != KEY_ID:
                    raise jwt.InvalidTokenError("Invalid JWT Signature.")
                claims = jwt.decode(
                    assertion, KEY.public_key(), algorithms=["RS256"], leeway=60,
                    audience=[self.token_uri(), GOOGLE_TOKEN_URI], issuer=CLIENT_EMAIL,
                    options={"require": ["iss", "aud", "iat", "exp"]})
                if claims["exp"] > claims["iat"] + 3600:
                    raise jwt.InvalidTokenError(
                        "Invalid JWT: Token must be a short-lived token (60 minutes)")
                if FCM_SCOPE not in str(claims.get("scope", "")).split():
                    raise jwt.InvalidTokenError(
                        "Invalid OAuth scope or ID token audience provided.")
            except jwt.InvalidTokenError as e:
                error = ("invalid_grant", str(e))
        with LOCK:
            if error:
                status, body = 400, {"error": error[0], "error_description": error[1]}
            else:
                token = "ya29." + secrets.token_urlsafe(48)
                STATE["access_tokens"][token] = time.time() + 3599
                status, body = 200, {"access_token": token, "expires_in": 3599,
                                     "token_type": "Bearer"}
            STATE["received"].append(
                {"channel": "oauth", "status": status, "error": error and error[1]})
        self.reply(status, body)

    def push(self, project, raw):
        try:
            payload = json.loads(raw)
        except ValueError:
            payload = None
        msg = payload.get("message") if isinstance(payload, dict) else None
        msg = msg if isinstance(msg, dict) else {}
        note = msg.get("notification") if isinstance(msg.get("notification"), dict) else {}
        bearer = self.headers.get("Authorization", "").removeprefix("Bearer ")
        with LOCK:
            if STATE["access_tokens"].get(bearer, 0) < time.time():
                status, body = google_error(
                    401, "UNAUTHENTICATED", "Request had invalid authentication credentials. "
                    "Expected OAuth 2 access token, login cookie or other valid authentication "
                    "credential.")
            elif project != PROJECT:
                status, body = google_error(
                    403, "PERMISSION_DENIED", "Permission 'cloudmessaging.messages.create' denied "
                    f"on resource '//cloudresourcemanager.googleapis.com/projects/{project}' "
                    "(or it may not exist).")
            elif problem := bad_message(payload):
                status, body = google_error(400, "INVALID_ARGUMENT", problem[0],
                                            "INVALID_ARGUMENT", problem[1])
            elif STATE["fail_next_push"] > 0:
                STATE["fail_next_push"] -= 1
                status, body = google_error(503, "UNAVAILABLE",
                                            "The service is currently unavailable.", "UNAVAILABLE")
            elif msg["token"] in STATE["unregistered"]:
                status, body = google_error(404, "NOT_FOUND", "Requested entity was not found.",
                                            "UNREGISTERED")
            else:
                msg_id = f"0:{time.time_ns() // 1000}%{secrets.token_hex(8)}"
                status, body = 200, {"name": f"projects/{project}/messages/{msg_id}"}
            STATE["received"].append({
                "channel": "push", "status": status, "token": msg.get("token"),
                "title": note.get("title"), "body": note.get("body"), "data": msg.get("data")})
        realm = [("WWW-Authenticate", 'Bearer realm="https://accounts.google.com/"')]
        self.reply(status, body, realm if status == 401 else [])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args()
    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    server.daemon_threads = True
    server.serve_forever()


if __name__ == "__main__":
    main()
