import hashlib
from django.http import JsonResponse

from accounts.models import Account


def create_account(request):
    pw = request.POST["password"]
    digest = hashlib.sha256(pw.encode()).hexdigest()
    Account.objects.create(email=request.POST["email"], password_hash=digest)
    return JsonResponse({"ok": True})
