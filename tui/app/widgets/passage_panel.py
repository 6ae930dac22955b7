"""The evidence finder beside a question: the attached sources' best passages, ready to cite.

Only mounted once a review has sources (see QuestionScreen), so a review without any pays
nothing for it. Vendor text is untrusted: it is put in `rich.text.Text` as plain characters and
the matching words are styled by position (the finder's spans), never through markup.
"""

from __future__ import annotations

from rich.text import Text
from .reversible_option_list import ReversibleOptionList
from textual.widgets.option_list import Option

from ...core.sources.finder import Suggestion

MATCH_STYLE = "bold underline"  # readable without colour (NO_COLOR, 16 colours)


def highlighted(text: str, spans: tuple[tuple[int, int], ...], style: str = "") -> Text:
    line = Text(text, style=style)
    for start, end in spans:
        line.stylize(MATCH_STYLE, start, end)
    return line


def passage_prompt(number: int, suggestion: Suggestion) -> Text:
    """`1 · Heading > Subheading (source 2)` over the passage, matching words underlined."""
    prompt = Text(f"{number} · ", style="bold")
    if suggestion.heading:
        prompt.append_text(highlighted(suggestion.heading, suggestion.heading_spans, "italic"))
        prompt.append(" ")
    prompt.append(f"(source {suggestion.source_number})\n", style="dim")
    prompt.append_text(highlighted(suggestion.text, suggestion.spans))
    return prompt


class PassagePanel(ReversibleOptionList):
    """Ranked passages for the current question; Enter (or the cite key anywhere) cites the
    highlighted one."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.suggestions: list[Suggestion] = []
        self.border_title = "From the sources"

    def show(self, suggestions: list[Suggestion], cite_key: str) -> None:
        self.suggestions = suggestions
        self.clear_options()
        if not suggestions:
            self.add_option(Option(Text("Nothing in the attached sources matches this question.", style="dim"),
                                   disabled=True))
            self.border_subtitle = ""
            return
        for number, suggestion in enumerate(suggestions, 1):
            self.add_option(Option(passage_prompt(number, suggestion), id=str(number - 1)))
        self.highlighted = 0
        self.border_subtitle = f"{cite_key} cites the highlighted passage"

    @property
    def highlighted_suggestion(self) -> Suggestion | None:
        if not self.suggestions or self.highlighted is None:
            return None
        option = self.get_option_at_index(self.highlighted)
        return self.suggestions[int(option.id)] if option.id is not None else None
