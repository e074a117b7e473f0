from flask import Flask, request, redirect, abort

app = Flask(__name__)
PARTNERS = {"acme": "https://acme.example.com/welcome", "globex": "https://globex.example.com/start"}


@app.get("/partner")
def partner():
    url = request.args.get("url") or PARTNERS.get(request.args.get("p", ""))
    if not url:
        abort(404)
    return redirect(url, code=302)
