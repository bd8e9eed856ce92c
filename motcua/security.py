"""Security headers on every answer, and the request-body limit (MAX_CONTENT_LENGTH; its 413 answer is in
motcua/errors.py).

The Content-Security-Policy allows only our own files: no inline script (behaviour lives in static/js, the
vendored htmx and socket.io included), no inline style (htmx's own indicator styles are switched off in
templates/base.html, and no template carries a style attribute), images from here or data: URLs, and no page
may frame ours (a kiosk or counter screen inside another site's frame could be click-jacked).
"""

from flask import Flask

CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "media-src 'self'",
        "connect-src 'self'",  # Socket.IO: the same host, over http(s) and ws(s)
        "object-src 'none'",
        "frame-ancestors 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ]
)

HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    # The ticket page's URL holds its token: never hand it to another site as a Referer. Our own pages still
    # get it: over https Flask-WTF refuses a form post without a same-origin Referer (no-referrer broke every
    # form behind TLS; make prod-check found it).
    "Referrer-Policy": "same-origin",
}


def init_app(app: Flask) -> None:
    @app.after_request
    def _security_headers(response):
        for name, value in HEADERS.items():
            response.headers.setdefault(name, value)
        return response


def max_content_length(environ_value: str | None) -> int:
    """MAX_CONTENT_LENGTH in bytes from the environment; 2 MB by default: nothing here posts more than a form or
    a small JSON body (catalogue imports go through the CLI)."""
    try:
        return max(1024, int(environ_value)) if environ_value else 2 * 1024 * 1024
    except ValueError:
        return 2 * 1024 * 1024
