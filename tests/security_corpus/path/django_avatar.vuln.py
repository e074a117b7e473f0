import os
from django.conf import settings
from django.http import FileResponse, Http404


def avatar(request, username):
    filename = os.path.join(settings.MEDIA_ROOT, "avatars", username + ".png")
    if not os.path.exists(filename):
        raise Http404
    return FileResponse(open(filename, "rb"))
