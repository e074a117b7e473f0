"""Download endpoint for exported CSV files."""
import os

from fastapi import FastAPI
from fastapi.responses import FileResponse

app = FastAPI()
EXPORT_DIR = "exports"


@app.get("/exports/{filename}")
def download_export(filename: str) -> FileResponse:
    """Stream a previously generated export back to the client."""
    return FileResponse(os.path.join(EXPORT_DIR, filename), media_type="text/csv", filename=filename)


if __name__ == "__main__":
    import uvicorn
    uvicorn.run(app)
