"""Security headers on every response: a Content-Security-Policy without inline script, Permissions-Policy.

Referrer-Policy, X-Content-Type-Options, X-Frame-Options and Cross-Origin-Opener-Policy come from Django's own
SecurityMiddleware and XFrameOptionsMiddleware (settings SECURE_REFERRER_POLICY, ...). Scripts and styles load from
our origin only; the few inline blocks a library renders (django-leaflet's map set-up, Swagger UI's page style) carry
the per-request nonce `request.csp_nonce` (also `{{ csp_nonce }}` in templates), never 'unsafe-inline'.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponse


def _tile_origin() -> str:
    """The map tiles' host (django-leaflet's TILES setting, ours or its default), which pages load images from.

    A host without a scheme: tile URLs are often protocol-relative ("//tile..."), and a scheme-less source matches
    the page's own scheme (http and https on a plain-http demo, https only behind TLS)."""
    from leaflet import app_settings

    tiles = app_settings.get("TILES") or ""
    if isinstance(tiles, list | tuple):
        tiles = tiles[0][1] if tiles and len(tiles[0]) > 1 else ""
    netloc = urlsplit(str(tiles) if "//" in str(tiles) else "").netloc
    return netloc.replace("{s}", "*") if netloc else ""


def content_security_policy(nonce: str, image_origins: tuple[str, ...] = ()) -> str:
    """image_origins: hosts this one page loads images from (a WMS preview's map server), named by the view."""
    images = " ".join(
        dict.fromkeys(filter(None, ["'self'", "data:", _tile_origin(), *settings.CSP_EXTRA_IMG_SRC, *image_origins]))
    )
    directives = [
        "default-src 'self'",
        f"script-src 'self' 'nonce-{nonce}'",
        f"style-src 'self' 'nonce-{nonce}'",
        f"img-src {images}",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
    if settings.CSP_REPORT_URI:
        directives.append(f"report-uri {settings.CSP_REPORT_URI}")
    return "; ".join(directives)


def _origin(url: str) -> str:
    """scheme://host[:port] of an http(s) URL, "" for anything else (nothing else may enter the policy)."""
    parts = urlsplit(str(url))
    if parts.scheme not in ("http", "https") or not parts.netloc or any(c in parts.netloc for c in " ;,'\""):
        return ""
    return f"{parts.scheme}://{parts.netloc}"


PERMISSIONS_POLICY = (
    "accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), "
    "magnetometer=(), microphone=(), midi=(), payment=(), usb=()"
)


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.csp_nonce = secrets.token_urlsafe(16)
        response = self.get_response(request)
        header = "Content-Security-Policy-Report-Only" if settings.CSP_REPORT_ONLY else "Content-Security-Policy"
        # A view that shows images of another server (a WMS layer previewed on the map) names its origins in
        # request.csp_image_origins: allowed for that response only, not for every page.
        origins = tuple(_origin(url) for url in getattr(request, "csp_image_origins", ()))
        response.headers.setdefault(header, content_security_policy(request.csp_nonce, origins))
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        # Also on what WhiteNoise answers before XFrameOptionsMiddleware runs (static files).
        response.headers.setdefault("X-Frame-Options", settings.X_FRAME_OPTIONS)
        return response


def csp_nonce(request: HttpRequest) -> dict[str, str]:
    """Template context processor: {{ csp_nonce }} for the inline blocks libraries render."""
    return {"csp_nonce": getattr(request, "csp_nonce", "")}
