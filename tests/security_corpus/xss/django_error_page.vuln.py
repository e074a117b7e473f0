from django.http import HttpResponseNotFound


def missing(request, exception=None):
    path = request.path
    return HttpResponseNotFound(f"<h1>Not found</h1><p>{path} does not exist</p>")
