from django.shortcuts import redirect, get_object_or_404
from links.models import ShortLink


def follow(request, slug):
    target = get_object_or_404(ShortLink, slug=slug).url
    return redirect(target)
