"""What every command shares: exit codes, the one-line error that maps a library error to exit 2,
and stopping on Ctrl-C or SIGTERM with exit 130."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from contextlib import contextmanager

import click

from kg.data import bundled
from kg.display import each_line

EXIT_PARTIAL = 1
EXIT_FAILED = 2
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as a shell reports a command Ctrl-C stopped

EXAMPLE_REPORTS = bundled("reports")  # what kg build and kg eval read when given nothing
EXAMPLE_GOLD = bundled("gold")


class KgClickError(click.ClickException):
    """A library error as a one-line message (``Error: FILE: problem``) and exit code 2."""

    exit_code = EXIT_FAILED

    def __init__(self, message: str) -> None:  # a name's undecodable bytes, escapes, bidi overrides escaped
        super().__init__(each_line(message))


class PartlyDone(KgClickError):
    """A job done in part (``kg push`` stored some of the graphs): the one-line error and exit code 1."""

    exit_code = EXIT_PARTIAL


class Interrupted(click.ClickException):
    """Ctrl-C or SIGTERM: ``Error: interrupted (SIGTERM)`` and exit code 130."""

    exit_code = EXIT_INTERRUPTED


@contextmanager
def interruptible() -> Iterator[None]:
    """Within the block SIGTERM stops the command as Ctrl-C does, the temporaries written so far
    removed on the way out (a second SIGTERM is ignored meanwhile); either ends it with
    :class:`Interrupted`, where click would say "Aborted!" and exit 1."""
    received: list[str] = []
    owner = os.getpid()

    def stop(signum: int, frame: object) -> None:
        if os.getpid() != owner:  # a forked process that kept this handler: SIGTERM ends it as usual
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            os.kill(os.getpid(), signal.SIGTERM)
            return
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        received.append("SIGTERM")
        raise KeyboardInterrupt

    try:
        previous = signal.signal(signal.SIGTERM, stop)
    except ValueError:  # not the main thread: signals are not ours to handle
        previous = None
    try:
        yield
    except KeyboardInterrupt:
        raise Interrupted(f"interrupted ({received[0] if received else 'SIGINT'})") from None
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
