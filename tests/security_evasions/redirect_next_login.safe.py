"""Login view that sends the user back where they came from."""
from urllib.parse import urlparse

from flask import Flask, redirect, render_template, request, session, url_for

app = Flask(__name__)
app.secret_key = __import__("os").urandom(32)


def check_credentials(username: str, password: str) -> bool:
    return bool(username) and bool(password)  # stand-in for the real user store


def _is_local_url(target: str) -> bool:
    parts = urlparse(target)
    return not parts.scheme and not parts.netloc and target.startswith("/") and not target.startswith("//")


@app.route("/login", methods=["GET", "POST"])
def login():
    if request.method == "GET":
        return render_template("login.html")
    if not check_credentials(request.form["username"], request.form["password"]):
        return render_template("login.html", error="Invalid credentials"), 401
    session["user"] = request.form["username"]
    next_url = request.args.get("next") or ""
    if not _is_local_url(next_url):
        next_url = url_for("index")
    return redirect(next_url)


@app.route("/")
def index():
    return "home"
