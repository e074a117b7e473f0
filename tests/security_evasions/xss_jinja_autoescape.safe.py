"""Render user profile pages with a Jinja2 environment of our own."""
from jinja2 import Environment, FileSystemLoader, select_autoescape
from flask import Flask

app = Flask(__name__)
env = Environment(loader=FileSystemLoader("templates"), autoescape=select_autoescape(["html", "xml"]))

PROFILES = {}


@app.route("/u/<username>")
def profile(username: str):
    bio = PROFILES.get(username, {}).get("bio", "")
    template = env.get_template("profile.html")
    return template.render(username=username, bio=bio)
