"""The wizard's own work per key, in-process: the time inside the handler a key runs, with the
widget updates it makes, not the idle wait for Textual's next frame (which the end-to-end
figures in app_figures.py include). Measured with the app running headless under
`App.run_test` at 80x24, calling the same methods the key bindings call.

Also typing while a save runs: the autosave of a 2,000-question review serialises and writes
in a thread worker, and typing must not slow down meanwhile.
"""

from __future__ import annotations

import asyncio
import statistics
import time
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path

from bench.figures import Figure, Target, Unavailable
from bench.session_figures import SIZES, Sessions, step_ratios

HANDLER_TARGET = Target("median < 2 ms, p99 < 8 ms", median_below=0.002, p99_below=0.008)


async def _measure(session: Path, repeats: int) -> dict[str, list[float]]:
    from textual.widgets import TextArea

    from tui.app.app import ReviewApp
    from tui.app.screens.overview import OverviewScreen
    from tui.app.screens.question import QuestionScreen
    from tui.app.widgets.answer_bar import AnswerBar
    from tui.core.workspace import Workspace

    app = ReviewApp(Workspace(session.parent.parent), session_path=session)
    samples: dict[str, list[float]] = {name: [] for name in
                                       ("next", "previous", "answer", "typing", "overview", "typing while saving")}
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        while not isinstance(app.screen, QuestionScreen) or not app.screen._ready:  # a busy machine is slow
            await pilot.pause()
        screen = app.screen
        detail = screen.query_one("#detail", TextArea)

        async def timed(name: str, work: Callable[[], object], settle: Callable[[], Awaitable[object]] | None = None) -> None:
            start = time.perf_counter()
            result = work()
            if isinstance(result, Awaitable):
                await result
            samples[name].append(time.perf_counter() - start)
            await (settle() if settle else pilot.pause())

        for number in range(repeats):
            await timed("next", screen.action_next_question)
            await timed("previous", screen.action_previous_question)
            await timed("answer", lambda number=number: screen.answer(AnswerBar.Picked(("Yes", "No")[number % 2])))

            def type_one() -> None:
                detail.insert("x")
                screen.on_text_area_changed(TextArea.Changed(detail))

            await timed("typing", type_one)

            async def overview() -> None:
                await app.push_screen(OverviewScreen(screen._question_id))

            await timed("overview", overview)
            app.pop_screen()
            await pilot.pause()
        for _ in range(repeats):  # a save in a worker thread, and a key typed meanwhile
            app.autosave._start_worker()
            await asyncio.sleep(0.002)
            await timed("typing while saving", type_one)
            while app.autosave._worker is not None:
                await pilot.pause()
        app.close_session()  # the lock: the scaling figures open the same session next
    return samples


def handler_samples(session: Path, repeats: int) -> dict[str, list[float]]:
    return asyncio.run(_measure(session, repeats))


def handler_figures(sessions: Sessions, repeats: int) -> Iterator[Figure | Unavailable]:
    try:
        import tui.app.app  # noqa: F401
    except ImportError:
        yield Unavailable("key handlers", "the wizard has not landed")
        return
    runs = max(20, repeats * 2)
    for size in SIZES:
        samples = handler_samples(sessions.path(size), runs)
        for name in ("next", "previous", "answer", "typing", "overview"):
            yield Figure(f"handler: {name}", f"{size} q", samples[name], None,
                         Target("-") if name == "overview" else HANDLER_TARGET,
                         note="building and mounting the overview screen" if name == "overview" and size == 2000 else "")
        yield Figure("handler: typing while a save runs", f"{size} q", samples["typing while saving"],
                     samples["typing"], HANDLER_TARGET,
                     note="floor: typing with no save running" if size == 2000 else "")

    def overview_cost(size: int) -> float:
        return statistics.median(handler_samples(sessions.path(size), max(5, repeats // 3))["overview"])

    yield from step_ratios("overview", overview_cost)
