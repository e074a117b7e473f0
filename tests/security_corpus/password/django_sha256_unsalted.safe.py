import hashlib
from django.http import JsonResponse
from django.contrib.auth.hashers import make_password

from accounts.models import Account


def create_account(request):
    pw = request.POST["password"]
    digest = make_password(pw)
    Account.objects.create(email=request.POST["email"], password_hash=digest)
    return JsonResponse({"ok": True})
