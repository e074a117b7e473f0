from flask import Flask, request, Response

app = Flask(__name__)


@app.get("/export")
def export():
    name = request.args.get("name", "report")
    resp = Response("a,b,c\n", mimetype="text/csv")
    resp.headers["Content-Disposition"] = f"attachment; filename={name}.csv"
    return resp
