"""Untrusted text inside the wiki page's Markdown, and back.

A detail, an answer or a quote lands in one table cell (or one bullet) of a page that a shared
wiki renders. `escape_inline` makes any text safe there: it cannot end the cell, start a new
line, inject HTML, or make a link to anything but http, https or mailto. `unescape_inline` is its
exact inverse, so an exported page imports back to the same review.

The escapes are all either character references or a backslash before a pipe; a user's own
`&...;` sequences are escaped too, which is what makes the mapping one-to-one.
"""

from __future__ import annotations

import html
import re

SAFE_SCHEMES = ("http", "https", "mailto")

# A user's own character reference: escaped, so every reference in our output is ours.
_REFERENCE = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
# Schemes that run code or read local files, and ftp, the one other scheme linkify turns into a
# link: their colon is escaped wherever they appear, so not even a plain-text mention can be
# turned into a link by a lenient renderer or a wiki with linkify on.
_DANGEROUS_SCHEME = re.compile(r"(?i)(?<![a-z0-9])(javascript|vbscript|data|file|ftp)(\s*):")
# A cheap test that finds every text the pattern above could match (it is five times faster
# than the case-insensitive pattern, which dominated exporting a large review). Besides ASCII
# case, Python's (?i) equates only ı and İ with i, ſ with s and the Kelvin sign with k.
_DANGEROUS_HINT = re.compile(r"(?:javascript|vbscript|data|file|ftp)\s*:")


def _may_name_dangerous_scheme(text: str) -> bool:
    return ":" in text and bool(_DANGEROUS_HINT.search(text.replace("ı", "i").replace("İ", "i").casefold()))


# The start of an inline link's destination: `](` then the destination up to space or `)`.
# Only the `](` is consumed, so a destination that holds another `](` (`]([x](javascript:...)`)
# has that one examined too.
_LINK_TARGET = re.compile(r"\]\((?=\s*<?([^\s)>]*))")
_LABEL_SPECIAL = re.compile(r"([\\\[\]])")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")

_UNESCAPES = {"&amp;": "&", "&lt;": "<", "&#58;": ":", "&#40;": "(", "\\|": "|", "<br>": "\n"}
_UNESCAPE = re.compile("|".join(re.escape(k) for k in _UNESCAPES))


def _unsafe_target(target: str) -> bool:
    """Anything but an absolute http, https or mailto address: a relative target means nothing
    on the wiki, and one that starts with another link (`[b](data:...`) hides what it is."""
    decoded = html.unescape(target.replace("\\", ""))
    match = _SCHEME.match(decoded)
    return not match or match.group(1).lower() not in SAFE_SCHEMES


def _break_unsafe_links(text: str) -> str:
    """`[x](ftp://...)` becomes `[x]&#40;ftp://...)`: the same text, no longer a link. Every
    `](` is examined, so a link written inside another's destination is caught too."""
    out, last = [], 0
    for match in _LINK_TARGET.finditer(text):
        if _unsafe_target(match.group(1)):
            out.append(text[last : match.start()] + "]&#40;")
            last = match.start() + 2
    out.append(text[last:])
    return "".join(out)


def escape_inline(text: str) -> str:
    """Text (already cleaned of control characters) as one line of inline Markdown."""
    text = _REFERENCE.sub("&amp;", text)
    text = text.replace("<", "&lt;")
    if _may_name_dangerous_scheme(text):
        text = _DANGEROUS_SCHEME.sub(r"\1\2&#58;", text)
    if "](" in text:  # every link destination starts so
        text = _break_unsafe_links(text)
    return text.replace("|", "\\|").replace("\n", "<br>")


def unescape_inline(markdown: str) -> str:
    """The exact inverse of escape_inline."""
    return _UNESCAPE.sub(lambda m: _UNESCAPES[m.group(0)], markdown)


def escape_link_label(text: str) -> str:
    """Text inside `[...]`: brackets and backslashes escaped so the label cannot end early."""
    return escape_inline(_LABEL_SPECIAL.sub(r"\\\1", text))


def unescape_link_label(markdown: str) -> str:
    return re.sub(r"\\([\\\[\]])", r"\1", unescape_inline(markdown))


def escape_link_target(url: str) -> str:
    """A validated URL (no spaces, quotes or angle brackets) as a link destination."""
    return url.replace("(", "\\(").replace(")", "\\)").replace("|", "\\|")


def unescape_link_target(markdown: str) -> str:
    return markdown.replace("\\(", "(").replace("\\)", ")").replace("\\|", "|")
