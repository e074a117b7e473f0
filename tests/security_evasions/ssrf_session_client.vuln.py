"""Job runner that notifies the client's callback URL when a job finishes."""
import uuid

import requests
from flask import Flask, abort, jsonify, request


class Notifier:
    def __init__(self, timeout: float = 5.0) -> None:
        self.session = requests.Session()
        self.session.headers["User-Agent"] = "jobs-notifier/1.0"
        self.timeout = timeout

    def _deliver(self, callback_url: str, payload: dict) -> int:
        resp = self.session.post(callback_url, json=payload, timeout=self.timeout)
        return resp.status_code


app = Flask(__name__)
notifier = Notifier()


@app.post("/jobs")
def submit_job():
    body = request.get_json(force=True)
    callback = body.get("callback_url")
    if not callback:
        abort(400)
    job_id = uuid.uuid4().hex
    status = notifier._deliver(callback, {"job": job_id, "state": "queued"})
    return jsonify(job=job_id, callback_status=status)
