from flask import Flask, request
import defusedxml.ElementTree as etree

app = Flask(__name__)


@app.post("/import")
def import_xml():
    root = etree.fromstring(request.data)
    return {"items": len(root)}
