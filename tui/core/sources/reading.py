"""The bytes of a source: a local file, or an http(s) URL fetched once.

Fetching is the only network access in the whole program, so it is careful: a timeout per read
and a deadline for the whole download (a server that trickles bytes cannot hang a live call), a
size limit checked before and while reading, redirects followed only to http and https, and
every failure turned into one sentence naming the address.
"""

from __future__ import annotations

import http.client
import socket
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from .errors import SourceError

MAX_BYTES = 5 * 1024 * 1024
TIMEOUT_SECONDS = 15.0
DEADLINE_SECONDS = 60.0
TEXT_TYPES = ("text/", "application/xhtml+xml", "application/xml", "application/markdown")
USER_AGENT = "vendor-review (evidence finder; one fetch per attached page)"


@dataclass(frozen=True)
class Download:
    data: bytes
    content_type: str
    url: str | None  # the final address after redirects; None for a file


def is_url(location: str) -> bool:
    return urlsplit(location).scheme.lower() in ("http", "https")


def read_file(path: Path, limit: int = MAX_BYTES) -> Download:
    name = str(path)
    try:
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except FileNotFoundError:
        raise SourceError(f"{name}: no such file") from None
    except IsADirectoryError:
        raise SourceError(f"{name}: is a folder, not a file") from None
    except OSError as error:
        raise SourceError(f"{name}: cannot read: {error.strerror or error}") from None
    if len(data) > limit:
        raise SourceError(f"{name}: larger than {limit // (1024 * 1024)} MB; attach the relevant page only")
    return Download(data, "", None)


class _WebOnlyRedirects(urllib.request.HTTPRedirectHandler):
    """urllib would follow a redirect to ftp:; a vendor page may only lead to another web page."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        if urlsplit(newurl).scheme.lower() not in ("http", "https"):
            raise SourceError(f"{req.full_url}: redirects to {newurl[:100]!r}, which is not a web page (http or https)")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def fetch_url(url: str, limit: int = MAX_BYTES) -> Download:
    opener = urllib.request.build_opener(_WebOnlyRedirects)
    request = urllib.request.Request(url, headers={
        "User-Agent": USER_AGENT,
        "Accept": "text/html,application/xhtml+xml,text/markdown,text/plain;q=0.9",
    })
    try:
        with opener.open(request, timeout=TIMEOUT_SECONDS) as response:
            content_type = response.headers.get("Content-Type", "")
            _check_type(url, content_type)
            length = response.headers.get("Content-Length", "")
            if length.isdigit() and int(length) > limit:
                raise SourceError(f"{url}: the page is {int(length) // (1024 * 1024)} MB, "
                                  f"over the {limit // (1024 * 1024)} MB limit")
            data = _read_limited(url, response, limit)
            return Download(data, content_type, response.geturl())
    except SourceError:
        raise
    except urllib.error.HTTPError as error:
        raise SourceError(f"{url}: the server answered {error.code} {error.reason}") from None
    except urllib.error.URLError as error:
        raise SourceError(f"{url}: cannot reach {urlsplit(url).hostname}: {_reason(error.reason)}") from None
    except TimeoutError:
        raise SourceError(f"{url}: no answer within {TIMEOUT_SECONDS:.0f} seconds") from None
    except (OSError, ValueError, http.client.HTTPException) as error:
        raise SourceError(f"{url}: cannot fetch: {error.__class__.__name__} {error}".rstrip()) from None


def _reason(reason: object) -> str:
    if isinstance(reason, socket.gaierror):
        return "no such host (check the address, or the network)"
    if isinstance(reason, ConnectionRefusedError):
        return "connection refused"
    if isinstance(reason, (TimeoutError, socket.timeout)):
        return f"no answer within {TIMEOUT_SECONDS:.0f} seconds"
    return str(getattr(reason, "strerror", None) or reason)


def _check_type(url: str, content_type: str) -> None:
    media = content_type.split(";", 1)[0].strip().lower()
    if media and not media.startswith(TEXT_TYPES):
        raise SourceError(f"{url}: is {media}, not a web page or text; save the page as HTML or text")


def _read_limited(url: str, response: object, limit: int) -> bytes:
    started, size = time.monotonic(), 0
    chunks: list[bytes] = []
    while True:
        chunk = response.read(65536)  # type: ignore[attr-defined]
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > limit:
            raise SourceError(f"{url}: the page is over the {limit // (1024 * 1024)} MB limit")
        if time.monotonic() - started > DEADLINE_SECONDS:
            raise SourceError(f"{url}: still downloading after {DEADLINE_SECONDS:.0f} seconds; gave up")
        chunks.append(chunk)
