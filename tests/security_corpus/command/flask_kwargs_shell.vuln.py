import subprocess
from flask import Flask, request

app = Flask(__name__)
OPTIONS = {"capture_output": True, "text": True}


@app.post("/lint")
def lint():
    target = request.form["file"]
    proc = subprocess.run("pylint " + target, **{"shell": True}, **OPTIONS)
    return {"report": proc.stdout}
