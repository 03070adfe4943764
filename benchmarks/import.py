"""Import benchmark: time per record to read a source and write it as an archive.

Sources: a generated 1,000-item Zotero RDF export (each item with a one-page PDF attachment in
the export's `files/` folder, a note and three names), the same items as CSL-JSON and as RIS,
and any path given on the command line (a FRUS TEI volume, a Tropy export, a folder of scans:
whatever a registered format reads). For each: the read (the format alone), the write (copying
every attachment, hashing it, moving DEST into place), a re-import of the unchanged source,
and, as the floor, a bare `shutil.copyfile` of the same attachments.

Usage: .venv/bin/python benchmarks/import.py [--items N] [--runs R] [SOURCE ...]
The last line printed is JSON.
"""

from __future__ import annotations

import argparse
import html
import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from viewer.domain import formats, writer  # noqa: E402

_HEADER = """<rdf:RDF
 xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
 xmlns:z="http://www.zotero.org/namespaces/export#"
 xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:dcterms="http://purl.org/dc/terms/"
 xmlns:bib="http://purl.org/net/biblio#"
 xmlns:foaf="http://xmlns.com/foaf/0.1/"
 xmlns:link="http://purl.org/rss/1.0/modules/link/">
"""


def _person(role: str, family: str, given: str) -> str:
    return (
        f"<{role}><rdf:Seq><rdf:li><foaf:Person><foaf:surname>{family}</foaf:surname>"
        f"<foaf:givenName>{given}</foaf:givenName></foaf:Person></rdf:li></rdf:Seq></{role}>"
    )


def generate(folder: Path, items: int) -> dict[str, Path]:
    """A Zotero RDF export with attachments, and the same items as CSL-JSON and RIS."""
    import pymupdf

    folder.mkdir(parents=True)
    doc = pymupdf.open()
    doc.new_page().insert_text((72, 72), "Telegram. " * 40)
    sample = folder / "sample.pdf"
    doc.save(sample)
    rdf = [_HEADER]
    csl = []
    ris = []
    for n in range(items):
        title = f"Telegram {n} from the embassy on talks about trade"
        date = f"19{40 + n % 50}-0{1 + n % 9}-1{n % 9}"
        pdf = folder / "files" / str(n) / f"Telegram {n}.pdf"
        pdf.parent.mkdir(parents=True)
        shutil.copyfile(sample, pdf)
        rdf.append(
            f'<bib:Letter rdf:about="#item_{n}"><z:itemType>letter</z:itemType>'
            f"<dc:title>{title}</dc:title><dc:date>{date}</dc:date>"
            + _person("bib:authors", "Kovalev", "Ivan")
            + _person("z:recipients", "Stalin", "Joseph")
            + _person("z:translators", "Goldberg", "Gary")
            + "<z:archive>AP RF</z:archive><dc:coverage>F. 4. Op. 1</dc:coverage>"
            "<z:language>Russian</z:language><dc:subject>Korean War</dc:subject>"
            f'<link:link rdf:resource="#att_{n}"/>'
            f'<dcterms:isReferencedBy rdf:resource="#note_{n}"/></bib:Letter>\n'
            f'<z:Attachment rdf:about="#att_{n}"><z:itemType>attachment</z:itemType>'
            f'<z:path rdf:resource="files/{n}/Telegram%20{n}.pdf"/>'
            "<link:type>application/pdf</link:type></z:Attachment>\n"
            f'<bib:Memo rdf:about="#note_{n}"><rdf:value>'
            f"{html.escape('<p>Read in the reading room.</p>')}</rdf:value></bib:Memo>\n"
        )
        csl.append(
            {
                "id": f"item-{n}",
                "type": "personal_communication",
                "title": title,
                "issued": {"date-parts": [[int(p) for p in date.split("-")]]},
                "author": [{"family": "Kovalev", "given": "Ivan"}],
                "recipient": [{"family": "Stalin", "given": "Joseph"}],
                "archive": "AP RF",
                "archive_location": "F. 4. Op. 1",
                "language": "Russian",
            }
        )
        ris.append(
            f"TY  - LETTER\nTI  - {title}\nAU  - Kovalev, Ivan\nDA  - {date.replace('-', '/')}/\n"
            f"AV  - AP RF, F. 4. Op. 1\nLA  - Russian\nL1  - files/{n}/Telegram {n}.pdf\nER  - \n"
        )
    rdf.append("</rdf:RDF>\n")
    sample.unlink()
    (folder / "Library.rdf").write_text("".join(rdf), encoding="utf-8")
    csl_folder = folder.parent / "csl"
    csl_folder.mkdir()
    (csl_folder / "library.json").write_text(json.dumps(csl), encoding="utf-8")
    ris_folder = folder.parent / "ris"
    ris_folder.mkdir()
    (ris_folder / "library.ris").write_text("".join(ris), encoding="utf-8")
    (ris_folder / "files").symlink_to(folder / "files")
    return {
        "zotero-rdf": folder / "Library.rdf",
        "csl-json": csl_folder / "library.json",
        "ris": ris_folder / "library.ris",
    }


def _median_ms(times: list[float]) -> float:
    return round(statistics.median(times) * 1000, 1)


def measure(name: str, source: Path, work: Path, runs: int) -> dict[str, object]:
    fmt = formats.detect(source)
    reads, writes, reimports, copies = [], [], [], []
    records = 0
    for run in range(runs):
        start = time.perf_counter()
        data = fmt.read(source, None)
        reads.append(time.perf_counter() - start)
        records = len(data.records)
        dest = work / f"{name}-{run}"
        start = time.perf_counter()
        writer.import_archive(data, dest, format_name=fmt.name)
        writes.append(time.perf_counter() - start)
        start = time.perf_counter()
        writer.import_archive(fmt.read(source, None), dest, format_name=fmt.name)
        reimports.append(time.perf_counter() - start)
        files = [
            s.path
            for r in data.good_records()
            for s in r.scans
            if s.path.is_file() and not s.images
        ]
        floor = work / f"{name}-{run}-copy"
        floor.mkdir()
        start = time.perf_counter()
        for index, path in enumerate(files):
            shutil.copyfile(path, floor / f"{index}{path.suffix}")
        copies.append(time.perf_counter() - start)
        shutil.rmtree(dest)
        shutil.rmtree(floor)
    per = max(records, 1)
    return {
        "source": name,
        "format": fmt.name,
        "records": records,
        "read_ms": _median_ms(reads),
        "write_ms": _median_ms(writes),
        "reimport_ms": _median_ms(reimports),
        "bare_copy_ms": _median_ms(copies),
        "read_ms_per_record": round(_median_ms(reads) / per, 3),
        "import_ms_per_record": round((_median_ms(reads) + _median_ms(writes)) / per, 3),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sources", nargs="*", type=Path, metavar="SOURCE")
    parser.add_argument("--items", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    options = parser.parse_args()
    results = []
    with tempfile.TemporaryDirectory(prefix="import-bench-") as tmp:
        work = Path(tmp)
        sources = generate(work / "zotero", options.items)
        sources.update({path.name: path for path in options.sources})
        for name, source in sources.items():
            try:
                result = measure(name, source, work, options.runs)
            except Exception as exc:  # a source no format reads: say so, go on
                print(f"{name}: {exc}")
                continue
            results.append(result)
            print(
                f"{name} ({result['format']}): {result['records']} records; "
                f"read {result['read_ms']} ms, write {result['write_ms']} ms, "
                f"re-import {result['reimport_ms']} ms (bare copy of the scans "
                f"{result['bare_copy_ms']} ms); {result['import_ms_per_record']} ms a record"
            )
    print(json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
