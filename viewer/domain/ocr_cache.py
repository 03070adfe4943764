"""The user's store of recognised pages: SQLite in WAL mode, keyed by file content and page.

Each page is committed on its own as soon as it is recognised, so a process killed in the middle
loses no finished page. The file's content hash (BLAKE2b of its bytes) is the key, so a scan that
is moved or copied is not recognised again; the hash is remembered by path, size and mtime.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
import sqlite3
from pathlib import Path

from viewer.domain import ocr

_log = logging.getLogger(__name__)

SCHEMA_VERSION = 2
"""1: no recogniser version (its pages count as read by version 1); 2: `pages.recogniser`."""
FILE_NAME = "ocr.sqlite3"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS pages (
    content TEXT NOT NULL,
    page INTEGER NOT NULL,
    language TEXT NOT NULL,
    engine TEXT NOT NULL,
    error TEXT NOT NULL,
    words TEXT NOT NULL,
    text TEXT NOT NULL,
    recogniser INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (content, page, language)
);
CREATE TABLE IF NOT EXISTS image_pages (
    content TEXT PRIMARY KEY,
    pages TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS files (
    path TEXT PRIMARY KEY,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    content TEXT NOT NULL
);
"""


class OcrCacheError(Exception):
    """The cache file cannot be used (damaged, or a newer version of the viewer made it)."""


def content_hash(path: Path) -> str:
    """The hash that identifies a file's content."""
    digest = hashlib.blake2b(digest_size=20)
    with path.open("rb") as stream:
        while chunk := stream.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def _encode(words: tuple[ocr.OcrWord, ...]) -> str:
    return json.dumps(
        [
            (
                w.text,
                round(w.x0, 2),
                round(w.y0, 2),
                round(w.x1, 2),
                round(w.y1, 2),
                round(w.confidence, 1),
                w.block,
                w.line,
            )
            for w in words
        ],
        ensure_ascii=False,
        separators=(",", ":"),
    )


def _decode(data: str) -> tuple[ocr.OcrWord, ...]:
    return tuple(
        ocr.OcrWord(str(t), float(a), float(b), float(c), float(d), float(f), int(g), int(h))
        for t, a, b, c, d, f, g, h in json.loads(data)
    )


class OcrCache:
    """Recognised pages of any number of files, in one SQLite file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._db = sqlite3.connect(path, timeout=10, check_same_thread=False)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            version = self._db.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise OcrCacheError(
                    f"{path}: made by a newer version of Archive Viewer; delete it to start over"
                )
            self._db.executescript(_SCHEMA)
            if version == 1:
                self._db.execute(
                    "ALTER TABLE pages ADD COLUMN recogniser INTEGER NOT NULL DEFAULT 1"
                )
            self._db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
            self._db.commit()
        except sqlite3.DatabaseError as exc:
            raise OcrCacheError(f"{path}: the OCR cache cannot be read ({exc})") from exc

    def close(self) -> None:
        self._db.close()

    def content_of(self, path: Path) -> str:
        """The content hash of `path`, computed again only when its size or mtime changed."""
        path = path.resolve()
        stat = path.stat()
        row = self._db.execute(
            "SELECT size, mtime_ns, content FROM files WHERE path = ?", (str(path),)
        ).fetchone()
        if row is not None and row[0] == stat.st_size and row[1] == stat.st_mtime_ns:
            return str(row[2])
        content = content_hash(path)
        with self._db:
            self._db.execute(
                "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?)",
                (str(path), stat.st_size, stat.st_mtime_ns, content),
            )
        return content

    def image_pages(self, content: str) -> list[int] | None:
        """The pages of a file that have no text layer, when known."""
        row = self._db.execute(
            "SELECT pages FROM image_pages WHERE content = ?", (content,)
        ).fetchone()
        return [int(n) for n in json.loads(row[0])] if row is not None else None

    def set_image_pages(self, content: str, pages: list[int]) -> None:
        """Remember which pages of a file have no text layer (so it is not read again)."""
        with self._db:
            self._db.execute(
                "INSERT OR REPLACE INTO image_pages VALUES (?, ?)", (content, json.dumps(pages))
            )

    def get(self, content: str, page: int, language: str) -> ocr.OcrPage | None:
        """The stored result of one page, or None when it was never recognised."""
        row = self._db.execute(
            "SELECT error, words, recogniser FROM pages "
            "WHERE content = ? AND page = ? AND language = ?",
            (content, page, language),
        ).fetchone()
        if row is None:
            return None
        return ocr.OcrPage(page, language, _decode(row[1]), row[0], row[2])

    def pages(self, content: str, language: str) -> dict[int, ocr.OcrPage]:
        """Every stored page of one file, by page number (`outdated` ones too)."""
        rows = self._db.execute(
            "SELECT page, error, words, recogniser FROM pages WHERE content = ? AND language = ?",
            (content, language),
        ).fetchall()
        return {
            row[0]: ocr.OcrPage(row[0], language, _decode(row[2]), row[1], row[3]) for row in rows
        }

    def put(self, content: str, result: ocr.OcrPage) -> ocr.OcrPage:
        """Store one page's result, committed at once; what is kept. A page an older recogniser
        read is replaced, but not by a failure: then its old words stay (marked as read by this
        version, so that it is not tried again and again)."""
        with self._db:
            if result.error:
                kept = self.get(content, result.page, result.language)
                if kept is not None and kept.words:
                    self._db.execute(
                        "UPDATE pages SET recogniser = ? "
                        "WHERE content = ? AND page = ? AND language = ?",
                        (result.recogniser, content, result.page, result.language),
                    )
                    return dataclasses.replace(kept, recogniser=result.recogniser)
            self._db.execute(
                "INSERT OR REPLACE INTO pages VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    content,
                    result.page,
                    result.language,
                    ocr.ENGINE,
                    result.error,
                    _encode(result.words),
                    result.text(),
                    result.recogniser,
                ),
            )
        return result

    def texts(self, content: str) -> dict[int, str]:
        """The recognised text of each page of one file, in whatever language it was read."""
        rows = self._db.execute(
            "SELECT page, text FROM pages WHERE content = ? AND error = '' ORDER BY page",
            (content,),
        ).fetchall()
        return {int(page): str(text) for page, text in rows}


def default_path(cache_folder: Path) -> Path:
    """Where the cache file lives in the user's cache folder."""
    return cache_folder / FILE_NAME


