"""Every key of the wizard in one table: its stable id, default keys and what it does.

The table is plain data (no Textual import), so `vendor-review keys` prints it instantly, the
help screen and the footer read the same descriptions, and a `[keys]` table in the user's
config file remaps any row by its id.

Why these keys: the reviewer is usually typing in the detail field (a TextArea, which owns
arrows, pageup/pagedown, home/end and ctrl+a/e/w/x/c/v/u/k/d/z/y, f6 and f7) over SSH and tmux
(ctrl+b is tmux's prefix; Escape alone is slow on laggy links). What is left is ctrl+n/p/g/t/f/l/o/r/q,
ctrl+backslash and the function keys, which every terminal and tmux pass through unchanged.
The evidence finder adds ctrl+s (cite), ctrl+underscore (undo, typed as ctrl+/ or ctrl+_: the
undo key of readline and Emacs) and ctrl+right_square_bracket (ctrl+]): single control bytes
that raw-mode SSH and tmux pass on untouched; and f6/f7 (go to the passages, fold them), taken
from the text area's select-line/select-all, which shift+arrows still do. Accepting last
review's answer is `=` on the answer line, where the scale's letter keys already work. Quick
mode (`answer_and_next`) is the answer key in capitals: one key answers and moves on, for an
answers-only assessment; the text area never sees those keys, since the answer line has the focus.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class KeyAction:
    id: str
    keys: str
    description: str


ACTIONS: tuple[KeyAction, ...] = (
    KeyAction("next_question", "ctrl+n,f4", "Next question"),
    KeyAction("previous_question", "ctrl+p,f3", "Previous question"),
    KeyAction("next_unanswered", "ctrl+g,f5", "Go to the next unanswered question"),
    KeyAction("next_flagged", "ctrl+t", "Go to the next flagged question"),
    KeyAction("flag", "ctrl+f", "Flag or unflag the question for follow-up"),
    KeyAction("add_evidence", "ctrl+l", "Add an evidence link"),
    KeyAction("edit_external", "ctrl+r,f9", "Edit the detail in $VISUAL/$EDITOR or a large editor"),
    KeyAction("overview", "ctrl+o,f2", "Overview of all questions"),
    KeyAction("sections", "f10", "Free-text sections: quotes with source links"),
    KeyAction("export", "f8", "Finish: summary, preview and export"),
    KeyAction("help", "f1,question_mark", "Keys of this screen"),
    KeyAction("command_palette", "ctrl+backslash", "Command palette: every action by name"),
    KeyAction("quit", "ctrl+q", "Save and quit"),
    KeyAction("cite_passage", "ctrl+s", "Cite the highlighted source passage as evidence"),
    KeyAction("focus_passages", "f6", "Go to the passages, or back to the detail"),
    KeyAction("toggle_passages", "f7", "Fold the source passages away, or back"),
    KeyAction("undo_citation", "ctrl+underscore", "Undo this question's last citation"),
    KeyAction("edit_quote", "ctrl+e", "Trim the quote (passages, evidence list, answer line)"),
    KeyAction("publish", "p", "Finish: publish to the wiki's git clone ([wiki] clone) and push"),
    KeyAction("copy_page", "c", "Finish: copy the page to the clipboard (for the Wiki.js editor)"),
    KeyAction("focus_notes", "f11", "Go to the private notes, or back to the detail"),
    KeyAction("sources", "ctrl+right_square_bracket", "Sources: attach or remove vendor pages"),
    KeyAction("answer_and_next", "shift", "Quick mode: the answer key with this modifier (Y N P U A) answers "
              "and moves on (\"none\" turns it off)"),
    KeyAction("accept_previous", "equals_sign", "Accept last review's answer unchanged (answer line)"),
    KeyAction("expand_previous", "plus", "Show last review's whole detail, or two lines (answer line)"),
    KeyAction("remove_source", "ctrl+d,delete", "Remove the highlighted source"),
    KeyAction("new_review", "ctrl+n", "Start a new review"),
    KeyAction("delete_review", "ctrl+d", "Delete the highlighted review (asks first)"),
    KeyAction("filter", "ctrl+f", "Filter the list of reviews"),
    KeyAction("remove_evidence", "ctrl+d,delete", "Remove the highlighted evidence"),
    KeyAction("save_form", "ctrl+s,f8", "Save this form"),
    KeyAction("next_field", "enter", "Next field (on the last one: start the review, add the link or quote)"),
    KeyAction("close", "escape,f12", "Close this screen"),
)

DEFAULT_KEYS: dict[str, str] = {action.id: action.keys for action in ACTIONS}
# Rows whose value is not a key but one of a few words: quick mode's modifier applies to the
# questionnaire's own answer keys, which differ from one questionnaire to the next.
FIXED_CHOICES: dict[str, tuple[str, ...]] = {"answer_and_next": ("shift", "none")}
DESCRIPTIONS: dict[str, str] = {action.id: action.description for action in ACTIONS}


def effective_keys(overrides: dict[str, str]) -> dict[str, str]:
    """The defaults with the user's remaps applied; unknown ids are the config reader's
    business, so they are ignored here."""
    return {action_id: overrides.get(action_id, keys) for action_id, keys in DEFAULT_KEYS.items()}
