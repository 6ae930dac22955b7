"""Every question of a review in two lines each: number, marks, answer, evidence count, text.

Cut to one line at 80 columns, the bronze questions 1 and 2 (and 3 and 4) read the same: they
differ only at the end. Two lines hold most questions whole, and a longer one keeps its start
and its end (`…` in between), where questions that share a opening phrase differ.

Lines are drawn only for the rows on screen (Textual's line API), so opening the overview of a
2,000-question review builds nothing per question, and a question never runs into the next row.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.text import Text
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ...core.review import Review

ANSWER_WIDTH = 12
ROW_LINES = 2


def two_lines(text: str, width: int) -> tuple[str, str]:
    """The text wrapped at words into two lines of `width`; what does not fit is taken from
    the middle, so the second line ends as the question does."""
    words = text.split()
    first = ""
    while words and len(first) + len(words[0]) + bool(first) <= width:
        first += (" " if first else "") + words.pop(0)
    if not first and words:  # one word longer than the line
        first, words = words[0][:width], [words[0][width:], *words[1:]]
    rest = " ".join(words)
    if len(rest) > width:
        tail = rest[len(rest) - width + 1:]
        rest = "…" + (tail.split(" ", 1)[1] if " " in tail[:width // 2] else tail)
    return first, rest


def question_lines(review: Review, index: int, width: int) -> tuple[Text, Text]:
    """`  7 F R Yes          2 ev  Does the provider ...` and the text's second line under
    it: F flagged, S skipped, R to re-check, then how many evidence items it has."""
    response = review.responses[index]
    skipped = review.is_skipped(response)
    digits = max(3, len(str(len(review.responses))))
    # A mark that is not set is a plain space: styled blanks would split the line into more
    # runs, each of which costs its own colour codes on the wire (see render_line).
    line = Text(f"{index + 1:>{digits}} ", style="dim", no_wrap=True, overflow="ellipsis")
    line.append("F" if response.flagged else " ", style="bold red" if response.flagged else "dim")
    line.append("S" if skipped else " ", style="dim")
    line.append("R " if response.recheck else "  ", style="bold" if response.recheck else "dim")
    answer = response.answer or ("skipped" if skipped else "—")
    line.append(f"{answer[:ANSWER_WIDTH]:<{ANSWER_WIDTH}} ", style="bold" if response.answer else "dim")
    count = len(response.evidence)
    line.append(f"{count:>2} ev  " if count else " " * 7, style="bold")
    indent = line.cell_len
    first, second = two_lines(response.text, max(10, width - indent))
    line.append(first)
    return line, Text(" " * indent + second, no_wrap=True, overflow="ellipsis")


class QuestionList(ScrollView, can_focus=True):
    """Up and down (page, home, end) move the highlight; Enter chooses the question."""

    BINDINGS = [
        Binding("up", "move(-1)", show=False),
        Binding("down", "move(1)", show=False),
        Binding("pageup", "page(-1)", show=False),
        Binding("pagedown", "page(1)", show=False),
        Binding("home", "move(-1_000_000)", show=False),
        Binding("end", "move(1_000_000)", show=False),
        Binding("enter", "choose", show=False),
    ]
    COMPONENT_CLASSES = {"question-list--highlighted"}
    DEFAULT_CSS = """
    QuestionList { height: 1fr; padding: 0 1; scrollbar-size-vertical: 1; }
    QuestionList > .question-list--highlighted {
        color: $block-cursor-foreground; background: $block-cursor-background;
        text-style: $block-cursor-text-style;
    }
    """

    highlighted: reactive[int] = reactive(0)

    class Chosen(Message):
        def __init__(self, question_id: str) -> None:
            super().__init__()
            self.question_id = question_id

    def __init__(self, review: Review, highlighted: int = 0, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.review = review
        self.set_reactive(QuestionList.highlighted, highlighted)

    def on_mount(self) -> None:
        self.virtual_size = Size(0, ROW_LINES * len(self.review.responses))
        self.call_after_refresh(self._keep_highlight_visible, center=True)

    def render_line(self, y: int) -> Strip:
        index, part = divmod(self.scroll_offset.y + y, ROW_LINES)
        width = self.scrollable_content_region.width
        if not 0 <= index < len(self.review.responses):
            return Strip.blank(width, self.rich_style)
        line = question_lines(self.review, index, width)[part]
        line.truncate(width, overflow="ellipsis", pad=True)
        base = self.rich_style
        if index == self.highlighted:
            base += self.get_component_rich_style("question-list--highlighted")
        segments = Segment.apply_style(line.render(self.app.console, end=""), base)
        # Neighbouring runs of one style become one: Textual writes every run with its full
        # colour codes and a reset, so merged runs are fewer bytes per row over SSH.
        return Strip(Segment.simplify(segments), width)

    def watch_highlighted(self) -> None:
        self.refresh()  # the lines on screen only
        self._keep_highlight_visible()

    def _keep_highlight_visible(self, center: bool = False) -> None:
        """Scroll by whole rows, so the screen never starts with the second line of one."""
        rows_shown = max(1, self.scrollable_content_region.height // ROW_LINES)
        first = -(-self.scroll_offset.y // ROW_LINES)
        if center:
            first = self.highlighted - rows_shown // 2
        elif self.highlighted < first:
            first = self.highlighted
        elif self.highlighted >= first + rows_shown:
            first = self.highlighted - rows_shown + 1
        first = max(0, min(first, len(self.review.responses) - rows_shown))
        self.scroll_to(y=first * ROW_LINES, animate=False, immediate=True)

    def on_resize(self) -> None:
        """One blank line more when the height is odd, so the last scroll position is a row's start."""
        height = self.scrollable_content_region.height
        self.virtual_size = Size(0, ROW_LINES * len(self.review.responses) + height % ROW_LINES)

    def action_move(self, step: int) -> None:
        self.highlighted = max(0, min(len(self.review.responses) - 1, self.highlighted + step))

    def action_page(self, direction: int) -> None:
        self.action_move(direction * max(1, self.scrollable_content_region.height // ROW_LINES - 1))

    def action_choose(self) -> None:
        if self.review.responses:
            self.post_message(self.Chosen(self.review.responses[self.highlighted].id))
