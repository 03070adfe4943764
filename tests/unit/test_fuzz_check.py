"""A short seeded fuzzing run of `check` over mutated PDFs and record.toml files (tools/fuzz.py
runs the long one): every input answered with problems naming a file, no crash, no hang."""

from __future__ import annotations

import importlib.util
import os
import random
import subprocess
import sys
import time
from pathlib import Path
from types import ModuleType

REPO = Path(__file__).resolve().parent.parent.parent


def _tool(name: str) -> ModuleType:
    sys.path.insert(0, str(REPO / "tools"))
    try:
        spec = importlib.util.spec_from_file_location(name, REPO / "tools" / f"{name}.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module  # its dataclasses look their module up
        spec.loader.exec_module(module)
        return module
    finally:
        sys.path.remove(str(REPO / "tools"))


def test_mutated_inputs_never_crash_or_hang_check(tmp_path: Path) -> None:
    fuzz = _tool("fuzz")
    outcome = fuzz.run(400, seed=19, budget=5.0, limit=20.0, deadline=time.monotonic() + 6)
    assert outcome.tried >= 50
    assert outcome.crashes == []
    assert outcome.hangs == []
    # The mutations are not all harmless: many are refused, and said to be.
    assert outcome.errors > 0


def test_the_command_answers_mutated_archives_with_a_status_and_named_files(
    tmp_path: Path,
) -> None:
    hostile = _tool("hostile")
    rng = random.Random(18)
    seed_pdf = hostile.text_pdf(tmp_path / "seed.pdf").read_bytes()
    for number in range(4):
        folder = tmp_path / f"archive-{number}" / "record"
        folder.mkdir(parents=True)
        (folder / "record.toml").write_bytes(
            hostile.mutate(hostile.RECORD_SEED.encode(), rng)
            if number % 2
            else hostile.RECORD_SEED.encode()
        )
        (folder / "scan.pdf").write_bytes(hostile.mutate(seed_pdf, rng, 12))
        (folder / "transcript.en.txt").write_text("text", encoding="utf-8")
        result = subprocess.run(
            [sys.executable, "-m", "viewer", "check", str(folder.parent)],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
            env={**os.environ, "PYTHONPATH": str(REPO)},
        )
        assert result.returncode in (0, 1), result.stderr
        assert "Traceback" not in result.stdout + result.stderr
        problems = [line for line in result.stdout.splitlines() if line.startswith("error")]
        assert (result.returncode == 1) == bool(problems)
        for line in problems:
            assert "record/record.toml: " in line or "record/scan.pdf: " in line, line
