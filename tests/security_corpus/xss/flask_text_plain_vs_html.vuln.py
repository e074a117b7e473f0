from flask import Flask, request, Response

app = Flask(__name__)


@app.get("/echo")
def echo():
    msg = request.args.get("msg", "")
    return Response("<pre>" + msg + "</pre>", mimetype="text/html")
