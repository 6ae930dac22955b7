"""A quoted sentence is a whole sentence: the splitter does not break at versions, abbreviations, URLs."""

from tui.core.sources.sentences import split_sentences


def test_plain_sentences_are_split():
    assert split_sentences("We encrypt data. We log access!  Do we? Yes.") == [
        "We encrypt data.", "We log access!", "Do we?", "Yes."]


def test_versions_and_abbreviations_do_not_end_a_sentence():
    text = ("All traffic uses TLS 1.2 or later, e.g. HTTPS. Keys are rotated, i.e. yearly. "
            "Data stays in the U.S. Region v2.5 adds audit logs.")
    assert split_sentences(text) == [
        "All traffic uses TLS 1.2 or later, e.g. HTTPS.",
        "Keys are rotated, i.e. yearly.",
        "Data stays in the U.S. Region v2.5 adds audit logs.",
    ]


def test_urls_stay_inside_their_sentence():
    text = "See https://example.com/security.html for details. Reports are at www.example.org."
    assert split_sentences(text) == [
        "See https://example.com/security.html for details.", "Reports are at www.example.org."]


def test_numbered_and_bulleted_items_are_sentences_of_their_own():
    text = "We offer:\n1. Single sign-on\n2. Audit logs\n- Two-factor login"
    assert split_sentences(text) == [
        "We offer:", "1. Single sign-on", "2. Audit logs", "- Two-factor login"]


def test_empty_text_has_no_sentences():
    assert split_sentences("  \n ") == []
