from flask import Flask, request
import xml.parsers.expat as expat

app = Flask(__name__)


def _no_entities(*args):
    raise ValueError("entity declarations are not accepted")


@app.post("/count")
def count():
    parser = expat.ParserCreate()
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.EntityDeclHandler = _no_entities
    names = []
    parser.StartElementHandler = lambda name, attrs: names.append(name)
    parser.Parse(request.data, True)
    return {"elements": len(names)}
