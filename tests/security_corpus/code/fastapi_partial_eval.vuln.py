import functools
from fastapi import FastAPI

app = FastAPI()
evaluate = functools.partial(eval, globals={"__builtins__": {}})


@app.get("/parse")
def parse(value: str) -> dict:
    return {"parsed": repr(evaluate(value))}
