import uuid
import secrets


def share_link(document_id: int) -> str:
    token = uuid.UUID(bytes=secrets.token_bytes(16))
    return f"https://docs.example.com/share/{document_id}/{token}"
