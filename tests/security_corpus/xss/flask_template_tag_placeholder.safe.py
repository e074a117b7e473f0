from flask import Flask, request
import html

app = Flask(__name__)
TEMPLATE = "<{tag}>{content}</{tag}>"


@app.get("/box")
def box():
    content = request.args.get("content", "")
    return TEMPLATE.format(tag="section", content=html.escape(content))
