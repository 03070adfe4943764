"""The byte-bounded LRU cache of rendered pages."""

from __future__ import annotations

import sys

from PySide6.QtGui import QImage

from viewer.services.render_cache import ImageCache
from viewer.services.render_protocol import RenderKey


def _image(width: int) -> QImage:
    image = QImage(width, 10, QImage.Format.Format_RGB32)
    image.fill(0xFFFFFF)
    return image


def test_cache_evicts_least_recently_used_beyond_its_byte_limit() -> None:
    cache = ImageCache(limit=3 * 100 * 10 * 4)
    keys = [RenderKey("a.pdf", page, 1.0) for page in range(4)]
    for key in keys[:3]:
        cache.put(key, _image(100))
    assert cache.get(keys[0]) is not None  # now the most recently used
    cache.put(keys[3], _image(100))
    assert keys[1] not in cache
    assert [k in cache for k in (keys[0], keys[2], keys[3])] == [True, True, True]
    assert cache.size == 3 * 4000


def test_nearest_prefers_the_smallest_larger_image_of_the_same_page_and_rotation() -> None:
    cache = ImageCache()
    for scale, width in ((0.5, 50), (2.0, 200), (4.0, 400)):
        cache.put(RenderKey("a.pdf", 0, scale), _image(width))
    cache.put(RenderKey("a.pdf", 0, 1.0, rotation=90), _image(77))
    assert cache.nearest(RenderKey("a.pdf", 0, 1.0)).width() == 200
    assert cache.nearest(RenderKey("a.pdf", 0, 8.0)).width() == 400
    assert cache.nearest(RenderKey("a.pdf", 0, 3.0, rotation=90)).width() == 77
    assert cache.nearest(RenderKey("a.pdf", 1, 1.0)) is None


def test_dropping_a_document_forgets_only_its_pages() -> None:
    cache = ImageCache()
    cache.put(RenderKey("a.pdf", 0, 1.0), _image(10))
    cache.put(RenderKey("b.pdf", 0, 1.0), _image(10))
    cache.drop_document("a.pdf")
    assert len(cache) == 1
    assert cache.nearest(RenderKey("a.pdf", 0, 1.0)) is None
    assert cache.size == 400


def test_evicted_pages_are_let_go_of_only_when_asked() -> None:
    cache = ImageCache(limit=2 * 100 * 10 * 4)
    pixels = bytearray(100 * 10 * 4)
    held = sys.getrefcount(pixels)
    cache.put(RenderKey("a.pdf", 0, 1.0), QImage(pixels, 100, 10, 400, QImage.Format.Format_RGB32))
    for page in (1, 2):
        cache.put(RenderKey("a.pdf", page, 1.0), _image(100))
    assert RenderKey("a.pdf", 0, 1.0) not in cache
    assert cache.size == 2 * 4000
    # Its memory is given back after the new page is painted, not on the way to it.
    assert cache.has_evicted()
    assert sys.getrefcount(pixels) > held
    cache.release_evicted()
    assert not cache.has_evicted()
    assert sys.getrefcount(pixels) == held
