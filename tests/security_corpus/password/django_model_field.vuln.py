from django.db import models


class Member(models.Model):
    email = models.EmailField(unique=True)
    password = models.CharField(max_length=128)

    def set_password(self, raw_password: str) -> None:
        self.password = raw_password
        self.save()
