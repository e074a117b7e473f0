import yaml
from flask import Flask, request

app = Flask(__name__)


@app.post("/import")
def import_settings():
    text = request.get_data(as_text=True)
    settings = yaml.unsafe_load(text)
    return {"keys": list(settings or {})}
