"""Download endpoint for exported CSV files."""
import os

from fastapi import FastAPI, HTTPException
from fastapi.responses import FileResponse

app = FastAPI()
EXPORT_DIR = os.path.realpath("exports")


@app.get("/exports/{filename}")
def download_export(filename: str) -> FileResponse:
    """Stream a previously generated export back to the client."""
    path = os.path.realpath(os.path.join(EXPORT_DIR, filename))
    if os.path.dirname(path) != EXPORT_DIR:
        raise HTTPException(status_code=404)
    return FileResponse(path, media_type="text/csv", filename=os.path.basename(path))


if __name__ == "__main__":
    import uvicorn
    uvicorn.run(app)
