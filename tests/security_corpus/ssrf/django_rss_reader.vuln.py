import feedparser
import requests
from django.http import JsonResponse

FEEDS = {"python": "https://blog.python.org/feeds/posts/default", "django": "https://www.djangoproject.com/rss/weblog/"}


def read_feed(request):
    feed_url = request.GET["feed"]
    body = requests.get(feed_url, timeout=5).text
    parsed = feedparser.parse(body)
    return JsonResponse({"titles": [e.title for e in parsed.entries[:10]]})
