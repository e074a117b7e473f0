from urllib.parse import parse_qs
from html import escape


def app(environ, start_response):
    params = parse_qs(environ.get("QUERY_STRING", ""))
    user = params.get("user", ["guest"])[0]
    body = f"<p>Signed in as {escape(user)}</p>".encode()
    start_response("200 OK", [("Content-Type", "text/html; charset=utf-8")])
    return [body]
