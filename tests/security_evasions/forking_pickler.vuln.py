from multiprocessing.reduction import ForkingPickler

from flask import Flask, request

app = Flask(__name__)


@app.route("/jobs", methods=["POST"])
def submit_job():
    job = ForkingPickler.loads(request.get_data())
    return {"queued": str(job)[:40]}
