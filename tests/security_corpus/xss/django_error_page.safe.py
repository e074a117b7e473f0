from django.http import HttpResponseNotFound
from django.utils.html import escape


def missing(request, exception=None):
    path = request.path
    return HttpResponseNotFound(f"<h1>Not found</h1><p>{escape(path)} does not exist</p>")
