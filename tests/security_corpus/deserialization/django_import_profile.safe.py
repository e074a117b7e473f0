import base64
import json

from django.http import JsonResponse


def import_profile(request):
    encoded = request.POST.get("profile", "")
    profile = json.loads(base64.urlsafe_b64decode(encoded))
    return JsonResponse({"imported": profile.get("name")})
