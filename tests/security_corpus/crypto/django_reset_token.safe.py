import hashlib
from django.http import JsonResponse
from django.contrib.auth.models import User
from django.conf import settings


def reset_token(request):
    user = User.objects.get(email=request.POST["email"])
    token = hashlib.sha256(f"{user.pk}{user.password}{settings.SECRET_KEY}".encode()).hexdigest()
    return JsonResponse({"sent": bool(token)})
