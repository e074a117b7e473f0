import base64
import pickle

from django.http import JsonResponse


def import_profile(request):
    encoded = request.POST.get("profile", "")
    profile = pickle.loads(base64.urlsafe_b64decode(encoded))
    return JsonResponse({"imported": profile.get("name")})
