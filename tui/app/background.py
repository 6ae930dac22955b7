"""Blocking work the wizard can walk away from.

Textual runs a thread worker in asyncio's default executor, whose threads are joined when
the program exits: a source still loading (a slow server within its deadline) would keep
the wizard from quitting. Work that may block on the outside world runs here instead, in
a daemon thread whose result an ordinary async worker awaits: quitting cancels the worker
and the thread is abandoned with the process.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Callable
from typing import TypeVar

Result = TypeVar("Result")


async def in_daemon_thread(work: Callable[[], Result]) -> Result:
    """`work()` run in its own daemon thread; its result or exception, awaited."""
    loop = asyncio.get_running_loop()
    future: asyncio.Future[Result] = loop.create_future()

    def settle(outcome: Callable[[], None]) -> None:
        if not future.done():
            outcome()

    def run() -> None:
        try:
            result = work()
        except BaseException as error:  # noqa: BLE001 - handed to the awaiting worker as it is
            caught = error
            _post(loop, lambda: settle(lambda: future.set_exception(caught)))
        else:
            _post(loop, lambda: settle(lambda: future.set_result(result)))

    threading.Thread(target=run, name="vendor-review-background", daemon=True).start()
    return await future


def _post(loop: asyncio.AbstractEventLoop, callback: Callable[[], None]) -> None:
    with contextlib.suppress(RuntimeError):  # the loop closed: the wizard quit while the work ran
        loop.call_soon_threadsafe(callback)
