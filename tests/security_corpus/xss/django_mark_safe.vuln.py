from django.shortcuts import render
from django.utils.safestring import mark_safe


def profile(request, username):
    bio = request.GET.get("bio", "")
    snippet = mark_safe(f"<em>{bio}</em>")
    return render(request, "profile.html", {"username": username, "bio": snippet})
