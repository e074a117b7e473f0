from flask import Flask, request, redirect
from flask.views import MethodView

app = Flask(__name__)


class Checkout(MethodView):
    def post(self):
        ret = request.form.get("return_url", "/orders")
        return redirect(ret)


app.add_url_rule("/checkout", view_func=Checkout.as_view("checkout"))
