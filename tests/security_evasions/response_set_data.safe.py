from flask import Flask, request, make_response
from markupsafe import escape

app = Flask(__name__)


@app.route("/hello")
def hello():
    name = request.args.get("name", "")
    resp = make_response("")
    resp.set_data("<h1>Hello " + str(escape(name)) + "</h1>")
    return resp
