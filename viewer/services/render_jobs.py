"""The text-layer and words jobs sent to the render worker and not answered yet.

The worker says which page it begins (`JobStarted`), so that a page that takes too long, or
that crashes the worker, can be named in the answer its job is given; the jobs queued behind it
are sent again to the worker that takes over. No Qt: `PdfWorker` keeps one of these.
"""

from __future__ import annotations

from pathlib import Path

from viewer.services.render_protocol import (
    JobStarted,
    RenderFailed,
    RenderKey,
    TextExtracted,
    TextFailed,
    TextRequest,
    WordsExtracted,
    WordsRequest,
)

Job = TextRequest | WordsRequest


def _is_for(request: Job, path: str, page: int | None, words: bool) -> bool:
    if request.path != path:
        return False
    if words:
        return isinstance(request, WordsRequest) and request.page == page
    return isinstance(request, TextRequest)


class PendingJobs:
    """The jobs sent, in order, and the page the worker is reading for the first of them."""

    def __init__(self) -> None:
        self._sent: list[Job] = []
        self.current: JobStarted | None = None
        """The page being read now (None: no job is under way)."""

    def sent(self, request: Job) -> None:
        """`request` went to the worker."""
        self._sent.append(request)

    def started(self, job: JobStarted) -> None:
        """The worker began a page of a job: the jobs sent before it are done with."""
        self.current = job
        self._done_through(job.path, job.page, job.words, keep=True)

    def reading(self, job: JobStarted) -> None:
        """The worker went on to another page of the job under way."""
        self.current = job

    def answered(self, result: object) -> None:
        """Any other result came: the page under way is finished; a job's answer ends it."""
        self.current = None
        if isinstance(result, TextExtracted | TextFailed):
            self._done_through(result.path, None, False)
        elif isinstance(result, WordsExtracted):
            self._done_through(result.path, result.page, True)
        elif isinstance(result, RenderFailed) and result.key.scale == 0.0:
            self._done_through(result.key.path, result.key.page, True)

    def lost(self, open_paths: set[str]) -> tuple[JobStarted | None, list[Job]]:
        """After the worker died: the page it was reading (its job is dropped) and the jobs to
        send again (not those about documents no longer open that only wanted open ones)."""
        job, self.current = self.current, None
        if job is not None:
            self._done_through(job.path, job.page, job.words)
        again = [
            request
            for request in self._sent
            if request.path in open_paths
            or (isinstance(request, TextRequest) and not request.if_open)
        ]
        self._sent = list(again)
        return job, again

    def _done_through(
        self, path: str, page: int | None, words: bool, *, keep: bool = False
    ) -> None:
        """Forget the jobs up to the first that is for `path` (and `page`), that one too unless
        `keep`; nothing when none is (an answer to a request made before a restart)."""
        for index, request in enumerate(self._sent):
            if _is_for(request, path, page, words):
                del self._sent[: index if keep else index + 1]
                return


def failure(job: JobStarted, *, timed_out: bool, budget_ms: int) -> TextFailed | RenderFailed:
    """The answer to the job whose page `job` is, when that page took over `budget_ms` to read
    (`timed_out`) or crashed the worker."""
    name = Path(job.path).name
    page = job.page + 1
    budget = f"{budget_ms / 1000:g} s"
    if job.words:
        key = RenderKey(job.path, job.page, 0.0)
        if timed_out:
            return RenderFailed(
                key, f"{name}: the words of page {page} take over {budget} to read; skipped"
            )
        return RenderFailed(
            key, f"{name}: the words of page {page} cannot be read: they crash the page renderer"
        )
    if timed_out:
        return TextFailed(job.path, f"{name}: reading page {page} takes over {budget}")
    return TextFailed(job.path, f"{name}: reading page {page} crashes the page renderer")
