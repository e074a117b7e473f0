from flask import Flask, request, render_template_string

app = Flask(__name__)


@app.get("/search")
def search():
    q = request.args.get("q", "")
    page = "<p>Results for " + q + "</p>"
    return render_template_string(page)
