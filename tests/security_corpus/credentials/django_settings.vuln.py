import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
SECRET_KEY = "django-insecure-9x!k2@q#v7m$z3w8r4t6y1u0p5o2i9e8"
DEBUG = False
ALLOWED_HOSTS = ["example.com"]
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "shop",
        "USER": "shop",
        "PASSWORD": "sh0p-pa55",
    }
}
