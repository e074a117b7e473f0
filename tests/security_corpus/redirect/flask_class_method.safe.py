from flask import Flask, request, redirect
from flask.views import MethodView
from urllib.parse import urlparse

app = Flask(__name__)


class Checkout(MethodView):
    def post(self):
        ret = request.form.get("return_url", "/orders")
        if urlparse(ret).scheme or urlparse(ret).netloc or ret.startswith("//"):
            ret = "/orders"
        return redirect(ret)


app.add_url_rule("/checkout", view_func=Checkout.as_view("checkout"))
