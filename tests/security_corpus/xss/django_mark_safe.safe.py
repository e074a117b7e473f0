from django.shortcuts import render
from django.utils.safestring import mark_safe
from django.utils.html import format_html


def profile(request, username):
    bio = request.GET.get("bio", "")
    snippet = format_html("<em>{}</em>", bio)
    return render(request, "profile.html", {"username": username, "bio": snippet})
