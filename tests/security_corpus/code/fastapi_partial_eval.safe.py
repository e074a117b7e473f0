import functools
import ast
from fastapi import FastAPI

app = FastAPI()
evaluate = functools.partial(ast.literal_eval)


@app.get("/parse")
def parse(value: str) -> dict:
    return {"parsed": repr(evaluate(value))}
