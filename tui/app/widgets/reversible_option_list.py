"""An OptionList whose highlighted row can be drawn in reverse video.

Without colour (NO_COLOR) the highlight's background is gone, so app.tcss gives the highlighted
option `text-style: reverse`; Textual 8's `get_visual_style` carries bold, dim, italic,
underline and strike into the drawn style but drops reverse, and the highlight vanished."""

from __future__ import annotations

from textual.style import Style as VisualStyle
from textual.widgets import OptionList


class ReversibleOptionList(OptionList):
    def get_visual_style(self, *component_classes: str, partial: bool = False) -> VisualStyle:
        style = super().get_visual_style(*component_classes, partial=partial)
        if any(self.get_component_styles(name).text_style.reverse for name in component_classes):
            style = style + VisualStyle(reverse=True)
        return style
