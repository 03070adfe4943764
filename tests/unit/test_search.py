"""The search index: query syntax, ranking, snippets, facets, re-indexing, shipped indexes."""

from __future__ import annotations

import hashlib
import json
import os
import re
import sqlite3
from pathlib import Path

import pytest

from viewer.domain import archive as loader
from viewer.domain import model, search
from viewer.domain import search_source as source
from viewer.domain.folding import fold
from viewer.domain.search_query import find_in_text, parse_query

S, E = search.HIGHLIGHT_START, search.HIGHLIGHT_END


def write_record(
    root: Path,
    record_id: str,
    title: str,
    text: str = "",
    *,
    summary: str = "",
    date: str = "1949-05-18",
    languages: tuple[str, ...] = ("en",),
    collection: str = "Telegrams",
    transcript_name: str = "transcript.en.txt",
) -> Path:
    """A record folder with record.toml and, when `text` is given, one transcript."""
    folder = root / record_id
    folder.mkdir(parents=True)
    lines = [
        f"id = {json.dumps(record_id)}",
        f"title = {json.dumps(title, ensure_ascii=False)}",
        f'date = "{date}"',
        f"summary = {json.dumps(summary, ensure_ascii=False)}",
        f"languages = {json.dumps(list(languages))}",
        f"collection = {json.dumps(collection)}",
    ]
    (folder / "record.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    if text:
        (folder / transcript_name).write_text(text, encoding="utf-8")
    return folder


def build(root: Path, **kwargs: object) -> search.SearchIndex:
    """The archive at `root` indexed into the user's cache."""
    archive = loader.load_archive(root)
    index = search.SearchIndex.open(search.IndexLocation(search.cache_index_path(archive.root)))
    index.update(archive, **kwargs)  # type: ignore[arg-type]
    return index


def ids(results: search.SearchResults) -> list[str]:
    return [hit.record_id for hit in results.hits]


@pytest.fixture
def archive_root(tmp_path: Path) -> Path:
    root = tmp_path / "archive"
    root.mkdir()
    (root / "archive.toml").write_text('title = "Test archive"\n', encoding="utf-8")
    write_record(
        root,
        "1949-telegram",
        "Telegram about military cooperation",
        "Mao Zedong asked me to inform you of the following. The creation of an "
        "information bureau is premature. Aid to North Korea with officer personnel.",
        summary="A telegram on the Chinese-Korean talks.",
    )
    write_record(
        root,
        "1962-memo",
        "Memorandum of conversation",
        "The ambassador spoke of cooperation in trade. Cooperation was discussed at length, "
        "and cooperation was agreed in principle. The delegation then left for Pyongyang "
        "after a long dinner with the staff of the embassy and the trade mission.",
        date="1962-08-14",
        collection="Memoranda",
    )
    write_record(
        root,
        "1920-ru",
        "Письмо о ёлке",
        "В Кремле поставили ёлку. Обсуждали сотрудничество и торговлю.",
        date="1920",
        languages=("ru",),
        transcript_name="transcript.ru.txt",
    )
    write_record(
        root,
        "1925-fr",
        "Note sur la Révolution",
        "Le café crème de Łódź. Les réfugiés arrivèrent.",
        date="1925-03",
        languages=("fr",),
        transcript_name="transcript.fr.txt",
    )
    return root


def test_query_parser_turns_user_syntax_into_quoted_fts_expression() -> None:
    assert parse_query("soviet korea").match_expression() == '("soviet" AND "korea")'
    assert parse_query('"information bureau"').match_expression() == '"information bureau"'
    assert parse_query("koré*").match_expression() == '"kore" *'
    assert parse_query("a OR b").match_expression() == '("a" OR "b")'
    assert parse_query("mao NOT stalin").match_expression() == '("mao" NOT "stalin")'
    assert parse_query("mao -stalin").match_expression() == '("mao" NOT "stalin")'
    assert parse_query("(a OR b) c").match_expression() == '(("a" OR "b") AND "c")'


@pytest.mark.parametrize(
    ("text", "same_as"),
    [
        ('"', ""),
        ("(", ""),
        (")", ""),
        ("-", ""),
        ("--x", ""),
        ("NOT", ""),
        ("AND OR", ""),
        ("*", ""),
        ('"mao', "mao"),
        ("(mao", "mao"),
        ("mao)", "mao"),
        ('mao"zedong', "mao zedong"),
        ("mao:zedong", '"mao zedong"'),
        ("^mao", "mao"),
        ("{mao}", "mao"),
    ],
)
def test_hostile_queries_are_read_as_their_words(
    archive_root: Path, text: str, same_as: str
) -> None:
    with build(archive_root) as index:
        results = index.search(text)
        expected = index.search(same_as)
    assert (results.total, ids(results)) == (expected.total, ids(expected))
    if same_as:
        assert "1949-telegram" in ids(results)  # the telegram names Mao Zedong


def test_exclusions_alone_are_an_empty_query() -> None:
    assert parse_query("NOT mao").is_empty
    assert parse_query("-mao").is_empty
    assert parse_query("   ").is_empty


def test_title_hit_ranks_above_body_hits(archive_root: Path) -> None:
    with build(archive_root) as index:
        results = index.search("cooperation")
    assert ids(results) == ["1949-telegram", "1962-memo"]
    assert results.total == 2


def test_hit_carries_title_date_snippet_and_match_count(archive_root: Path) -> None:
    with build(archive_root) as index:
        results = index.search('"information bureau"')
    (hit,) = results.hits
    assert hit.record_id == "1949-telegram"
    assert hit.title == "Telegram about military cooperation"
    assert hit.date == model.PartialDate(1949, 5, 18)
    assert f"{S}information bureau{E}" in hit.snippet
    assert hit.match_count == 1
    assert hit.title_marked == hit.title


def test_title_is_marked_where_it_matches(archive_root: Path) -> None:
    with build(archive_root) as index:
        (hit,) = index.search("memorandum").hits
    assert hit.title_marked == f"{S}Memorandum{E} of conversation"


def test_match_count_counts_every_occurrence(archive_root: Path) -> None:
    with build(archive_root) as index:
        hits = {hit.record_id: hit for hit in index.search("cooperation").hits}
    assert hits["1962-memo"].match_count == 3
    assert hits["1949-telegram"].match_count == 1


def test_phrase_matches_words_in_order_only(archive_root: Path) -> None:
    with build(archive_root) as index:
        assert ids(index.search('"officer personnel"')) == ["1949-telegram"]
        assert ids(index.search('"personnel officer"')) == []


def test_prefix_matches_word_starts(archive_root: Path) -> None:
    with build(archive_root) as index:
        assert ids(index.search("memo*")) == ["1962-memo"]
        assert ids(index.search("memo")) == []


def test_boolean_operators(archive_root: Path) -> None:
    with build(archive_root) as index:
        assert sorted(ids(index.search("ambassador OR mao"))) == ["1949-telegram", "1962-memo"]
        assert ids(index.search("cooperation NOT ambassador")) == ["1949-telegram"]
        assert ids(index.search("cooperation AND ambassador")) == ["1962-memo"]


def test_case_and_diacritics_are_ignored_in_latin_text(archive_root: Path) -> None:
    with build(archive_root) as index:
        assert ids(index.search("REVOLUTION")) == ["1925-fr"]
        assert ids(index.search("cafe creme")) == ["1925-fr"]
        assert ids(index.search("lodz")) == ["1925-fr"]
        assert ids(index.search("réfugiés")) == ["1925-fr"]


def test_cyrillic_matches_without_case_or_yo(archive_root: Path) -> None:
    with build(archive_root) as index:
        assert ids(index.search("КРЕМЛЕ")) == ["1920-ru"]
        assert ids(index.search("елку")) == ["1920-ru"]
        assert ids(index.search("сотруднич*")) == ["1920-ru"]
        (hit,) = index.search("елку").hits
    assert f"{S}ёлку{E}" in hit.snippet


def test_facet_counts_and_filters(archive_root: Path) -> None:
    with build(archive_root) as index:
        everything = index.search("cooperation OR кремле OR café")
        assert everything.total == 4
        facets = everything.facets
        assert facets.decades == ((1920, 2), (1940, 1), (1960, 1))
        assert dict(facets.languages) == {"en": 2, "ru": 1, "fr": 1}
        assert dict(facets.collections) == {"Telegrams": 3, "Memoranda": 1}
        assert (facets.with_text_layer, facets.without_text_layer) == (0, 4)
        query = "cooperation OR кремле OR café"
        twenties = index.search(query, search.Filters(decade=1920))
        assert sorted(ids(twenties)) == ["1920-ru", "1925-fr"]
        assert twenties.facets.years == ((1920, 1), (1925, 1))
        assert ids(index.search(query, search.Filters(year=1962))) == ["1962-memo"]
        assert ids(index.search(query, search.Filters(language="ru"))) == ["1920-ru"]
        assert ids(index.search(query, search.Filters(collection="Memoranda"))) == ["1962-memo"]
        assert index.search(query, search.Filters(has_text_layer=True)).total == 0


def test_scan_text_layer_is_searchable_and_a_facet(archive_root: Path) -> None:
    (archive_root / "1962-memo" / "scan.pdf").write_bytes(b"%PDF-1.4 stand-in")

    def text_layer(path: Path) -> list[str]:
        assert path.name == "scan.pdf"
        return ["Typed page with a stamp: DECLASSIFIED", ""]

    with build(archive_root, text_layer=text_layer) as index:
        results = index.search("declassified")
        assert ids(results) == ["1962-memo"]
        assert f"{S}DECLASSIFIED{E}" in results.hits[0].snippet
        assert results.facets.with_text_layer == 1
        filtered = index.search("cooperation", search.Filters(has_text_layer=True))
    assert ids(filtered) == ["1962-memo"]


def test_unreadable_text_layer_is_a_problem_not_a_failure(archive_root: Path) -> None:
    (archive_root / "1962-memo" / "scan.pdf").write_bytes(b"not a pdf")

    def text_layer(path: Path) -> list[str]:
        raise RuntimeError("cannot open broken document")

    with build(archive_root, text_layer=text_layer) as index:
        assert ids(index.search("ambassador")) == ["1962-memo"]
        problems = index.problems()
    assert [(p.record_id, p.reason) for p in problems] == [
        ("1962-memo", "scan.pdf: the text layer cannot be read (cannot open broken document)")
    ]


def test_broken_records_are_listed_and_the_rest_indexed(archive_root: Path) -> None:
    bad = archive_root / "broken-one"
    bad.mkdir()
    (bad / "record.toml").write_text("id = [unclosed", encoding="utf-8")
    with build(archive_root) as index:
        problems = index.problems()
        assert index.search("ambassador").total == 1
    assert [p.folder.name for p in problems] == ["broken-one"]
    assert problems[0].reason


def test_html_transcript_is_indexed_as_text(archive_root: Path) -> None:
    write_record(
        archive_root,
        "html-record",
        "Cable",
        "<p>The <b>plenipotentiary</b> arrived &amp; left.</p><script>var hidden;</script>",
        transcript_name="transcript.en.html",
    )
    with build(archive_root) as index:
        (hit,) = index.search("plenipotentiary").hits
        assert index.search("hidden").total == 0
        assert index.search("amp").total == 0
    assert f"{S}plenipotentiary{E}" in hit.snippet


def test_reopening_reindexes_only_changed_added_and_removed(archive_root: Path) -> None:
    with build(archive_root) as index:
        pass
    transcript = archive_root / "1962-memo" / "transcript.en.txt"
    transcript.write_text("Now about quokkas only.", encoding="utf-8")
    os.utime(transcript, ns=(1, 1))
    write_record(archive_root, "new-one", "Fresh record", "A note on wombats.")
    for path in (archive_root / "1925-fr").iterdir():
        path.unlink()
    (archive_root / "1925-fr").rmdir()
    archive = loader.load_archive(archive_root)
    location = search.IndexLocation(search.cache_index_path(archive.root))
    with search.SearchIndex.open(location) as index:
        stats = index.update(archive)
        assert (stats.added, stats.updated, stats.removed, stats.unchanged) == (1, 1, 1, 2)
        assert ids(index.search("quokkas")) == ["1962-memo"]
        assert ids(index.search("ambassador")) == []
        assert ids(index.search("wombats")) == ["new-one"]
        assert index.search("café").total == 0
        assert index.search("cooperation").facets.collections == (("Telegrams", 1),)
        again = index.update(archive)
    assert (again.added, again.updated, again.removed, again.unchanged) == (0, 0, 0, 4)


def _reopen_and_update(root: Path) -> search.IndexStats:
    archive = loader.load_archive(root)
    location = search.IndexLocation(search.cache_index_path(archive.root))
    with search.SearchIndex.open(location) as index:
        return index.update(archive)


@pytest.mark.parametrize(
    "change",
    [
        "rewritten in place, same size",
        "renamed, same size and time",
        "record.toml touched",
        "scan replaced",
        "scan added",
    ],
)
def test_reopening_detects_each_kind_of_change_to_a_record(archive_root: Path, change: str) -> None:
    (archive_root / "1962-memo" / "scan.pdf").write_bytes(b"%PDF stand-in")
    build(archive_root).close()
    assert _reopen_and_update(archive_root).updated == 0  # nothing changed: nothing re-read
    folder = archive_root / "1925-fr"
    transcript = folder / "transcript.fr.txt"
    before = transcript.stat()
    if change == "rewritten in place, same size":
        # What `cp` over the file or an editor saving in place does: the folder's time stays.
        folder_time = folder.stat().st_mtime_ns
        text = transcript.read_text(encoding="utf-8").replace("café", "thés")
        transcript.write_text(text, encoding="utf-8")
        os.utime(transcript, ns=(before.st_atime_ns, before.st_mtime_ns + 1))  # 1 ns later
        assert transcript.stat().st_size == before.st_size
        assert folder.stat().st_mtime_ns == folder_time
    elif change == "renamed, same size and time":
        transcript.rename(folder / "transcript.de.txt")  # another language: another facet
    elif change == "record.toml touched":
        record = folder / "record.toml"
        os.utime(record, ns=(record.stat().st_atime_ns, record.stat().st_mtime_ns + 10**9))
    elif change == "scan replaced":
        (archive_root / "1962-memo" / "scan.pdf").write_bytes(b"%PDF another stand-in")
    else:
        (folder / "scan.pdf").write_bytes(b"%PDF stand-in")
    stats = _reopen_and_update(archive_root)
    assert (stats.updated, stats.added, stats.removed) == (1, 0, 0)
    assert stats.unchanged == 3


def test_fingerprint_is_the_digest_indexes_already_hold(tmp_path: Path) -> None:
    """A new way of computing fingerprints must give the same digests: any other digest makes
    every existing index re-read every record once."""
    folder = write_record(tmp_path, "fixed", "Fixed", "Text.")
    os.utime(folder / "record.toml", ns=(1, 1_000_000_001))
    os.utime(folder / "transcript.en.txt", ns=(1, 2_000_000_002))
    (record,) = loader.load_archive(folder).good_records()
    toml, text = (folder / "record.toml").stat().st_size, (folder / "transcript.en.txt").stat()
    expected = hashlib.blake2b(
        f"record.toml\x00{toml}\x001000000001\n"
        f"transcript.en.txt\x00{text.st_size}\x002000000002".encode(),
        digest_size=16,
    ).hexdigest()
    assert source.fingerprints([record]) == [expected]
    (folder / "transcript.en.txt").unlink()
    missing = hashlib.blake2b(
        f"record.toml\x00{toml}\x001000000001\ntranscript.en.txt\x00missing".encode(),
        digest_size=16,
    ).hexdigest()
    assert source.fingerprint(record) == missing


def test_progress_is_reported_per_batch_and_cancel_stops(archive_root: Path) -> None:
    archive = loader.load_archive(archive_root)
    seen: list[tuple[int, int]] = []
    location = search.IndexLocation(search.cache_index_path(archive.root))
    with search.SearchIndex.open(location) as index:
        with pytest.raises(search.IndexCancelledError, match="after 0 of 4"):
            index.update(archive, cancelled=lambda: True)
        index.update(archive, progress=lambda done, total: seen.append((done, total)))
    assert seen == [(0, 4), (4, 4)]


def test_read_only_archive_is_indexed_into_the_cache(archive_root: Path, tmp_path: Path) -> None:
    before = sorted(p.name for p in archive_root.rglob("*"))
    archive_root.chmod(0o555)
    try:
        archive = loader.load_archive(archive_root)
        location = search.choose_location(archive)
        assert not location.read_only
        assert location.path.is_relative_to(tmp_path / "basedir" / "cache" / "index")
        with search.SearchIndex.open(location) as index:
            index.update(archive)
            assert index.search("ambassador").total == 1
    finally:
        archive_root.chmod(0o755)
    assert sorted(p.name for p in archive_root.rglob("*")) == before


def test_shipped_index_is_opened_read_only_when_current(archive_root: Path, tmp_path: Path) -> None:
    archive = loader.load_archive(archive_root)
    shipped = archive_root / search.SHIPPED_INDEX_NAME
    search.export_index(archive, shipped, cache_dir=tmp_path / "publisher-cache")
    location = search.choose_location(archive)
    assert location == search.IndexLocation(shipped.resolve(), read_only=True)
    with search.SearchIndex.open(location) as index:
        assert ids(index.search('"information bureau"')) == ["1949-telegram"]
        with pytest.raises(search.IndexReadOnlyError):
            index.update(archive)
    assert not list(archive_root.glob("index.sqlite-*"))
    assert not (tmp_path / "basedir" / "cache" / "index").exists()


def test_outdated_shipped_index_falls_back_to_cache_unless_trusted(
    archive_root: Path, tmp_path: Path
) -> None:
    archive = loader.load_archive(archive_root)
    shipped = archive_root / search.SHIPPED_INDEX_NAME
    search.export_index(archive, shipped, cache_dir=tmp_path / "publisher-cache")
    write_record(archive_root, "late-addition", "Added after publishing", "Text.")
    changed = loader.load_archive(archive_root)
    assert search.choose_location(changed) == search.IndexLocation(
        search.cache_index_path(changed.root)
    )
    kiosk = search.choose_location(changed, trust_shipped=True)
    assert kiosk.read_only


def test_damaged_cache_index_is_rebuilt(archive_root: Path) -> None:
    archive = loader.load_archive(archive_root)
    path = search.cache_index_path(archive.root)
    path.parent.mkdir(parents=True)
    path.write_bytes(b"this is not a database" * 100)
    with search.SearchIndex.open(search.IndexLocation(path)) as index:
        index.update(archive)
        assert index.search("ambassador").total == 1


def test_damaged_shipped_index_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "index.sqlite"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(search.IndexUnavailableError, match="cannot be opened"):
        search.SearchIndex.open(search.IndexLocation(path, read_only=True))


def test_index_from_a_newer_viewer_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "index.sqlite"
    connection = sqlite3.connect(path)
    connection.execute(f"PRAGMA user_version = {search.SCHEMA_VERSION + 1}")
    connection.close()
    with pytest.raises(search.IndexUnavailableError, match="newer version"):
        search.SearchIndex.open(search.IndexLocation(path, read_only=True))


def test_schema_version_is_recorded(archive_root: Path) -> None:
    with build(archive_root) as index:
        path = index.location.path
    connection = sqlite3.connect(path)
    assert connection.execute("PRAGMA user_version").fetchone()[0] == search.SCHEMA_VERSION
    connection.close()


def test_missing_fts5_is_reported_plainly(monkeypatch: pytest.MonkeyPatch) -> None:
    class NoFts(sqlite3.Connection):
        def execute(self, sql: str, *args: object) -> sqlite3.Cursor:
            if "fts5" in sql:
                raise sqlite3.OperationalError("no such module: fts5")
            return super().execute(sql, *args)  # type: ignore[arg-type]

    real_connect = sqlite3.connect
    monkeypatch.setattr(sqlite3, "connect", lambda *a, **k: real_connect(*a, **k, factory=NoFts))
    with pytest.raises(search.FtsUnavailableError, match="without full-text search"):
        search.check_fts5()


def test_cache_path_honours_basedir(tmp_path: Path) -> None:
    path = search.cache_index_path(tmp_path / "somewhere")
    assert path.parent == tmp_path / "basedir" / "cache" / "index"
    assert path.suffix == ".sqlite"
    assert path == search.cache_index_path(tmp_path / "somewhere")
    assert path != search.cache_index_path(tmp_path / "elsewhere")


def test_fold_keeps_length_and_removes_marks_but_not_short_i() -> None:
    text = "Ёлка Łódź Øresund йод Ἀθῆναι"
    assert fold(text) == "Елка Lodz Oresund йод Αθηναι"
    assert len(fold(text)) == len(text)


def test_find_in_text_uses_the_index_rules() -> None:
    text = "Ёлка у Кремля. Café crème; the Soviet-U.S. talks. CAFE again."

    def found(query: str) -> list[str]:
        return [text[start:end] for start, end in find_in_text(text, query)]

    assert found("елка") == ["Ёлка"]
    assert found("кремл*") == ["Кремля"]
    assert found("cafe") == ["Café", "CAFE"]
    assert found('"soviet u s"') == ["Soviet-U.S"]
    assert found("talks NOT cafe") == ["talks"]
    assert found("nothing") == []
    assert found('"') == []


def test_find_in_text_offsets_survive_private_use_characters() -> None:
    text = f"{S}marker{E} and a word"
    assert find_in_text(text, "word") == [(len(text) - 4, len(text))]


def test_domain_search_never_loads_qt() -> None:
    import subprocess
    import sys

    code = (
        "import sys; import viewer.domain.search, viewer.domain.search_query; "
        "print(any(m.startswith('PySide6') for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@pytest.mark.corpus
def test_corpus_records_are_found_by_known_phrases(corpus: Path, tmp_path: Path) -> None:
    root = tmp_path / "corpus-archive"
    jfk = corpus / "records" / "jfk-ocr"
    for name in ("104-10006-10247", "104-10092-10340"):
        text = (jfk / f"{name}.txt").read_text(encoding="utf-8")
        write_record(root, name, f"JFK record {name}", text, date="1962")
    cable = (corpus / "records" / "state-cables" / "filename_1738525409284.qmd").read_text(
        encoding="utf-8"
    )
    title = re.search(r'^title: "(.*)"', cable, re.MULTILINE)
    assert title is not None
    write_record(root, "cable-1979", title.group(1), cable, date="1979-07-31")
    write_record(root, "seed", "Telegram", "", date="1949-05-18")
    seed = (corpus / "records" / "wilson-center" / "wc_seed_1949-05-18_full.txt").read_text(
        encoding="utf-8"
    )
    (root / "seed" / "transcript.en.txt").write_text(seed, encoding="utf-8")
    with build(root) as index:
        assert ids(index.search('"name check and consolidation request"')) == ["104-10006-10247"]
        assert sorted(ids(index.search('"assassination records act"'))) == [
            "104-10006-10247",
            "104-10092-10340",
        ]
        assert ids(index.search("coca bolivia")) == ["cable-1979"]
        assert ids(index.search('"Chinese-Korean talks"')) == ["seed"]
        assert ids(index.search("informbyuro")) == ["seed"]
        hit = index.search("Peru").hits[0]
    assert hit.record_id == "cable-1979"
    assert hit.title_marked.startswith(f"{S}Peru{E} Coca")


def test_known_change_is_reindexed_without_walking_the_archive(archive_root: Path) -> None:
    with build(archive_root) as index:
        pass
    (archive_root / "1962-memo" / "transcript.en.txt").write_text("Numbats.", encoding="utf-8")
    for path in (archive_root / "1925-fr").iterdir():
        path.unlink()
    (archive_root / "1925-fr").rmdir()
    # Changed too, but not named: update_records must leave it alone.
    (archive_root / "1920-ru" / "transcript.ru.txt").write_text("Вомбаты.", encoding="utf-8")
    archive = loader.load_archive(archive_root)
    location = search.IndexLocation(search.cache_index_path(archive.root))
    with search.SearchIndex.open(location) as index:
        stats = index.update_records(archive, ["1962-memo", "1925-fr"])
        assert (stats.added, stats.updated, stats.removed, stats.unchanged) == (0, 1, 1, 2)
        assert ids(index.search("numbats")) == ["1962-memo"]
        assert index.search("ambassador").total == 0
        assert index.search("café").total == 0
        assert index.search("вомбаты").total == 0
        assert ids(index.search("кремле")) == ["1920-ru"]
        assert index.update(archive).updated == 1


def test_query_in_most_records_is_ranked_on_a_sample_with_exact_total_and_pages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "archive"
    for number in range(9):
        write_record(root, f"rec-{number}", f"Record {number}", f"Common words, then word{number}.")
    monkeypatch.setattr(search.reading, "RANK_SAMPLE", 3)
    with build(root) as index:
        first = index.search("common", limit=4)
        assert (first.sampled, first.total, len(first.hits)) == (True, 9, 4)
        assert first.facets.decades == ((1940, 9),)
        pages = first.hits + index.search("common", limit=4, offset=4).hits
        pages += index.search("common", limit=4, offset=8).hits
        assert sorted(hit.record_id for hit in pages) == [f"rec-{n}" for n in range(9)]
        rare = index.search("word4 OR common", limit=4)
        assert (rare.sampled, rare.total, rare.hits[0].record_id) == (False, 9, "rec-4")
        assert not index.search("word4").sampled


def test_facet_filtered_ranking_agrees_with_listed_and_joined_rows(
    archive_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    query = "cooperation OR кремле OR café"
    with build(archive_root) as index:
        listed = index.search(query, search.Filters(decade=1920))
        monkeypatch.setattr(search.reading, "_LISTED", 0)
        index.clear_cache()
        joined = index.search(query, search.Filters(decade=1920))
        language = index.search(query, search.Filters(language="ru"))
    assert sorted(ids(listed)) == ["1920-ru", "1925-fr"]
    assert ids(joined) == ids(listed)
    assert [hit.score for hit in joined.hits] == [hit.score for hit in listed.hits]
    assert ids(language) == ["1920-ru"]


def test_search_sees_records_another_connection_indexed(archive_root: Path) -> None:
    with build(archive_root) as reader:
        assert reader.search("wombats").total == 0
        assert reader.search("cooperation").facets.collections == (
            ("Telegrams", 1),
            ("Memoranda", 1),
        )
        write_record(archive_root, "new-one", "Fresh record", "Wombats and cooperation.")
        archive = loader.load_archive(archive_root)
        with search.SearchIndex.open(reader.location) as writer:
            writer.update(archive)
        assert ids(reader.search("wombats")) == ["new-one"]
        assert dict(reader.search("cooperation").facets.collections) == {
            "Telegrams": 2,
            "Memoranda": 1,
        }


def _downgrade_to_schema_1(path: Path) -> None:
    """Make `path` look like a file written by the first version: 2-letter prefixes only."""
    connection = sqlite3.connect(path)
    connection.create_function("fold", 1, fold)
    connection.executescript(
        "DROP TABLE fts;"
        "ALTER TABLE documents DROP COLUMN machine_text;"
        "ALTER TABLE records DROP COLUMN has_machine_text;"
        "CREATE VIRTUAL TABLE fts USING fts5(title, summary, metadata, body, scan_text, "
        "content='documents', content_rowid='rowid', "
        "tokenize='unicode61 remove_diacritics 2', prefix='2');"
        "INSERT INTO fts(rowid, title, summary, metadata, body, scan_text) SELECT rowid, "
        "fold(title), fold(summary), fold(metadata), fold(body), fold(scan_text) FROM documents;"
        "PRAGMA user_version = 1;"
    )
    connection.close()


def _fts_sql(path: Path) -> str:
    connection = sqlite3.connect(path)
    try:
        return str(
            connection.execute("SELECT sql FROM sqlite_master WHERE name = 'fts'").fetchone()[0]
        )
    finally:
        connection.close()


def test_schema_1_cache_is_migrated_to_three_letter_prefixes(archive_root: Path) -> None:
    with build(archive_root) as index:
        path = index.location.path
    _downgrade_to_schema_1(path)
    assert "prefix='2'" in _fts_sql(path)
    with search.SearchIndex.open(search.IndexLocation(path)) as index:
        assert ids(index.search("mem*")) == ["1962-memo"]
        assert ids(index.search("ёлк*")) == ["1920-ru"]
        assert index.update(loader.load_archive(archive_root)).unchanged == 4
    assert "prefix='2 3'" in _fts_sql(path)
    connection = sqlite3.connect(path)
    assert connection.execute("PRAGMA user_version").fetchone()[0] == search.SCHEMA_VERSION
    connection.close()


def test_shipped_index_of_schema_1_is_searched_as_it_is(archive_root: Path, tmp_path: Path) -> None:
    archive = loader.load_archive(archive_root)
    shipped = tmp_path / "index.sqlite"
    search.export_index(archive, shipped, cache_dir=tmp_path / "publisher-cache")
    _downgrade_to_schema_1(shipped)
    with search.SearchIndex.open(search.IndexLocation(shipped, read_only=True)) as index:
        assert ids(index.search("mem*")) == ["1962-memo"]
    assert "prefix='2'" in _fts_sql(shipped)
