"""The review (one session): what the reviewer found, question by question.

A review snapshots the text of every question it was answered against, so editing or deleting
a questionnaire later never changes what a finished review says. All text passes through the
cleaners of `text` on the way in; every mutation goes through a method here, which records the
question as changed so the store can save only what changed.
"""

from __future__ import annotations

import re
import sys
from datetime import UTC, datetime
from functools import cached_property
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, PrivateAttr, field_validator
from pydantic.dataclasses import dataclass

from .questionnaire import Condition, Questionnaire
from .text import clean_line, clean_text

FORMAT_VERSION = 2
# Format 1 files (before documents, publishing, claims and answer types) are read forever and
# migrated in memory; the header is re-serialised on every save, so they become format 2 only
# when something in them changes.
READABLE_FORMATS = (1, 2)

Text = Annotated[str, AfterValidator(clean_text)]
Line = Annotated[str, AfterValidator(clean_line)]


def _shared_line(value: str) -> str:
    """Answers, qualifiers and evidence labels repeat across thousands of questions ("Yes",
    "Trust page"): each distinct value is kept once (interned) instead of once per question."""
    return sys.intern(clean_line(value))


Label = Annotated[str, AfterValidator(_shared_line)]

SAFE_URL_SCHEMES = ("http", "https", "mailto")
_URL_FORBIDDEN = re.compile(r'[\s<>"\\`]')


