"""The archive search finds the reader's notes of the archive: their words, tags and quotation,
at once after they are saved, as their own facet, narrowed by the other facets."""

from __future__ import annotations

from pathlib import Path

from tests.unit.test_search import build, write_record
from viewer.domain import search
from viewer.domain.notes import NoteStore, Place, RecordKey, TextAnchor
from viewer.domain.notes.searching import NoteFinder, matches, words_of
from viewer.domain.search_query import parse_query

S, E = search.HIGHLIGHT_START, search.HIGHLIGHT_END


def _archive(tmp_path: Path) -> Path:
    root = tmp_path / "archive"
    root.mkdir()
    (root / "archive.toml").write_text('title = "Test archive"\n', encoding="utf-8")
    write_record(root, "telegram", "Telegram about railways", "The railway to Port Arthur.")
    write_record(root, "memo", "Memorandum", "A conversation on grain.", date="1962-03-01")
    write_record(root, "card", "Catalogue card", "", collection="Cards", date="1950-01-01")
    return root


def test_a_query_is_matched_as_the_search_box_takes_it() -> None:
    words = words_of("Compare with the Ministry's report, cf. Železnice")
    assert matches(parse_query("ministry report").root, words)  # type: ignore[arg-type]
    assert matches(parse_query("zeleznice").root, words)  # type: ignore[arg-type]
    assert matches(parse_query('"the ministry"').root, words)  # type: ignore[arg-type]
    assert not matches(parse_query('"report the"').root, words)  # type: ignore[arg-type]
    assert matches(parse_query("minis*").root, words)  # type: ignore[arg-type]
    assert not matches(parse_query("minis").root, words)  # type: ignore[arg-type]
    assert matches(parse_query("grain OR report").root, words)  # type: ignore[arg-type]
    assert not matches(parse_query("report -compare").root, words)  # type: ignore[arg-type]


def test_notes_are_found_at_once_with_their_facet_and_snippet(tmp_path: Path) -> None:
    root = _archive(tmp_path)
    index = build(root)
    store = NoteStore.open(tmp_path / "notes.sqlite3")
    finder = NoteFinder(store.path, "Test archive")
    try:
        assert finder.find("zanzibar") == {}
        card = RecordKey("Test archive", "card")
        note = store.add(card, Place.RECORD, "Ask the archivist about Zanzibar", tags=["ch3"])
        store.add(RecordKey("Other archive", "card"), Place.RECORD, "Zanzibar elsewhere")
        found = finder.find("zanzibar")  # no reindex: the next query finds it
        assert list(found) == ["card"] and found["card"].note_id == note.id
        assert found["card"].snippet == f"Ask the archivist about {S}Zanzibar{E} · ch3"
        results = index.search("zanzibar", notes=_hits(finder, "zanzibar"))
        assert [(h.record_id, h.note_id) for h in results.hits] == [("card", note.id)]
        assert results.total == 1 and results.facets.with_notes == 1
        assert results.facets.collections == (("Cards", 1),)
        # A tag and a quotation are found too; a record matched by the index keeps its rank.
        telegram = RecordKey("Test archive", "telegram")
        quote = TextAnchor("railway to Port Arthur", offset=4)
        marked = store.add(telegram, Place.PASSAGE, "", anchor=quote)
        assert list(finder.find("ch3")) == ["card"]
        results = index.search("railway", notes=_hits(finder, "railway"))
        assert [(h.record_id, h.note_id) for h in results.hits] == [("telegram", marked.id)]
        assert results.hits[0].snippet  # still the transcript's snippet
        # Only records with notes found, and the other facets narrow them.
        query = "zanzibar OR grain"
        only = search.Filters(with_notes=True)
        results = index.search(query, only, notes=_hits(finder, query))
        assert [h.record_id for h in results.hits] == ["card"]
        assert index.search(query, notes=_hits(finder, query)).total == 2
        assert index.record_ids(query, only, notes=_hits(finder, query)) == ["card"]
        assert index.record_ids(query, notes=_hits(finder, query)) == ["card", "memo"]
        narrowed = search.Filters(collection="Telegrams", with_notes=True)
        assert index.search(query, narrowed, notes=_hits(finder, query)).total == 0
        # A note edited is found by its new words only.
        store.update(note.id, text="Ask about Madagascar")
        assert finder.find("zanzibar") == {} and list(finder.find("madagascar")) == ["card"]
    finally:
        finder.close()
        store.close()
        index.close()


def test_pages_of_hits_list_each_record_once(tmp_path: Path) -> None:
    root = _archive(tmp_path)
    index = build(root)
    store = NoteStore.open(tmp_path / "notes.sqlite3")
    store.add(RecordKey("Test archive", "card"), Place.RECORD, "the railway card")
    finder = NoteFinder(store.path, "Test archive")
    try:
        notes = _hits(finder, "railway")
        first = index.search("railway", limit=1, notes=notes).hits
        second = index.search("railway", limit=1, offset=1, notes=notes).hits
        listed = [hit.record_id for hit in (*first, *second)]
        assert listed == ["card", "telegram"]
        assert index.search("railway", limit=1, offset=2, notes=notes).hits == ()
    finally:
        finder.close()
        store.close()
        index.close()


def _hits(finder: NoteFinder, query: str) -> dict[str, tuple[int, str]]:
    return {record: (m.note_id, m.snippet) for record, m in finder.find(query).items()}
