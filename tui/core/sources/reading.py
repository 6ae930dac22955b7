"""The bytes of a source: a local file, or an http(s) URL fetched once.

Fetching is the only network access in the whole program, so it is careful: a timeout per read
and one wall-clock deadline over connecting, headers and body (a server that trickles bytes
cannot hang a live call), only regular files read (a FIFO would block forever), a
size limit checked before and while reading, redirects followed only to http and https, and
every failure turned into one sentence naming the address.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from .documents import DOCUMENT_TYPES, MAX_DOCUMENT_BYTES
from .errors import SourceError

if TYPE_CHECKING:  # httpx is imported by the fetch itself: only `source add` of a URL pays for it
    import httpx

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
    """By the scheme alone: urlsplit raises on a malformed host (`http://[::1`), which
    `check_url` reports in one line."""
    scheme, sep, _ = location.partition(":")
    return bool(sep) and scheme.strip().lower() in ("http", "https")


def read_file(path: Path, limit: int = MAX_BYTES) -> Download:
    """A regular file's bytes. It is opened without blocking and checked before it is read:
    opening a FIFO (or a terminal, a socket) would wait for a writer forever."""
    name = str(path)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except FileNotFoundError:
        raise SourceError(f"{name}: no such file") from None
    except IsADirectoryError:
        raise SourceError(f"{name}: is a folder, not a file") from None
    except OSError as error:
        raise SourceError(f"{name}: cannot read: {error.strerror or error}") from None
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):  # checked before fdopen, which names a folder "Is a directory: 3"
        os.close(fd)
        if stat.S_ISDIR(mode):
            raise SourceError(f"{name}: is a folder, not a file")
        raise SourceError(f"{name}: is not a regular file (a pipe or a device); save the page to a file")
    with os.fdopen(fd, "rb") as handle:
        try:
            data = handle.read(limit + 1)
        except OSError as error:
            raise SourceError(f"{name}: cannot read: {error.strerror or error}") from None
    if len(data) > limit:
        raise SourceError(f"{name}: larger than {limit // (1024 * 1024)} MB; attach the relevant page only")
    return Download(data, "", None)


MAX_REDIRECTS = 10


def fetch_url(url: str, limit: int = MAX_BYTES, deadline: float | None = None) -> Download:
    """The page (or a PDF/Office document, with the document limit) at `url`, within one
    wall-clock deadline over connecting, the headers and the
    body: a per-read timeout alone lets a server that sends a byte a second hold a live call
    for minutes. httpx's async client runs under `asyncio.timeout`, which cancels whatever
    step is waiting, in a private event loop (callers are a command or a thread worker)."""
    import asyncio

    import httpx

    seconds = DEADLINE_SECONDS if deadline is None else deadline

    async def fetch() -> Download:
        async with asyncio.timeout(seconds):
            return await _fetch(url, limit)

    try:
        return asyncio.run(fetch())
    except SourceError:
        raise
    except TimeoutError:
        raise SourceError(f"{url}: no complete answer within {seconds:g} seconds; gave up") from None
    except httpx.TimeoutException:
        raise SourceError(f"{url}: no answer within {TIMEOUT_SECONDS:g} seconds") from None
    except httpx.ConnectError as error:
        raise SourceError(f"{url}: cannot reach {urlsplit(url).hostname}: {_reason(error)}") from None
    except (httpx.HTTPError, OSError, ValueError) as error:
        detail = " ".join(str(error).split())[:200]
        raise SourceError(f"{url}: cannot fetch: {error.__class__.__name__} {detail}".rstrip()) from None


async def _fetch(url: str, limit: int) -> Download:
    """Redirects are followed here, not by httpx, so that each hop is checked: a vendor page
    may lead only to another web page, and a loop is said in one line."""
    import httpx

    headers = {"User-Agent": USER_AGENT,
               "Accept": "text/html,application/xhtml+xml,text/markdown,text/plain;q=0.9,"
                         + ",".join(f"{media};q=0.8" for media in DOCUMENT_TYPES)}
    async with httpx.AsyncClient(timeout=TIMEOUT_SECONDS, headers=headers, follow_redirects=False,
                                 trust_env=False) as client:
        current = url
        for _ in range(MAX_REDIRECTS + 1):
            async with client.stream("GET", current) as response:
                if response.is_redirect:
                    target = str(response.url.join(response.headers.get("Location", "")))
                    if urlsplit(target).scheme.lower() not in ("http", "https"):
                        raise SourceError(f"{url}: redirects to {response.headers.get('Location', '')[:100]!r}, "
                                          "which is not a web page (http or https)")
                    current = target
                    continue
                if response.status_code >= 400:
                    raise SourceError(f"{url}: the server answered {response.status_code} {response.reason_phrase}")
                content_type = response.headers.get("Content-Type", "")
                if _check_type(url, content_type):
                    limit = max(limit, MAX_DOCUMENT_BYTES)
                length = response.headers.get("Content-Length", "")
                if length.isdigit() and int(length) > limit:
                    raise SourceError(f"{url}: the page is {int(length) // (1024 * 1024)} MB, "
                                      f"over the {limit // (1024 * 1024)} MB limit")
                return Download(await _read_limited(url, response, limit), content_type, str(response.url))
    raise SourceError(f"{url}: redirects more than {MAX_REDIRECTS} times (a redirect loop?); gave up")


def _reason(error: BaseException) -> str:
    """What went wrong connecting, from the OS error under httpx's (anyio says only "All
    connection attempts failed")."""
    import socket

    cause: BaseException | None = error
    while cause is not None:
        if isinstance(cause, socket.gaierror):
            return "no such host (check the address, or the network)"
        if isinstance(cause, ConnectionRefusedError):
            return "connection refused"
        if isinstance(cause, OSError) and cause.strerror:
            return cause.strerror
        cause = cause.__cause__ or cause.__context__
    text = " ".join(str(error).split())[:200]
    if "name or service not known" in text.casefold():
        return "no such host (check the address, or the network)"
    return text or error.__class__.__name__


def _check_type(url: str, content_type: str) -> bool:
    """True for a document (PDF, xlsx, docx); refuses what is neither a document nor text."""
    media = content_type.split(";", 1)[0].strip().lower()
    if media in DOCUMENT_TYPES:
        return True
    if media and not media.startswith(TEXT_TYPES):
        raise SourceError(f"{url}: is {media}, not a web page, text, PDF, xlsx or docx")
    return False


async def _read_limited(url: str, response: httpx.Response, limit: int) -> bytes:
    chunks, size = [], 0
    async for chunk in response.aiter_bytes(65536):
        size += len(chunk)
        if size > limit:
            raise SourceError(f"{url}: the page is over the {limit // (1024 * 1024)} MB limit")
        chunks.append(chunk)
    return b"".join(chunks)
