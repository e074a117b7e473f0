import os
from dataclasses import dataclass, field


@dataclass
class S3Settings:
    bucket: str = "backups"
    access_key: str = field(default_factory=lambda: os.environ.get("AWS_ACCESS_KEY_ID", ""))
    secret_key: str = field(default_factory=lambda: os.environ.get("AWS_SECRET_ACCESS_KEY", ""))
