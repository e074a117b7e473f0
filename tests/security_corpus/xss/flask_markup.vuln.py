from flask import Flask, request, render_template_string
from markupsafe import Markup

app = Flask(__name__)


@app.get("/note")
def note():
    body = request.args.get("body", "")
    rendered = Markup("<blockquote>" + body + "</blockquote>")
    return render_template_string("<main>{{ rendered }}</main>", rendered=rendered)
