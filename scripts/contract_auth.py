"""Schemathesis hook for scripts/contract.sh: every request is signed in as the
fuzzer's platform operator. The fuzzer may end that session itself (it revokes sessions it can
list), so a 401 signs in again and the request is retried once with a fresh token."""

import json
import os
import urllib.request

import schemathesis


@schemathesis.auth(refresh_interval=None, retry_on=[401])
class DemoAdministrator:
    def get(self, case, context):
        body = json.dumps(
            {"email": os.environ["CONTRACT_EMAIL"], "password": os.environ["CONTRACT_PASSWORD"]}
        ).encode()
        request = urllib.request.Request(
            os.environ["CONTRACT_BASE"] + "/api/v1/auth/login",
            data=body,
            headers={"content-type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.load(response)["access_token"]

    def set(self, case, data, context):
        case.headers = case.headers or {}
        case.headers["Authorization"] = f"Bearer {data}"
