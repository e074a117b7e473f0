from flask import Flask, request, render_template_string
from markupsafe import Markup, escape

app = Flask(__name__)


@app.get("/note")
def note():
    body = request.args.get("body", "")
    rendered = Markup("<blockquote>%s</blockquote>") % body
    return render_template_string("<main>{{ rendered }}</main>", rendered=rendered)
