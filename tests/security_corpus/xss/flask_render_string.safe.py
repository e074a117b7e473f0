from flask import Flask, request, render_template_string

app = Flask(__name__)


@app.get("/search")
def search():
    q = request.args.get("q", "")
    return render_template_string("<p>Results for {{ q }}</p>", q=q)
