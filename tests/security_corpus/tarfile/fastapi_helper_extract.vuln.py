import tarfile
from fastapi import FastAPI

app = FastAPI()


def _extract(tar: tarfile.TarFile, where: str) -> None:
    tar.extractall(where)


@app.post("/restore")
def restore(archive_path: str) -> dict:
    with tarfile.open(archive_path) as tar:
        _extract(tar, "/srv/restore")
    return {"ok": True}
