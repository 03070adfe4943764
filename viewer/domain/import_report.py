"""What an import did (or would do): a report per record and for the whole, and its lines as
people read them."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class RecordReport:
    """What became of one source record."""

    id: str
    title: str
    folder: str
    """DEST's record folder, relative to DEST."""
    fields: tuple[str, ...]
    """The record.toml keys written."""
    inferred: tuple[str, ...]
    """The fields the source's format guessed."""
    files: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    """Files the source names that are not there (left out of the record)."""
    notes: list[str] = field(default_factory=list)


@dataclass
class Report:
    """What an import did (or, with `dry_run`, would do)."""

    source: Path
    dest: Path
    format: str
    dry_run: bool
    records: list[RecordReport] = field(default_factory=list)
    not_imported: list[tuple[str, str]] = field(default_factory=list)
    """(source record, reason) for what the source's format could not read."""
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    """Files the curator changed since the last import: kept, not overwritten."""
    removed: list[str] = field(default_factory=list)
    """Files the last import wrote that the source no longer gives (unchanged by the curator)."""
    renamed_ids: list[tuple[str, str]] = field(default_factory=list)
    """(id in the source, id written) where ids clashed or could not be used."""

    def missing(self) -> list[tuple[str, str]]:
        """(record id, file) for every file the source names but does not have."""
        return [(r.id, m) for r in self.records for m in r.missing]

    def field_counts(self) -> dict[str, int]:
        """How many records got each record.toml key."""
        counts: dict[str, int] = {}
        for record in self.records:
            for key in record.fields:
                counts[key] = counts.get(key, 0) + 1
        return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))

    def inferred_counts(self) -> dict[str, int]:
        """How many records had each field guessed."""
        counts: dict[str, int] = {}
        for record in self.records:
            for key in record.inferred:
                counts[key] = counts.get(key, 0) + 1
        return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def report_lines(report: Report) -> list[str]:
    """The report as people read it, a line each."""
    lines: list[str] = []
    verb = "Would import" if report.dry_run else "Imported"
    count = len(report.records)
    lines.append(
        f"{verb} {count} record{'s' * (count != 1)} from {report.source} ({report.format}) "
        f"into {report.dest}"
    )
    fields = ", ".join(f"{k} {v}" for k, v in report.field_counts().items())
    if fields:
        lines.append(f"  fields: {fields}")
    guessed = ", ".join(f"{k} {v}" for k, v in report.inferred_counts().items())
    if guessed:
        lines.append(f"  guessed (marked as inferred): {guessed}")
    found = sum(len(r.files) for r in report.records)
    missing = report.missing()
    lines.append(f"  files found: {found}; missing: {len(missing)}")
    for record_id, name in missing:
        lines.append(f"    missing: {record_id}: {name}")
    for where, reason in report.not_imported:
        lines.append(f"  not imported: {where}: {reason}")
    for old, new in report.renamed_ids:
        lines.append(f"  id {old!r} written as {new!r} (ids must be unique and plain)")
    for name in report.kept:
        lines.append(f"  kept your edit: {name} (the source's version is not written)")
    notes = sorted({note for r in report.records for note in r.notes})
    for note in notes:
        lines.append(f"  note: {note}")
    changes = (
        f"added {len(report.added)}, updated {len(report.updated)}, "
        f"unchanged {len(report.unchanged)}, removed {len(report.removed)}, "
        f"kept {len(report.kept)}"
    )
    lines.append(f"  files {changes}")
    return lines
