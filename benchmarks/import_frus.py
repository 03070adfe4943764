"""FRUS TEI benchmark: read a whole volume into records, against a bare parse of the same file.

Figures (medians of N runs): `parse_ms` the file parsed by the standard library's ElementTree
alone (the floor: no record made, nothing written); `read_cold_ms` the viewer's reader on an
empty work folder (every transcript written); `read_warm_ms` again on the same work folder
(transcripts unchanged, so only compared); `per_document_ms` the warm read per record.

Usage: .venv/bin/python benchmarks/import_frus.py [VOLUME.xml] [--runs N]

The default volume is the corpus's frus1918Russiav03.xml (478 documents). The goal is a volume
of several hundred documents in under 5 s. The last line printed is JSON.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path
from xml.etree import ElementTree

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from viewer.domain.formats import frus_tei  # noqa: E402

DEFAULT = REPO.parent / "shared" / "corpus" / "imports" / "frus" / "frus1918Russiav03.xml"


def _ms(seconds: float) -> float:
    return round(seconds * 1000, 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("volume", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    if not args.volume.is_file():
        sys.exit(f"{args.volume}: no such file (give a FRUS TEI volume)")
    parse, cold, warm = [], [], []
    records = 0
    for _ in range(args.runs):
        start = time.perf_counter()
        ElementTree.parse(args.volume)
        parse.append(time.perf_counter() - start)
        with tempfile.TemporaryDirectory() as work:
            start = time.perf_counter()
            volume = frus_tei.read(args.volume, work_root=Path(work))
            cold.append(time.perf_counter() - start)
            start = time.perf_counter()
            frus_tei.read(args.volume, work_root=Path(work))
            warm.append(time.perf_counter() - start)
        records = len(volume.records)
    figures = {
        "volume": args.volume.name,
        "records": records,
        "parse_ms": _ms(statistics.median(parse)),
        "read_cold_ms": _ms(statistics.median(cold)),
        "read_warm_ms": _ms(statistics.median(warm)),
        "per_document_ms": round(statistics.median(warm) * 1000 / max(records, 1), 3),
    }
    print(f"{records} documents from {args.volume.name}")
    print(f"  bare ElementTree parse  {figures['parse_ms']:8.1f} ms")
    print(f"  read, cold work folder  {figures['read_cold_ms']:8.1f} ms")
    print(f"  read again (warm)       {figures['read_warm_ms']:8.1f} ms")
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
