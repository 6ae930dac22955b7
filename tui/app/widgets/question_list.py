"""Every question of a review on one line each: number, marks, answer, the text cut to the width.

Lines are drawn only for the rows on screen (Textual's line API), so opening the overview of a
2,000-question review builds nothing per question, and a long question never wraps onto the
lines below where it would read as another row.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.text import Text
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ...core.review import Review

ANSWER_WIDTH = 12


def question_line(review: Review, index: int) -> Text:
    """`  7 F R Yes          Does the provider ...`: F flagged, S skipped, R to re-check."""
    response = review.questions[index]
    skipped = review.is_skipped(response)
    digits = max(3, len(str(len(review.questions))))
    line = Text(f"{index + 1:>{digits}} ", style="dim", no_wrap=True, overflow="ellipsis")
    line.append("F" if response.flagged else " ", style="bold red")
    line.append("S" if skipped else " ", style="dim")
    line.append("R " if response.recheck else "  ", style="bold")
    answer = response.answer or ("skipped" if skipped else "—")
    line.append(f"{answer[:ANSWER_WIDTH]:<{ANSWER_WIDTH}} ", style="bold" if response.answer else "dim")
    line.append(response.text)
    return line


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
        self.virtual_size = Size(0, len(self.review.questions))
        self.call_after_refresh(self._keep_highlight_visible, center=True)

    def render_line(self, y: int) -> Strip:
        index = self.scroll_offset.y + y
        width = self.scrollable_content_region.width
        if not 0 <= index < len(self.review.questions):
            return Strip.blank(width, self.rich_style)
        line = question_line(self.review, index)
        line.truncate(width, overflow="ellipsis", pad=True)
        base = self.rich_style
        if index == self.highlighted:
            base += self.get_component_rich_style("question-list--highlighted")
        segments = Segment.apply_style(line.render(self.app.console, end=""), base)
        return Strip(segments, width)

    def watch_highlighted(self) -> None:
        self.refresh()  # the lines on screen only
        self._keep_highlight_visible()

    def _keep_highlight_visible(self, center: bool = False) -> None:
        self.scroll_to_region(Region(0, self.highlighted, 1, 1), animate=False, center=center, immediate=True)

    def action_move(self, step: int) -> None:
        self.highlighted = max(0, min(len(self.review.questions) - 1, self.highlighted + step))

    def action_page(self, direction: int) -> None:
        self.action_move(direction * max(1, self.scrollable_content_region.height - 1))

    def action_choose(self) -> None:
        if self.review.questions:
            self.post_message(self.Chosen(self.review.questions[self.highlighted].id))
