"""The open plain folder (or sheet of records and its folder) followed on disk while it is open:
a `FolderWatch` for it, whose changes the reading session reads (`ReadingSession.
reread_archive`), and a word in the message bar when part of it can only be looked at from
time to time."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject

from viewer.domain.model import Archive, Record
from viewer.services import folder_watch
from viewer.services.folder_watch import Coverage, FolderChanges, FolderWatch
from viewer.services.messages import MessageChannel
from viewer.services.reading_session import ReadingSession


def _followed(source: Path) -> bool:
    """Whether the source at `source` is read again when its files change (on the watch's
    thread: a format's question may list the folder)."""
    from viewer.domain import formats  # noqa: PLC0415

    return formats.detect(source).followed


class FolderFollow(QObject):
    """Watches the open archive's folder when its format is followed (a plain folder, a sheet
    of records); hands its changes to the session."""

    def __init__(
        self,
        session: ReadingSession,
        messages: MessageChannel,
        complete: Callable[[], Callable[[Record], Record] | None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._messages = messages
        self._complete = complete
        self._watch: FolderWatch | None = None
        self._stopping: set[FolderWatch] = set()
        session.pdf_opened.connect(lambda _record: self.stop())

    def follow(self, archive: Archive) -> None:
        """Follow `archive` (the session's open archive) from now on, if its format is."""
        state = self._session.state
        if state.archive is not archive or (self._watch and self._watch.root == archive.root):
            return
        self.stop()
        source = state.source or archive.root
        watch = FolderWatch(archive.root, lambda: _followed(source), self)
        watch.changed.connect(lambda changes, w=watch: self._on_watch_changed(w, changes))
        watch.watching_started.connect(
            lambda coverage, w=watch: self._on_watch_started(w, coverage)
        )
        self._watch = watch
        watch.start()

    def watching(self) -> FolderWatch | None:
        """The watch of the open folder, if one is followed."""
        return self._watch

    def stop(self, msecs: int = 0) -> None:
        """Stop following (another archive or a PDF is opened; with `msecs`, the window
        closes and waits that long for the watch's thread)."""
        watch, self._watch = self._watch, None
        if watch is None:
            return
        if watch.stop(msecs):
            watch.deleteLater()
        else:  # it ends in a moment
            self._stopping.add(watch)
            watch.stopped.connect(lambda w=watch: self._on_watch_stopped(w))

    def _on_watch_stopped(self, watch: FolderWatch) -> None:
        if watch in self._stopping:
            self._stopping.discard(watch)
            watch.deleteLater()

    def _on_watch_changed(self, watch: FolderWatch, changes: FolderChanges) -> None:
        archive = self._session.state.archive
        if watch is not self._watch or archive is None or archive.root != watch.root:
            return  # of a folder closed since
        self._session.reread_archive(changes.paths, self._complete())

    def _on_watch_started(self, watch: FolderWatch, coverage: Coverage) -> None:
        if watch is not self._watch or not coverage.polled:
            return
        reasons = {
            folder_watch.Limit.SHARE: self.tr(
                "one open folder watches at most {count} folders, to leave the system's "
                "watches to other programs"
            ).format(count=coverage.watched),
            folder_watch.Limit.SYSTEM: self.tr(
                "the system's limit on watches, fs.inotify.max_user_watches, is reached"
            ),
            folder_watch.Limit.UNAVAILABLE: self.tr("this system cannot watch folders"),
        }
        self._messages.info(
            self.tr(
                "{folder}: {watched} of its folders are watched for changes; the other "
                "{polled} are looked at every {seconds} seconds ({reason})."
            ).format(
                folder=watch.root.name,
                watched=coverage.watched,
                polled=coverage.polled,
                seconds=folder_watch.POLL_MS // 1000,
                reason=reasons.get(coverage.limit, ""),
            )
        )
