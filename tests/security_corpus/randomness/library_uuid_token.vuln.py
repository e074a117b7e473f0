import uuid
import random


def share_link(document_id: int) -> str:
    token = uuid.UUID(int=random.getrandbits(128))
    return f"https://docs.example.com/share/{document_id}/{token}"
