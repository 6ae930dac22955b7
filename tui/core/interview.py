"""What a reviewer does to a review, with the questionnaire's rules applied.

The wizard and the command line both call these, so a keystroke in the app and a line in a
script validate and record answers the same way.
"""

from __future__ import annotations

import re

from pydantic import ValidationError

from .errors import InputError, describe_validation_error
from .questionnaire import Questionnaire
from .review import Evidence, Response, Review, check_url, now, stock_unknown_detail

UNKNOWN = "Unknown"
_QUALIFIED = re.compile(r"^(?P<label>[^()]+?)\s*\((?P<qualifier>[^()]*)\)\s*$")


def parse_answer(questionnaire: Questionnaire, typed: str) -> tuple[str, str | None]:
    """'yes' -> ('Yes', None); 'Yes (version dependent)' -> ('Yes', 'version dependent').
    Anything not on the scale is refused with the scale spelled out."""
    match = _QUALIFIED.match(typed)
    label, qualifier = (match["label"], match["qualifier"].strip()) if match else (typed, None)
    option = questionnaire.option(label)
    if option is None:
        scale = ", ".join(o.label for o in questionnaire.scale)
        raise InputError(f'"{typed.strip()}" is not on the answer scale ({scale})')
    return option.label, qualifier


def record_answer(
    review: Review, questionnaire: Questionnaire, question_id: str, label: str, qualifier: str | None = None
) -> Response:
    """Set an answer; Unknown with an empty detail gets the question's stock sentence, filled
    with the vendor's name, since that is what reviewers would type anyway."""
    response = find_response(review, question_id)
    review.set_answer(question_id, label, qualifier)
    if label == UNKNOWN and not response.detail:
        template = _question_template(questionnaire, question_id)
        if template:
            review.update(question_id, detail=stock_unknown_detail(template, review))
    return response


def _question_template(questionnaire: Questionnaire, question_id: str) -> str:
    try:
        return questionnaire.question(question_id).unknown_detail
    except KeyError:
        return ""


def find_response(review: Review, question_id: str) -> Response:
    try:
        return review.response(question_id)
    except KeyError:
        known = ", ".join(r.id for r in review.responses)
        raise InputError(f'no question with id "{question_id}" in this review (ids: {known})') from None


_BARE_HOST = re.compile(r"^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+(:\d+)?(/\S*)?$")


def complete_url(url: str) -> str:
    """`vendor.example/security` as a reviewer types it on a call becomes
    `https://vendor.example/security`; anything else is left for the check to judge."""
    url = url.strip()
    return f"https://{url}" if _BARE_HOST.match(url) else url


def check_evidence_url(url: str) -> str:
    """The completed address, or an InputError saying what is wrong with it (for a dialog
    that reports a bad address as the reviewer leaves the field)."""
    try:
        return check_url(complete_url(url))
    except ValueError as error:
        raise InputError(str(error)) from None


def make_evidence(url: str, label: str = "", quote: str = "") -> Evidence:
    """Evidence from what a reviewer typed, or an InputError saying what is wrong with it."""
    try:
        return Evidence(url=complete_url(url), label=label, quote=quote, captured=now())
    except ValidationError as error:
        raise InputError("; ".join(describe_validation_error(error))) from None


def set_text(review: Review, question_id: str, **fields: str) -> Response:
    """Set text fields (detail, notes, qualifier) with the model's cleaning applied. A field
    given the text it already holds records no change: the wizard's text areas report one when
    they are filled with a question's own text, and opening a review must not rewrite it."""
    response = find_response(review, question_id)
    fields = {name: text for name, text in fields.items() if getattr(response, name) != text}
    if not fields:
        return response
    try:
        return review.update(question_id, **fields)
    except ValidationError as error:
        raise InputError("; ".join(describe_validation_error(error))) from None