def now() -> datetime:
    """UTC, truncated to milliseconds: the precision Wiki.js writes in front-matter."""
    moment = datetime.now(UTC)
    return moment.replace(microsecond=moment.microsecond // 1000 * 1000)


def check_url(url: str) -> str:
    """Evidence links are rendered on a shared wiki: only web and mail links are allowed."""
    url = clean_line(url)
    scheme, sep, rest = url.partition(":")
    if not sep or scheme.lower() not in SAFE_URL_SCHEMES:
        raise ValueError(f"a link must start with http://, https:// or mailto: (got {url[:60]!r})")
    if scheme.lower() in ("http", "https") and not (rest.startswith("//") and len(rest) > 2):
        raise ValueError(f"{url[:60]!r} is not a web address")
    if _URL_FORBIDDEN.search(url):
        raise ValueError(f"a link cannot contain spaces, quotes, backslashes or <>: {url[:60]!r}")
    if scheme.lower() in ("http", "https"):
        _check_host(url)
    return url


def _check_host(url: str) -> None:
    """The host and port as urllib and httpx will read them: `http://[::1` or `http://h:x/`
    makes urlsplit raise (or `.port` later, wherever the address is used), so it is refused
    here, the one check every command and the wizard go through."""
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(url)
        host, _ = parts.hostname, parts.port
    except ValueError as error:
        raise ValueError(f"{url[:60]!r} is not a web address: {error}") from None
    if not host:
        raise ValueError(f"{url[:60]!r} is not a web address: it names no host")
    if not _NETLOC.fullmatch(parts.netloc):  # urlsplit lets `[::1]x` and `[a]` through
        raise ValueError(f"{url[:60]!r} is not a web address: malformed host {parts.netloc[:40]!r}")


# user@ (optional), a name or a bracketed IPv6 address, :port (optional).
_NETLOC = re.compile(r"(?:[^@/]*@)?(?:\[[0-9A-Fa-f:.]+(?:%[\w.~-]+)?\]|[^\[\]:@/]+)(?::\d*)?")


Url = Annotated[str, AfterValidator(check_url)]


def _in_utc(value: datetime) -> datetime:
    """Every time in a review is UTC with the standard library's tzinfo: a naive time is
    taken as UTC, and a parser's own tzinfo class (rtoml has one) is replaced, since it
    cannot be copied or compared like datetime.UTC."""
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


Moment = Annotated[datetime, AfterValidator(_in_utc)]


_CONFIG = ConfigDict(extra="forbid", validate_assignment=True)


class _Model(BaseModel):
    model_config = _CONFIG


# The records a review holds per question, two thousand and more of them in a big review: a
# slotted pydantic dataclass validates them as a model would, without a model's per-instance
# __dict__ and set of the fields given, which were two thirds of an open review's memory.
# (The decorator is written out on each: type checkers read its fields only from a direct call.)


@dataclass(slots=True, config=_CONFIG)
class Evidence:
    # Format 2: a quote from a local document (a PDF or workbook the vendor sent) has no link;
    # its label and page say where it is instead.
    url: Url | None = Field(default=None)
    label: Label = Field(default="")
    quote: Line = Field(default="", description="One line: it is exported inline after the link.")
    captured: Moment | None = Field(default=None)
    page: int | None = Field(default=None, ge=1, description="The page of a PDF the quote is on.")

    @property
    def where(self) -> str:
        """How the evidence is named to a reader: `Acme whitepaper, p. 4`, else its label,
        else its link's host."""
        label = self.label or (self.url.split("//", 1)[-1].split("/", 1)[0] if self.url else "")
        return f"{label}, p. {self.page}" if self.page else label


class Quote(_Model):
    """One quoted vendor statement in a free-text section (Markdown, links allowed)."""

    text: Text
    url: Url | None = None


class PagePart(_Model):
    """One part of an imported wiki page, kept as written (never cleaned), with a digest of
    the values it was read as: while the values still match, export writes the part verbatim,
    so an untouched import reproduces a hand-written page byte for byte."""

    text: str
    digest: str


class PageBlock(PagePart):
    """A section block of an imported page; `gap` is the blank lines that followed it."""

    gap: str = ""


class PublishedPage(_Model):
    """What `publish` last put in the wiki, so a page edited there since is never overwritten."""

    path: Line = Field(min_length=1, description="The page's path in the wiki, without .md.")
    blob: str = Field("", pattern=r"^[0-9a-f]{40,64}$|^$", description="git's blob id of the page as published.")
    at: Moment | None = None


class ImportedPage(_Model):
    """The parts of an imported page that belong to no question or section."""

    source: str = Field("", description="The file the page was imported from.")
    front_matter: PagePart
    intro: str = Field("\n\n", description="Between the front-matter and the table.")
    table_header: str
    after_table: str = Field("", description="After the last row, up to the first section.")
    ending: str = Field("", description="The page's trailing white space (a final newline).")
    crlf: bool = Field(False, description="The page had Windows line ends (CRLF) throughout.")
    digest: str = Field("", description="SHA-256 of the page file as imported: importing it again is refused.")


class PreviousAnswer(_Model):
    """What the last review of this vendor recorded, shown beside the question on a re-review."""

    answer: Label = ""
    qualifier: Label = ""
    detail: Text = ""
    evidence: list[Evidence] = Field(default_factory=list)


class SectionNotes(_Model):
    id: str
    heading: Line
    quotes: list[Quote] = Field(default_factory=list)
    previous: list[Quote] | None = Field(None, description="The last review's quotes (re-review).")
    page_block: PageBlock | None = None


class Passage(_Model):
    """One paragraph or list item of a source document, with the headings above it."""

    text: Line = Field(min_length=1)
    heading: Line = Field("", description="The headings above the passage, joined by ' > '.")
    # Format 2, optional: the page of a PDF the passage starts on, so a citation can say
    # "p. 4" (and link to `#page=4`); None for web pages, text and spreadsheets.
    page: int | None = Field(None, ge=1)
    # Format 2, optional: the sheet of a workbook the row came from (its id is the innermost
    # heading), so a citation says `TITLE › SHEET › ROW-ID`.
    sheet: Line | None = None


class Source(_Model):
    """A vendor document attached to the review, kept whole so the finder works offline."""

    location: Line = Field(min_length=1, description="What was attached: a URL or a file path.")
    url: Url | None = Field(None, description="Where citations link to (after redirects).")
    title: Line = ""
    captured: Moment
    passages: list[Passage] = Field(min_length=1)

    @property
    def is_document(self) -> bool:
        """A PDF or workbook: citable by title and page or row even without a web address."""
        return any(p.page is not None or p.sheet is not None for p in self.passages[:1])

    @property
    def citation_target(self) -> str:
        """The URL, else the path: how the source is named in listings and suggestions."""
        return self.url or self.location


@dataclass(slots=True, config=_CONFIG)
class Response:
    """One question of the review: its snapshot text and everything the reviewer recorded."""

    id: str
    text: Line
    hint: Line = ""
    depends_on: Condition | None = None
    answer: Label = ""
    qualifier: Label = ""
    detail: Text = ""
    evidence: list[Evidence] = Field(default_factory=list)
    flagged: bool = False
    notes: Text = Field(default="", description="Private: never exported.")
    extra: bool = Field(default=False, description="Not in the questionnaire: a row kept from an imported page.")
    previous: PreviousAnswer | None = None
    recheck: bool = Field(default=False, description="Re-review: the previous answer is not confirmed yet.")
    page_row: PagePart | None = None


class Cursor(_Model):
    """Where the reviewer was, so a resumed review opens there."""

    question: str = ""
    field: Literal["answer", "detail", "evidence", "notes", "qualifier"] = "answer"
    # In the detail or the notes: the text cursor's line and column (0-based), so typing
    # after a resume goes where it went before (format 2; format 1 files read as 0, 0).
    row: int = Field(0, ge=0)
    column: int = Field(0, ge=0)


class Review(_Model):
    # Written out (not `_CONFIG`) so that pydantic's mypy plugin sees `populate_by_name`: code says
    # `responses`, the session file says `[[questions]]`.
    model_config = ConfigDict(extra="forbid", validate_assignment=True, populate_by_name=True)

    format: int = FORMAT_VERSION
    questionnaire: Line  # a questionnaire id, but read from a file like any text: cleaned
    questionnaire_version: Line
    page_title: Line = Field(
        "{product} security review",
        description="The export's title: {product} and {vendor} are filled in.",
    )
    product: Line
    vendor: Line = ""
    description: Line = ""
    reviewer: Line = ""
    tags: list[Line] = Field(default_factory=list)
    published: bool = True
    created: Moment = Field(default_factory=now)
    updated: Moment = Field(default_factory=now)
    cursor: Cursor = Field(default_factory=Cursor)
    responses: list[Response] = Field(validation_alias="questions")  # the session file's [[questions]] tables
    sections: list[SectionNotes] = Field(default_factory=list)
    sources: list[Source] = Field(default_factory=list)
    page: ImportedPage | None = Field(None, description="Set when the review was imported from a page.")
    published_to: PublishedPage | None = Field(None, description="Where and what `publish` last wrote (format 2).")

    _changed: set[str] = PrivateAttr(default_factory=set)
    _open_questions: OpenQuestions | None = PrivateAttr(default=None)

    @field_validator("format")
    @classmethod
    def _known_format(cls, value: int) -> int:
        if value > FORMAT_VERSION:
            raise ValueError(f"made by a newer vendor-review (format {value}); upgrade")
        if value not in READABLE_FORMATS:
            raise ValueError(f"format {value} is not a vendor-review session format")
        return FORMAT_VERSION

    @field_validator("product")
    @classmethod
    def _product_named(cls, value: str) -> str:
        if not value:
            raise ValueError("a review needs a product name")
        return value

    @field_validator("tags")
    @classmethod
    def _tags_without_commas(cls, tags: list[str]) -> list[str]:
        """Tags are exported as one comma-separated string: a comma would split a tag."""
        cleaned = [t.replace(",", " ").strip() for t in tags]
        return [t for t in cleaned if t]

    # -- reading -------------------------------------------------------------------------

    @property
    def vendor_name(self) -> str:
        return self.vendor or self.product

    @cached_property
    def positions(self) -> dict[str, int]:
        """Where each question id sits in `questions` (the first of a repeated id wins).
        Skip logic and progress ask for parents on every keystroke: a scan per lookup made
        them quadratic in the number of questions."""
        return {r.id: i for i, r in reversed(list(enumerate(self.responses)))}

    def response(self, question_id: str) -> Response:
        index = self.positions.get(question_id)
        if index is None or index >= len(self.responses) or self.responses[index].id != question_id:
            del self.positions  # the questions changed since the index was made
            index = self.positions.get(question_id)
            if index is None:
                raise KeyError(question_id)
        return self.responses[index]

    def snapshot_strings(self) -> dict[str, str]:
        """The question ids and texts this review copied from its questionnaire, each mapped to
        itself: loading that questionnaire with them (see load_questionnaire) keeps one copy."""
        return {value: value for r in self.responses for value in (r.id, r.text, r.hint)}

    def title(self) -> str:
        """One pass over the pattern, so braces inside a product name stay as typed."""
        names = {"product": self.product, "vendor": self.vendor_name}
        return re.sub(r"\{(product|vendor)\}", lambda m: names[m.group(1)], self.page_title)

    def is_skipped(self, response: Response) -> bool:
        """A question is skipped when its condition's question was answered with something
        else; an unanswered condition keeps the question in play."""
        condition = response.depends_on
        if condition is None:
            return False
        try:
            parent = self.response(condition.question)
        except KeyError:
            return False
        if self.is_skipped(parent):
            return True
        return bool(parent.answer) and parent.answer not in condition.answers

    def skip_reason(self, response: Response) -> str:
        condition = response.depends_on
        assert condition is not None
        parent = self.response(condition.question)
        if self.is_skipped(parent):
            return f"Not applicable: “{parent.text}” does not apply."
        return f"Not applicable: “{parent.text}” was answered {parent.answer}."

    def unanswered(self) -> list[Response]:
        return [r for r in self.responses if not r.answer and not self.is_skipped(r)]

    def flagged(self) -> list[Response]:
        return [r for r in self.responses if r.flagged]

    def progress(self) -> tuple[int, int]:
        """(answered or skipped, total): read from an index the mutation methods keep up to
        date, since the wizard shows it on every key and a scan grew with the questionnaire."""
        index = self._open_questions
        if index is None or not index.describes(self.responses):
            index = self._open_questions = OpenQuestions(self)
        return len(self.responses) - len(index.open), len(self.responses)

    # -- changing ------------------------------------------------------------------------

    def touch(self, question_id: str | None = None) -> None:
        """Record a change: the store rewrites only what was touched since the last save."""
        self.updated = now()
        self._changed.add(question_id or "")
        if question_id and self._open_questions is not None:
            self._open_questions.refresh(self, question_id)

    def move_cursor(self, cursor: Cursor) -> None:
        """Where the reviewer is: saved so a resumed review opens there, but not a change to
        the review, so `updated` (the page's `date:`) stays as it was."""
        if cursor != self.cursor:
            self.cursor = cursor
            self._changed.add("")

    def record_published(self, published: PublishedPage) -> None:
        """Where the page went: saved, but not a change to the review either: the page in the
        wiki carries the `date:` it was published with, and republishing it unchanged must
        not make a new version."""
        self.published_to = published
        self._changed.add("")

    def has_changes(self) -> bool:
        """Whether anything was touched since the last save took the changes."""
        return bool(self._changed)

    def take_changes(self) -> set[str]:
        changed, self._changed = self._changed, set()
        return changed

    def restore_changes(self, changed: set[str]) -> None:
        """A save that took these changes failed: they are unsaved again."""
        self._changed |= changed

    def set_answer(self, question_id: str, label: str, qualifier: str | None = None) -> Response:
        response = self.response(question_id)
        response.answer = label
        response.recheck = False
        if qualifier is not None:
            response.qualifier = qualifier
        self.touch(question_id)
        return response

    def update(self, question_id: str, **fields: object) -> Response:
        """Set any of a response's fields (detail, notes, flagged, evidence...) at once."""
        response = self.response(question_id)
        for name, value in fields.items():
            setattr(response, name, value)
        if "depends_on" in fields or "id" in fields:  # the index's map of conditions is out of date
            self._open_questions = None
        self.touch(question_id)
        return response

    def attach_source(self, source: Source) -> None:
        self.sources = [*self.sources, source]
        self.touch()

    def detach_source(self, index: int) -> Source:
        source = self.sources[index]
        self.sources = self.sources[:index] + self.sources[index + 1:]
        self.touch()
        return source


class OpenQuestions:
    """The positions of the questions still to answer (unanswered and not skipped), with who
    depends on whom, so one answer updates the count by visiting that question and the
    questions whose condition hangs on it, not the whole review."""

    def __init__(self, review: Review) -> None:
        self._questions = review.responses
        self._size = len(review.responses)
        self._dependents: dict[str, list[int]] = {}
        for index, response in enumerate(review.responses):
            if response.depends_on is not None:
                self._dependents.setdefault(response.depends_on.question, []).append(index)
        self.open = {i for i, r in enumerate(review.responses) if _is_open(review, r)}

    def describes(self, questions: list[Response]) -> bool:
        """False once the list was replaced or grew or shrank outside the mutation methods."""
        return questions is self._questions and len(questions) == self._size

    def refresh(self, review: Review, question_id: str) -> None:
        if not self.describes(review.responses):
            return  # rebuilt on the next progress()
        review.response(question_id)  # brings the position map up to date
        todo, seen = [review.positions[question_id]], set()
        while todo:
            index = todo.pop()
            if index in seen:
                continue
            seen.add(index)
            if _is_open(review, review.responses[index]):
                self.open.add(index)
            else:
                self.open.discard(index)
            todo.extend(self._dependents.get(review.responses[index].id, ()))


def _is_open(review: Review, response: Response) -> bool:
    return not response.answer and not review.is_skipped(response)


def start_review(
    questionnaire: Questionnaire,
    *,
    product: str,
    vendor: str = "",
    description: str = "",
    reviewer: str = "",
    tags: list[str] | None = None,
) -> Review:
    """A new, unanswered review of one product against one questionnaire."""
    return Review(
        questionnaire=questionnaire.id,
        questionnaire_version=questionnaire.version,
        page_title=questionnaire.page_title,
        product=product,
        vendor=vendor,
        description=description,
        reviewer=reviewer,
        tags=list(questionnaire.tags) if tags is None else tags,
        cursor=Cursor(question=questionnaire.questions[0].id),
        responses=[
            Response(id=q.id, text=q.text, hint=q.hint, depends_on=q.depends_on)
            for q in questionnaire.questions
        ],
        sections=[SectionNotes(id=s.id, heading=s.heading) for s in questionnaire.sections],
    )


def stock_unknown_detail(template: str, review: Review) -> str:
    return template.replace("{vendor}", review.vendor_name).replace("{product}", review.product)
