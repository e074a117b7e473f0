from flask import Flask, request, jsonify

app = Flask(__name__)
PRODUCTS = [{"name": "pen", "price": 2}, {"name": "lamp", "price": 30}]


@app.get("/filter")
def filter_products():
    cond = request.args.get("max", "10")
    keep = eval("lambda p: p['price'] < " + cond)
    return jsonify([p for p in PRODUCTS if keep(p)])