class RecognisedText:
    """The machine-read text of scans as the search index takes it from the cache file
    (`search_source.MachineText`); usable from any thread, each call on a connection of its own.

    `refresh()` reads which files have recognised pages, in one query; `version` then answers
    from that without touching the disk.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._versions: dict[str, str] = {}

    def stamp(self) -> object:
        """The sizes and modification times of the cache file and its write-ahead log: every
        page the OCR process stores changes them."""
        found: list[tuple[int, int]] = []
        for suffix in ("", "-wal"):
            try:
                stat = Path(f"{self.path}{suffix}").stat()
            except OSError:
                found.append((-1, -1))
            else:
                found.append((stat.st_size, stat.st_mtime_ns))
        return tuple(found)

    def _connect(self) -> sqlite3.Connection | None:
        if not self.path.is_file():
            return None
        uri = self.path.resolve().as_uri() + "?mode=ro"
        return sqlite3.connect(uri, uri=True, timeout=10)

    def refresh(self) -> dict[str, str]:
        """Look again at what is recognised; the version of each file with recognised text, by
        path (as the OCR process named it: resolved)."""
        versions: dict[str, str] = {}
        try:
            connection = self._connect()
            if connection is not None:
                try:
                    schema = connection.execute("PRAGMA user_version").fetchone()[0]
                    # A page read again by a newer recogniser changes the version too.
                    readings = "sum(p.recogniser)" if schema >= 2 else "count(p.page)"
                    rows = connection.execute(
                        f"SELECT f.path, f.content, count(p.page), {readings} FROM files AS f "
                        "JOIN pages AS p ON p.content = f.content "
                        "WHERE p.error = '' AND p.text != '' GROUP BY f.path"
                    ).fetchall()
                finally:
                    connection.close()
                versions = {
                    str(path): f"{content}:{count}:{read}" for path, content, count, read in rows
                }
        except sqlite3.Error as error:
            _log.info("The OCR cache %s cannot be read: %s", self.path, error)
        self._versions = versions
        return versions

    def version(self, path: Path) -> str:
        """What is recognised of the file at `path` ("" when nothing), as of `refresh()`."""
        return self._versions.get(str(path), "")

    def pages(self, path: Path) -> list[str]:
        """The recognised text of each page of the file at `path`, in page order; none when the
        file changed since it was read."""
        connection = self._connect()
        if connection is None:
            return []
        try:
            resolved = path.resolve()
            stat = resolved.stat()
            row = connection.execute(
                "SELECT size, mtime_ns, content FROM files WHERE path = ?", (str(resolved),)
            ).fetchone()
            if row is None or (row[0], row[1]) != (stat.st_size, stat.st_mtime_ns):
                return []
            rows = connection.execute(
                "SELECT page, text FROM pages WHERE content = ? AND error = '' "
                "ORDER BY page, language",
                (row[2],),
            ).fetchall()
        finally:
            connection.close()
        texts: dict[int, str] = {}
        for page, text in rows:  # a page read in several languages: the first of them
            texts.setdefault(int(page), str(text))
        return list(texts.values())
