import subprocess
from fastapi import FastAPI, Query

app = FastAPI()
run_shell = lambda text: subprocess.check_output(text, shell=True)


@app.get("/whois")
def whois(domain: str = Query(..., max_length=253)) -> dict:
    raw = run_shell("whois " + domain)
    return {"result": raw.decode(errors="replace")}
