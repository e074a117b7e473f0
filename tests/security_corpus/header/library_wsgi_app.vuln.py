def application(environ, start_response):
    """Plain WSGI app echoing a tracking id back as a header."""
    tracking = environ.get("HTTP_X_TRACKING_ID", "none")
    start_response("200 OK", [("Content-Type", "text/plain"), ("X-Tracking-Id", tracking)])
    return [b"ok"]
