"""A file or URL turned into a Source, complete or not at all.

Everything that can fail (reading, decoding, extracting) happens here, before the review is
touched: the caller attaches the finished Source in one step, so a failure never leaves half a
document in the session.
"""

from __future__ import annotations

import time
from pathlib import Path

from pydantic import ValidationError

from ..errors import describe_validation_error
from ..review import Review, Source, check_url, now
from .decoding import declared_charset, decode_document
from .documents import DOCUMENT_SECONDS, MAX_DOCUMENT_BYTES, is_document, read_document
from .errors import SourceError
from .extraction import MAX_PASSAGES, Document, extract, guess_kind
from .reading import MAX_BYTES, fetch_url, is_url, read_file


def load_source(location: str, *, url: str | None = None) -> Source:
    """Read `location` (an http(s) URL or a file path) into a Source. `url` is the web
    address a saved file came from, so its passages can be cited with a link."""
    location = location.strip()
    if not location:
        raise SourceError("give a file path or an http(s) URL to attach")
    if "://" in location and not is_url(location):
        raise SourceError(f"{location[:100]}: only http and https addresses can be fetched")
    if is_url(location):
        _check_web_address(location)
        download = fetch_url(location)
        name = location
    else:
        path = Path(location).expanduser().resolve()
        download = read_file(path, MAX_DOCUMENT_BYTES)
        name = location = str(path)
    if not download.data.strip():
        raise SourceError(f"{name}: is empty")
    document = _read(download.data, name, download.content_type)
    if not document.passages:
        raise SourceError(f"{name}: has no readable text (only markup, scripts or navigation)")
    if len(document.passages) > MAX_PASSAGES:
        raise SourceError(f"{name}: has {len(document.passages)} passages, over the limit of "
                          f"{MAX_PASSAGES}; attach the security page itself, not a whole site")
    try:
        return Source(location=location, url=url or download.url, title=document.title,
                      captured=now(), passages=document.passages)
    except ValidationError as error:
        raise SourceError(f"{name}: " + "; ".join(describe_validation_error(error))) from None


def _read(data: bytes, name: str, content_type: str) -> Document:
    """A PDF or Office document by its reader, anything else as a web page or text (which
    keeps the smaller page limit: a 40 MB "page" is a site dump, not a vendor's page)."""
    if is_document(data):
        document = read_document(data, name, time.monotonic() + DOCUMENT_SECONDS)
        if document is not None:
            return document
    if len(data) > MAX_BYTES:
        raise SourceError(f"{name}: larger than {MAX_BYTES // (1024 * 1024)} MB; attach the relevant page only")
    text = decode_document(data, name, declared_charset(content_type))
    return extract(text, guess_kind(name, content_type, text))


def _check_web_address(url: str) -> None:
    try:
        check_url(url)
    except ValueError as error:
        raise SourceError(str(error)) from None


def retitled(source: Source, *, url: str | None = None, title: str = "") -> Source:
    """The loaded source with the reviewer's web address and title, validated like a loaded one."""
    fields = source.model_dump()
    if url:
        fields["url"] = url
    if title.strip():
        fields["title"] = title
    try:
        return Source.model_validate(fields)
    except ValidationError as error:
        raise SourceError("; ".join(describe_validation_error(error))) from None


def set_source_url(review: Review, index: int, url: str) -> Source:
    """Give an attached source (a saved file, usually) the web address its citations link to."""
    return _replace(review, index, retitled(review.sources[index], url=url))


def set_source_title(review: Review, index: int, title: str) -> Source:
    """The title that labels the source's citations (`TITLE › HEADING`)."""
    if not title.strip():
        raise SourceError("a source's title cannot be empty")
    return _replace(review, index, retitled(review.sources[index], title=title))


def _replace(review: Review, index: int, source: Source) -> Source:
    review.sources = [*review.sources[:index], source, *review.sources[index + 1:]]
    review.touch()
    return source


def attach_source(review: Review, source: Source) -> int:
    """Attach and return the source's number (1-based, as `source list` shows it)."""
    for number, attached in enumerate(review.sources, 1):
        if attached.location == source.location:
            raise SourceError(f"{source.location}: already attached as source {number}; "
                              "remove it first to capture it again")
    review.attach_source(source)
    return len(review.sources)


def find_source(review: Review, reference: str) -> int:
    """The index of a source given by number (as listed) or by its URL or path."""
    reference = reference.strip()
    if reference.isdigit() and 1 <= int(reference) <= len(review.sources):
        return int(reference) - 1
    for index, source in enumerate(review.sources):
        if reference in (source.location, source.url) or (
            not is_url(reference) and source.location == str(Path(reference).expanduser().resolve())
        ):
            return index
    count = len(review.sources)
    known = f"1 to {count}" if count else "none are attached"
    raise SourceError(f"no source {reference!r} in this review (numbers: {known}; see `source list`)")
