from http.server import BaseHTTPRequestHandler, HTTPServer
from urllib.parse import parse_qs, urlparse


class Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        query = parse_qs(urlparse(self.path).query)
        lang = query.get("lang", ["en"])[0]
        self.send_response(200)
        self.send_header("Content-Language", lang if lang.isalpha() and len(lang) <= 8 else "en")
        self.end_headers()
        self.wfile.write(b"hello")


if __name__ == "__main__":
    HTTPServer(("127.0.0.1", 8000), Handler).serve_forever()
