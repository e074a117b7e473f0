import json

from flask import Flask, request

app = Flask(__name__)


@app.route("/jobs", methods=["POST"])
def submit_job():
    job = json.loads(request.get_data())
    return {"queued": str(job)[:40]}
