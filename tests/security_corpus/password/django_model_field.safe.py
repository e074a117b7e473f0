from django.db import models
from django.contrib.auth.hashers import make_password


class Member(models.Model):
    email = models.EmailField(unique=True)
    password = models.CharField(max_length=128)

    def set_password(self, raw_password: str) -> None:
        self.password = make_password(raw_password)
        self.save()
