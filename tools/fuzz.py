"""Fuzzing `archive-viewer check` with mutated PDFs and record.toml files.

    python tools/fuzz.py --inputs 2000 --seed 1

Each input is a record folder whose record.toml, scan PDF, or both are seed files with random
mutations (byte flips, insertions, cuts, repeated runs, TOML and PDF tokens). `check` must answer
every one with problems that name a file, never a traceback and never a hang. Printed at the
end: inputs tried, crashes (an exception out of `check`, a bug reported as "unexpected error",
or a PDF that crashed MuPDF in the checking process) and hangs (a page over its time budget, or
a check over the overall limit), with the first examples of each kept in --keep.
"""

from __future__ import annotations

import argparse
import random
import shutil
import signal
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import hostile

from viewer.domain import check
from viewer.domain.check_process import PdfProbe


@dataclass
class Outcome:
    """What the inputs gave."""

    tried: int = 0
    errors: int = 0
    """Inputs `check` refused with an error (the expected answer to most mutations)."""
    crashes: list[str] = field(default_factory=list)
    hangs: list[str] = field(default_factory=list)


class _TooLateError(Exception):
    pass


def _alarm(signum: int, frame: FrameType | None) -> None:
    raise _TooLateError


def seeds(folder: Path) -> list[bytes]:
    """The PDFs mutated: a text PDF, a JPEG named .pdf, a shallow nested-XObject PDF."""
    return [
        hostile.text_pdf(folder / "seed-text.pdf", pages=3).read_bytes(),
        hostile.jpeg(folder / "seed-jpeg.pdf").read_bytes(),
        hostile.slow_pdf(folder / "seed-nested.pdf", depth=3, fan=4).read_bytes(),
    ]


def run(
    count: int,
    seed: int = 1,
    budget: float = 5.0,
    limit: float = 30.0,
    keep: Path | None = None,
    deadline: float | None = None,
) -> Outcome:
    """Check `count` mutated inputs (fewer if `deadline`, a `time.monotonic()`, passes)."""
    rng = random.Random(seed)
    outcome = Outcome()
    previous = signal.signal(signal.SIGALRM, _alarm)
    with tempfile.TemporaryDirectory(prefix="fuzz-") as tmp, PdfProbe(budget) as probe:
        work = Path(tmp)
        pdfs = seeds(work)
        for number in range(count):
            if deadline is not None and time.monotonic() > deadline:
                break
            folder = work / f"input-{number}" / "record"
            folder.mkdir(parents=True)
            target = rng.choices(("pdf", "toml", "both"), weights=(5, 3, 2))[0]
            toml = hostile.RECORD_SEED.encode()
            if target != "pdf":
                toml = hostile.mutate(toml, rng)
            pdf = rng.choice(pdfs)
            if target != "toml":
                pdf = hostile.mutate(pdf, rng)
            (folder / "record.toml").write_bytes(toml)
            (folder / "scan.pdf").write_bytes(pdf)
            (folder / "transcript.en.txt").write_text("A transcript.", encoding="utf-8")
            outcome.tried += 1
            problem = _check_one(folder.parent, probe, limit)
            if problem is None:
                pass
            elif problem.startswith("hang"):
                outcome.hangs.append(f"input {number}: {problem}")
            elif problem.startswith("error"):
                outcome.errors += 1
            else:
                outcome.crashes.append(f"input {number}: {problem}")
            if problem and not problem.startswith("error") and keep is not None:
                keep.mkdir(parents=True, exist_ok=True)
                shutil.copytree(folder, keep / f"input-{number}", dirs_exist_ok=True)
            shutil.rmtree(folder.parent)
    signal.signal(signal.SIGALRM, previous)
    return outcome


def _check_one(root: Path, probe: PdfProbe, limit: float) -> str | None:
    """None (no error), "error", or what went wrong: "hang: ...", "crash: ..."."""
    original = check.check_pdf
    signal.setitimer(signal.ITIMER_REAL, limit)
    try:
        check.check_pdf = lambda path, password=None: original(path, password, probe)  # type: ignore[assignment]
        problems = check.check_path(root)
    except _TooLateError:
        return f"hang: check took longer than {limit:g} s"
    except BaseException:  # anything escaping check is a crash of the command
        return "crash: " + traceback.format_exc(limit=-3).strip().replace("\n", " | ")
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        check.check_pdf = original
    for item in problems:
        if not str(item.path).startswith(str(root)):
            return f"crash: a problem names a file outside the input: {item.line()}"
        if "unexpected error" in item.message or "makes MuPDF crash" in item.message:
            return f"crash: {item.line(root)}"
        if "takes longer than" in item.message:
            return f"hang: {item.line(root)}"
    return "error" if check.has_errors(problems) else None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--inputs", type=int, default=2000, help="how many inputs to try")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--budget", type=float, default=5.0, help="seconds per page")
    parser.add_argument("--keep", type=Path, help="copy crashing and hanging inputs here")
    args = parser.parse_args()
    start = time.monotonic()
    outcome = run(args.inputs, args.seed, args.budget, keep=args.keep)
    elapsed = time.monotonic() - start
    print(f"inputs tried: {outcome.tried} in {elapsed:.1f} s (seed {args.seed})")
    print(f"refused with an error: {outcome.errors}")
    print(f"crashes: {len(outcome.crashes)}")
    print(f"hangs: {len(outcome.hangs)}")
    for line in (outcome.crashes + outcome.hangs)[:20]:
        print("  " + line)
    return 1 if outcome.crashes or outcome.hangs else 0


if __name__ == "__main__":
    sys.exit(main())
