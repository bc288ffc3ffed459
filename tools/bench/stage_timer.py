"""Wall-clock seconds per named stage, with nesting: an inner stage's time is not counted in the outer."""
import time
from contextlib import contextmanager


class StageTimer:
    def __init__(self):
        self.seconds = {}
        self._stack = []
        self._since = None
        self.failed_stage = None  # the innermost stage an exception left first

    def _charge(self, now):
        if self._stack:
            name = self._stack[-1]
            self.seconds[name] = self.seconds.get(name, 0.0) + (now - self._since)
        self._since = now

    @contextmanager
    def stage(self, name):
        self._charge(time.perf_counter())
        self._stack.append(name)
        try:
            yield
        except BaseException:
            if self.failed_stage is None:
                self.failed_stage = name
            raise
        finally:
            self._charge(time.perf_counter())
            self._stack.pop()

    def take(self):
        """The seconds so far, then starts again from zero."""
        out, self.seconds = self.seconds, {}
        return out
