"""The interactive API docs (/docs, /redoc) with no CDN: a support team's server often has no
internet, and FastAPI's default pages load Swagger UI and ReDoc from one.

The assets come from the ``fastapi-offline`` pip package (a well-kept bundle of Swagger UI and
ReDoc), served under ``/static-offline-docs``. ReDoc's bundle would still fetch its "powered by"
logo from its own CDN, so the page carries a Content-Security-Policy that keeps images local.
"""

from __future__ import annotations

from importlib.resources import files

from fastapi import FastAPI
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.staticfiles import StaticFiles
from starlette.responses import HTMLResponse

STATIC_URL = "/static-offline-docs"
_LOCAL_ONLY = "default-src 'self' 'unsafe-inline' blob: data:; img-src 'self' data:"


def mount_docs(app: FastAPI) -> None:
    """Serve /docs and /redoc from packaged assets (create the app with both urls set to None)."""
    assets = str(files("fastapi_offline") / "static")
    app.mount(STATIC_URL, StaticFiles(directory=assets), name="static-offline-docs")
    openapi_url = app.openapi_url or "/openapi.json"

    @app.get("/docs", include_in_schema=False)
    async def swagger_ui() -> HTMLResponse:
        page = get_swagger_ui_html(
            openapi_url=openapi_url,
            title=f"{app.title} - API",
            swagger_js_url=f"{STATIC_URL}/swagger-ui-bundle.js",
            swagger_css_url=f"{STATIC_URL}/swagger-ui.css",
            swagger_favicon_url=f"{STATIC_URL}/favicon.png",
        )
        page.headers["Content-Security-Policy"] = _LOCAL_ONLY
        return page

    @app.get("/redoc", include_in_schema=False)
    async def redoc() -> HTMLResponse:
        page = get_redoc_html(
            openapi_url=openapi_url,
            title=f"{app.title} - API reference",
            redoc_js_url=f"{STATIC_URL}/redoc.standalone.js",
            redoc_favicon_url=f"{STATIC_URL}/favicon.png",
            with_google_fonts=False,
        )
        page.headers["Content-Security-Policy"] = _LOCAL_ONLY
        return page
