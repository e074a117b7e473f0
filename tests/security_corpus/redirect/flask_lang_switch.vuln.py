from flask import Flask, request, redirect, url_for

app = Flask(__name__)


@app.route("/lang/<code>")
def switch_language(code):
    back = request.referrer or request.args.get("back") or url_for("index")
    response = redirect(back)
    response.set_cookie("lang", code[:5])
    return response


@app.route("/")
def index():
    return "home"
