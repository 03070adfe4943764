"""A least-recently-used cache of rendered pages, bounded in bytes."""

from __future__ import annotations

from collections import OrderedDict

from PySide6.QtGui import QImage

from viewer.services.render_protocol import RenderKey

DEFAULT_LIMIT = 256 * 1024 * 1024
"""Enough for ~80 letter pages at full-HD width: a laptop's worth."""


class ImageCache:
    """Rendered pages by key; the least recently used go first when `limit` bytes are exceeded.

    What `put` evicts is let go of only at `release_evicted`: giving a page's memory back to the
    system takes ~0.5-1 ms, better spent after the new page is painted than before.
    """

    def __init__(self, limit: int = DEFAULT_LIMIT) -> None:
        self.limit = limit
        self._images: OrderedDict[RenderKey, QImage] = OrderedDict()
        self._sizes: dict[tuple[str, int, int], set[RenderKey]] = {}
        self._evicted: list[QImage] = []
        self.size = 0

    def __len__(self) -> int:
        return len(self._images)

    def __contains__(self, key: object) -> bool:
        return key in self._images

    def get(self, key: RenderKey) -> QImage | None:
        """The image for exactly `key`, marked as recently used."""
        image = self._images.get(key)
        if image is not None:
            self._images.move_to_end(key)
        return image

    def put(self, key: RenderKey, image: QImage) -> None:
        """Keep `image`, evicting the least recently used beyond the limit."""
        self._discard(key)
        self._images[key] = image
        self._sizes.setdefault((key.path, key.page, key.rotation), set()).add(key)
        self.size += image.sizeInBytes()
        while self.size > self.limit and len(self._images) > 1:
            oldest = next(iter(self._images))
            evicted = self._discard(oldest)
            if evicted is not None:
                self._evicted.append(evicted)

    def has_evicted(self) -> bool:
        """Whether images evicted by `put` wait for `release_evicted`."""
        return bool(self._evicted)

    def release_evicted(self) -> None:
        """Let go of the images `put` evicted (their memory goes when nothing else holds them)."""
        self._evicted.clear()

    def nearest(self, key: RenderKey) -> QImage | None:
        """The cached image of the same page and rotation closest in scale, preferring larger."""
        keys = self._sizes.get((key.path, key.page, key.rotation))
        if not keys:
            return None
        larger = [k for k in keys if k.scale >= key.scale]
        best = min(larger, key=lambda k: k.scale) if larger else max(keys, key=lambda k: k.scale)
        return self._images[best]

    def drop_document(self, path: str) -> None:
        """Forget every image of `path`."""
        for key in [k for k in self._images if k.path == path]:
            self._discard(key)

    def clear(self) -> None:
        """Forget everything."""
        self._images.clear()
        self._sizes.clear()
        self._evicted.clear()
        self.size = 0

    def _discard(self, key: RenderKey) -> QImage | None:
        image = self._images.pop(key, None)
        if image is None:
            return None
        self.size -= image.sizeInBytes()
        group = self._sizes.get((key.path, key.page, key.rotation))
        if group is not None:
            group.discard(key)
            if not group:
                del self._sizes[(key.path, key.page, key.rotation)]
        return image
