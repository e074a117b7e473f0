import subprocess
from fastapi import FastAPI, Query

app = FastAPI()
run_shell = lambda argv: subprocess.check_output(argv)


@app.get("/whois")
def whois(domain: str = Query(..., max_length=253)) -> dict:
    raw = run_shell(["whois", domain])
    return {"result": raw.decode(errors="replace")}
