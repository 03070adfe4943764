"""The message channel: what is said before a view subscribes is not lost; replaced messages do
not pile up; every message is logged."""

from __future__ import annotations

import logging

import pytest

from viewer.services.messages import Level, Message, MessageChannel, Origin


def test_messages_said_before_a_view_subscribes_reach_it_in_order(qapp: object) -> None:
    channel = MessageChannel()
    channel.warning("scan.pdf: the file was damaged and has been repaired")
    channel.error("letter.pdf: the PDF has no pages")
    seen: list[Message] = []
    channel.subscribe(seen.append)
    channel.info("Index up to date")
    assert [(m.level, m.text) for m in seen] == [
        (Level.WARNING, "scan.pdf: the file was damaged and has been repaired"),
        (Level.ERROR, "letter.pdf: the PDF has no pages"),
        (Level.INFO, "Index up to date"),
    ]


def test_a_message_with_a_replace_key_takes_the_place_of_the_last_one(qapp: object) -> None:
    channel = MessageChannel()
    channel.info("Reading 10 of 100 scans…", replace="folder")
    channel.info("Reading 90 of 100 scans…", replace="folder")
    channel.error("bad.pdf: not a PDF")
    assert [m.text for m in channel.history] == ["Reading 90 of 100 scans…", "bad.pdf: not a PDF"]


def test_every_message_is_logged_and_bugs_are_told_apart(
    qapp: object, caplog: pytest.LogCaptureFixture
) -> None:
    channel = MessageChannel()
    with caplog.at_level(logging.INFO, logger="viewer.services.messages"):
        channel.error("The renderer stopped on x.pdf", origin=Origin.VIEWER)
    assert caplog.records[-1].levelno == logging.ERROR
    assert channel.history[-1].origin is Origin.VIEWER


def test_a_withdrawn_message_leaves_the_history_and_the_views(qapp: object) -> None:
    channel = MessageChannel()
    withdrawn: list[str] = []
    channel.withdrawn.connect(withdrawn.append)
    channel.info("Opening /archives/cables…", replace="opening")
    channel.error("bad.pdf: not a PDF")
    channel.withdraw("opening")
    assert [m.text for m in channel.history] == ["bad.pdf: not a PDF"]
    assert withdrawn == ["opening"]
    seen: list[Message] = []
    channel.subscribe(seen.append)
    assert [m.text for m in seen] == ["bad.pdf: not a PDF"]
