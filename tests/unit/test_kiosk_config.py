"""Kiosk configuration and PIN hash, and the kiosk's Qt-free logic: idle, PIN, touch, log."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from viewer import kiosk
from viewer.kiosk import admin, config, idle, touch, usage_log

REPO = Path(__file__).resolve().parents[2]
PIN_HASH = config.hash_pin("2468")


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "kiosk.toml"
    path.write_text(text, encoding="utf-8")
    return path


def good(samples: Path) -> str:
    return (
        f'archive = "{samples}"\nstart_record = "1949-05-18-telegram"\nadmin_pin = "{PIN_HASH}"\n'
    )


def problems(path: Path) -> list[str]:
    with pytest.raises(config.KioskConfigError) as caught:
        loaded = config.load_config(path)
        config.check_archive(loaded)
    return caught.value.problems


# -- the file -----------------------------------------------------------------------------------


def test_minimal_file_gets_the_documented_defaults(tmp_path: Path, samples: Path) -> None:
    loaded = config.load_config(write(tmp_path, good(samples)))
    assert loaded.archive == samples
    assert loaded.start_record == "1949-05-18-telegram"
    assert (loaded.idle_timeout, loaded.countdown, loaded.attract) == (120, 20, True)
    assert (loaded.text_size, loaded.large_text_size) == (14, 20)
    assert loaded.contrast is config.Contrast.NORMAL
    assert loaded.ui_language == "en"
    assert loaded.watchdog_timeout == 2
    assert loaded.actions == config.Actions(
        search=True, language_switch=True, copy_citation=True, print_allowed=False, printer=""
    )
    assert loaded.attract_records() == ("1949-05-18-telegram",)
    assert config.check_archive(loaded).find("1949-05-18-telegram") is not None


def test_example_file_refuses_to_start_until_its_pin_is_set() -> None:
    path = REPO / "resources" / "kiosk.example.toml"
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    data["archive"] = str(REPO / "samples")
    with pytest.raises(config.KioskConfigError) as caught:
        config.parse_config(data, path)
    assert caught.value.problems == [
        "admin_pin: not a PIN hash (not of the form scrypt$n$r$p$salt$hash). Make one with: "
        "python -m viewer.kiosk.config hash-pin"
    ]
    data["admin_pin"] = PIN_HASH
    loaded = config.parse_config(data, path)
    assert loaded.featured == ("1949-05-18-telegram", "specimen-bilingual")
    assert loaded.actions.print_allowed is False


def test_full_file_is_read_with_every_setting(tmp_path: Path, samples: Path) -> None:
    text = good(samples) + (
        "idle_timeout = 90\ncountdown = 10\nattract = false\n"
        'featured = ["specimen-card"]\nattract_card_seconds = 5\ntext_size = 16\n'
        'large_text_size = 24\ncontrast = "high"\nui_language = "ru"\nlayout = "stacked"\n'
        "watchdog_timeout = 5\nusage_log = false\n"
        "[actions]\nsearch = false\nlanguage_switch = false\ncopy_citation = false\n"
        'print = true\nprinter = "Reading_Room"\n'
    )
    loaded = config.load_config(write(tmp_path, text))
    assert (loaded.idle_timeout, loaded.countdown, loaded.attract) == (90, 10, False)
    assert loaded.featured == ("specimen-card",)
    assert loaded.attract_records() == ("specimen-card",)
    assert (loaded.text_size, loaded.large_text_size) == (16, 24)
    assert loaded.contrast is config.Contrast.HIGH
    assert (loaded.ui_language, loaded.layout, loaded.watchdog_timeout) == ("ru", "stacked", 5)
    assert loaded.usage_log is False
    assert loaded.actions == config.Actions(False, False, False, True, "Reading_Room")


def test_relative_archive_path_is_read_from_the_config_folder(
    tmp_path: Path, samples: Path
) -> None:
    (tmp_path / "archive").symlink_to(samples)
    text = good(samples).replace(f'"{samples}"', '"archive"')
    assert config.load_config(write(tmp_path, text)).archive == tmp_path / "archive"


def test_every_problem_is_reported_at_once_with_what_to_do(tmp_path: Path) -> None:
    text = (
        'archive = "/no/such/folder"\nadmin_pin = "1234"\nidle_timeout = 5\n'
        'contrast = "loud"\nidle_timout = 60\n[actions]\nprint = true\n'
    )
    found = problems(write(tmp_path, text))
    assert found == [
        "idle_timout: this setting does not exist. Did you mean idle_timeout?",
        "archive: /no/such/folder is not a folder. Check the path.",
        "start_record: missing. Set it to the id of the record visitors see first.",
        "admin_pin: holds the PIN itself; it must hold only the PIN's hash. Make one with: "
        "python -m viewer.kiosk.config hash-pin",
        "idle_timeout: must be a whole number of seconds from 15 to 3600, not 5.",
        "contrast: must be 'normal' or 'high', not 'loud'.",
        "actions.printer: printing is on but no printer is named. Set actions.printer to the "
        "name of the reading room's printer (lpstat -e lists them), or set actions.print = false.",
    ]


def test_error_message_names_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, "archive = 3\n")
    with pytest.raises(config.KioskConfigError) as caught:
        config.load_config(path)
    assert str(caught.value).startswith(f"{path}: the kiosk configuration cannot be used:\n  - ")


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("not toml [", "the file is not valid TOML: "),
        (None, "the file does not exist. Check the path."),
    ],
)
def test_unreadable_file_says_why(tmp_path: Path, text: str | None, problem: str) -> None:
    path = write(tmp_path, text) if text is not None else tmp_path / "missing.toml"
    with pytest.raises(config.KioskConfigError) as caught:
        config.load_config(path)
    assert caught.value.problems[0].startswith(problem)


def test_start_record_missing_from_the_archive_is_refused(tmp_path: Path, samples: Path) -> None:
    text = good(samples).replace("1949-05-18-telegram", "no-such-record") + 'featured = ["x"]\n'
    assert problems(write(tmp_path, text)) == [
        f"start_record: there is no record 'no-such-record' in {samples.resolve()} (its records "
        "include 1949-05-18-telegram, specimen-bilingual, specimen-card).",
        f"featured: there is no record 'x' in {samples.resolve()} (its records include "
        "1949-05-18-telegram, specimen-bilingual, specimen-card).",
    ]


def test_the_kiosk_check_reports_settings_records_and_language_in_one_run(
    tmp_path: Path, samples: Path
) -> None:
    text = good(samples).replace("1949-05-18-telegram", "no-such-record") + (
        'idle_timeout = 5\nui_language = "xx"\nfeatured = ["x"]\n[actions]\nsearch = "yes"\n'
    )
    path = write(tmp_path, text)
    with pytest.raises(config.KioskConfigError) as caught:
        kiosk.load(path)
    records = "1949-05-18-telegram, specimen-bilingual, specimen-card"
    found = caught.value.problems
    assert len(found) == 5
    assert found[:4] == [
        "idle_timeout: must be a whole number of seconds from 15 to 3600, not 5.",
        "actions.search: must be true or false, not 'yes'.",
        f"start_record: there is no record 'no-such-record' in {samples.resolve()} (its records "
        f"include {records}).",
        f"featured: there is no record 'x' in {samples.resolve()} (its records include {records}).",
    ]
    assert found[4].startswith("ui_language: there is no interface translation for 'xx'; use ")
    for problem in found:
        assert f"  - {problem}" in str(caught.value)


def test_damaged_pin_hash_is_refused(tmp_path: Path, samples: Path) -> None:
    text = good(samples).replace(PIN_HASH, PIN_HASH[:-8])
    assert problems(write(tmp_path, text))[0].startswith("admin_pin: not a PIN hash (")


def test_config_is_found_in_xdg_config_dirs_when_not_given(tmp_path: Path) -> None:
    folder = tmp_path / "xdg" / "archive-viewer"
    folder.mkdir(parents=True)
    (folder / "kiosk.toml").write_text("")
    env = {"XDG_CONFIG_DIRS": f"{tmp_path / 'none'}:{tmp_path / 'xdg'}"}
    found = config.find_config(None, env)
    assert found == folder / "kiosk.toml" or found == config.SYSTEM_CONFIG
    assert config.config_candidates(env)[0] == Path("/etc/archive-viewer/kiosk.toml")
    assert config.find_config(tmp_path / "given.toml", env) == tmp_path / "given.toml"


def test_no_config_anywhere_says_where_it_looked(tmp_path: Path) -> None:
    if config.SYSTEM_CONFIG.exists():
        pytest.skip("this machine has a system-wide kiosk configuration")
    with pytest.raises(config.KioskConfigError) as caught:
        config.find_config(None, {"XDG_CONFIG_DIRS": str(tmp_path)})
    assert "/etc/archive-viewer/kiosk.toml" in caught.value.problems[0]
    assert str(tmp_path / "archive-viewer" / "kiosk.toml") in caught.value.problems[0]


# -- the PIN ------------------------------------------------------------------------------------


def test_pin_hash_is_salted_scrypt_and_verifies_only_the_right_pin() -> None:
    parts = PIN_HASH.split("$")
    assert parts[:4] == ["scrypt", "16384", "8", "1"]
    assert config.hash_pin("2468") != PIN_HASH
    assert config.verify_pin("2468", PIN_HASH)
    assert not config.verify_pin("2469", PIN_HASH)
    assert not config.verify_pin("2468", "scrypt$2$1$1$AAAA$AAAA")
    with pytest.raises(ValueError, match="4 to 12 digits"):
        config.hash_pin("12a4")


def test_hash_pin_command_prints_a_line_for_the_config() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "viewer.kiosk.config", "hash-pin"],
        input="97531\n",
        capture_output=True,
        text=True,
        check=True,
        cwd=REPO,
    )
    line = done.stdout.strip()
    assert line.startswith('admin_pin = "scrypt$16384$8$1$')
    assert config.verify_pin("97531", line.split('"')[1])
    assert done.stderr == ""


# -- idle, PIN gate, taps, touch --------------------------------------------------------------


def test_idle_monitor_counts_down_then_rests_until_touched() -> None:
    clock = FakeClock()
    monitor = idle.IdleMonitor(clock, timeout=60, countdown=20)
    clock.now += 59.9
    assert monitor.tick() is None
    clock.now += 0.1
    assert monitor.tick() is idle.IdlePhase.COUNTDOWN
    assert monitor.seconds_left() == 20
    clock.now += 5.5
    assert monitor.tick() is None
    assert monitor.seconds_left() == 15
    clock.now += 14.5
    assert monitor.tick() is idle.IdlePhase.RESTING
    clock.now += 1000
    assert monitor.tick() is None
    assert monitor.touch() is idle.IdlePhase.RESTING
    assert monitor.phase is idle.IdlePhase.ACTIVE


def test_idle_monitor_jumps_straight_to_rest_after_a_long_gap() -> None:
    clock = FakeClock()
    monitor = idle.IdleMonitor(clock, timeout=60, countdown=20)
    clock.now += 500
    assert monitor.tick() is idle.IdlePhase.RESTING


def test_pin_gate_waits_longer_after_each_wrong_pin_past_three() -> None:
    clock = FakeClock()
    gate = admin.PinGate(PIN_HASH, clock)
    for _ in range(2):
        assert gate.try_pin("0000") is admin.PinResult.REJECTED
        assert gate.wait_left() == 0
    assert gate.try_pin("0000") is admin.PinResult.REJECTED
    assert gate.wait_left() == 5
    assert gate.try_pin("2468") is admin.PinResult.LOCKED
    clock.now += 5
    assert gate.try_pin("0000") is admin.PinResult.REJECTED
    assert gate.wait_left() == 10
    clock.now += 10
    assert gate.try_pin("2468") is admin.PinResult.ACCEPTED
    assert gate.failures == 0


def test_five_taps_within_three_seconds_make_the_gesture() -> None:
    clock = FakeClock()
    taps = admin.TapGesture(clock)
    results = []
    for _ in range(5):
        results.append(taps.tap())
        clock.now += 0.9
    assert results == [False, False, False, False, False]
    quick = admin.TapGesture(clock)
    results = []
    for _ in range(5):
        results.append(quick.tap())
        clock.now += 0.5
    assert results == [False, False, False, False, True]


@pytest.mark.parametrize(
    ("dx", "dy", "seconds", "expected"),
    [
        (-150, 10, 0.3, touch.Swipe.NEXT),
        (150, -20, 0.3, touch.Swipe.PREVIOUS),
        (-60, 0, 0.2, None),
        (-150, 100, 0.3, None),
        (-300, 0, 1.5, None),
    ],
)
def test_swipe_needs_a_quick_sideways_stroke(
    dx: float, dy: float, seconds: float, expected: touch.Swipe | None
) -> None:
    assert touch.swipe(dx, dy, seconds) is expected


# -- the usage log ------------------------------------------------------------------------------


def test_usage_log_keeps_minutes_ids_and_search_lengths_never_the_query(tmp_path: Path) -> None:
    when = dt.datetime(2025, 3, 4, 10, 17, 42, 5000, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    log = usage_log.UsageLog(tmp_path / "usage.jsonl", now=lambda: when)
    log.record_opened("1949-05-18-telegram")
    log.search("  Kim Il Sung  ", 7)
    log.reset("idle")
    lines = (tmp_path / "usage.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line) for line in lines] == [
        {
            "time": "2025-03-04T10:17+01:00",
            "event": "record_opened",
            "record": "1949-05-18-telegram",
        },
        {"time": "2025-03-04T10:17+01:00", "event": "search", "query_length": 11, "results": 7},
        {"time": "2025-03-04T10:17+01:00", "event": "reset", "reason": "idle"},
    ]
    assert "Kim" not in "".join(lines)
    assert usage_log.summary(list(usage_log.read_events(tmp_path / "usage.jsonl"))) == (
        "2025-03-04: 1 records opened, 1 searches\n      1  1949-05-18-telegram\n  resets: idle 1"
    )


def test_usage_log_default_path_is_in_the_data_dir(tmp_path: Path) -> None:
    assert usage_log.default_path() == tmp_path / "basedir" / "data" / "kiosk-usage.jsonl"


def test_kiosk_supervisor_and_config_never_load_qt() -> None:
    code = (
        "import sys\n"
        "import viewer.kiosk, viewer.kiosk.config, viewer.kiosk.supervisor\n"
        "import viewer.kiosk.usage_log, viewer.kiosk.admin, viewer.kiosk.touch\n"
        # The command's way in, as far as the supervisor itself:
        "from viewer import cli\n"
        "viewer.kiosk.main = lambda config: 0\n"
        "assert cli.main(['--kiosk', 'kiosk.toml']) == 0\n"
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'pymupdf'))))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO
    )
    assert done.stdout.strip() == "[]"


def test_the_pin_lockout_survives_a_restart_of_the_kiosk(tmp_path: Path) -> None:
    state = tmp_path / "kiosk" / "pin-lockout.json"
    wall, mono = FakeClock(), FakeClock()
    wall.now = 1_000_000.0

    def wait(seconds: float) -> None:
        wall.now += seconds
        mono.now += seconds

    gate = admin.PinGate(PIN_HASH, mono, state=state, wall=wall)
    for _ in range(4):
        gate.try_pin("0000")
        wait(gate.wait_left())
    gate.try_pin("0000")
    assert gate.wait_left() == 20
    wait(3)
    # The kiosk restarts: a new process, a new monotonic clock, the same lockout.
    mono = FakeClock()
    again = admin.PinGate(PIN_HASH, mono, state=state, wall=wall)
    assert again.wait_left() == 17
    assert again.try_pin("2468") is admin.PinResult.LOCKED
    assert again.failures == 5
    wait(17)
    assert again.try_pin("0000") is admin.PinResult.REJECTED
    assert again.wait_left() == 40  # the count went on from where it was
    wait(40)
    restarted = admin.PinGate(PIN_HASH, FakeClock(), state=state, wall=wall)
    assert restarted.try_pin("2468") is admin.PinResult.ACCEPTED
    assert admin.PinGate(PIN_HASH, FakeClock(), state=state, wall=wall).failures == 0
