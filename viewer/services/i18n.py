"""The interface language: which translations exist, and installing one into the application.

Translations are Qt's own: `resources/translations/archive-viewer_<lang>.qm`, compiled from the
`.ts` sources beside them (`tools/update_translations.sh`). English is the source language and
needs no file. The module imports Qt only inside the functions that use it, so that the
kiosk's configuration check, which runs without Qt, can ask which languages exist.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import TYPE_CHECKING

from viewer import paths

if TYPE_CHECKING:
    from PySide6.QtCore import QCoreApplication

log = logging.getLogger(__name__)

SOURCE_LANGUAGE = "en"
CATALOGUE = "archive-viewer"


TRANSLATIONS_DIR = paths.resource("translations")
"""`resources/translations` of the checkout, else the copy a wheel installs under
`<prefix>/share/archive-viewer/translations`."""
TRANSLATOR_NAME = "archive-viewer-translator"
"""The object name of the translators `install` adds, so a second call replaces them."""
NATIVE_NAMES = {"en": "English", "de": "Deutsch", "fr": "Français"}
_CODE = re.compile(r"^[A-Za-z]{2,3}([_-][A-Za-z0-9]{2,8})*$")


class UnknownLanguageError(ValueError):
    """There is no interface translation for the language asked for."""

    def __init__(self, language: str, available: list[str]) -> None:
        self.language = language
        self.available = available
        super().__init__(
            f"there is no interface translation for {language!r}; available: {', '.join(available)}"
        )


def available(directory: Path = TRANSLATIONS_DIR) -> list[str]:
    """The interface languages there are translations for, English included, sorted."""
    prefix = CATALOGUE + "_"
    codes = {SOURCE_LANGUAGE}
    if directory.is_dir():
        codes.update(
            file.stem[len(prefix) :] for file in directory.glob(f"{prefix}*.qm") if file.is_file()
        )
    return sorted(codes)


def native_name(language: str) -> str:
    """The language's name in itself ("Deutsch" for "de"); the code when it is not known."""
    return NATIVE_NAMES.get(primary(language), language)


def primary(language: str) -> str:
    """ "de" for "de_DE", "de-AT" or "DE"."""
    return re.split(r"[_-]", language.strip(), maxsplit=1)[0].lower()


def match(language: str, directory: Path = TRANSLATIONS_DIR) -> str | None:
    """The available language that serves `language` ("de" for "de_CH"), or None."""
    if not language or not _CODE.match(language.strip()):
        return None
    codes = available(directory)
    exact = language.strip().replace("-", "_")
    if exact in codes:
        return exact
    base = primary(language)
    return base if base in codes else None


def check(language: str, directory: Path = TRANSLATIONS_DIR) -> str:
    """The available language that serves `language`; UnknownLanguageError when none does."""
    found = match(language, directory)
    if found is None:
        raise UnknownLanguageError(language, available(directory))
    return found


def system_language(directory: Path = TRANSLATIONS_DIR) -> str:
    """The first of the system's interface languages that has a translation, else English."""
    from PySide6.QtCore import QLocale  # noqa: PLC0415  (Qt only where it is needed)

    for language in QLocale.system().uiLanguages():
        found = match(language, directory)
        if found is not None:
            return found
    return SOURCE_LANGUAGE


def number(value: int) -> str:
    """`value` with its thousands grouped as the interface language does ("5,000", "5.000")."""
    from PySide6.QtCore import QCoreApplication  # noqa: PLC0415

    # The separator is itself a translation, so numbers follow the interface language and not
    # the system's locale (an English interface on a German system still writes "5,000").
    separator = QCoreApplication.translate("Numbers", ",", "thousands separator in 5,000")
    return f"{value:,}".replace(",", separator)


def current() -> str:
    """The interface language in use ("de"), as the last `install` chose it; English before."""
    return _installed[0]


_installed = [SOURCE_LANGUAGE]
"""What `install` chose last: read on every date written (100,000 rows of a record list, on
their listing thread), so not looked up among the application's translators each time."""


def install(app: QCoreApplication, language: str, directory: Path = TRANSLATIONS_DIR) -> str:
    """Translate the interface into `language` ("" for the system's); the language now in use.

    Loads `archive-viewer_<lang>.qm` and, for Qt's standard dialogs and buttons, Qt's own
    `qtbase_<lang>.qm` when Qt ships it. Translators installed by an earlier call are removed
    first. A language without a translation falls back to English (and is logged). Widgets
    made before the call keep their texts: call it before building the window.
    """
    from PySide6.QtCore import QLibraryInfo, QTranslator  # noqa: PLC0415

    for old in app.findChildren(QTranslator, TRANSLATOR_NAME):
        app.removeTranslator(old)
        old.setParent(None)
        old.deleteLater()
    wanted = language.strip() or system_language(directory)
    chosen = match(wanted, directory)
    if chosen is None:
        log.warning(
            "no interface translation for %r (available: %s); using English",
            wanted,
            ", ".join(available(directory)),
        )
        return _chose(SOURCE_LANGUAGE)
    if chosen == SOURCE_LANGUAGE:
        return _chose(SOURCE_LANGUAGE)
    ours = QTranslator(app)
    ours.setObjectName(TRANSLATOR_NAME)
    if not ours.load(f"{CATALOGUE}_{chosen}", str(directory)):
        log.warning("the translation %s_%s.qm in %s cannot be read", CATALOGUE, chosen, directory)
        ours.setParent(None)
        return _chose(SOURCE_LANGUAGE)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qt_own = QTranslator(app)
    qt_own.setObjectName(TRANSLATOR_NAME)
    if qt_own.load(f"qtbase_{chosen}", qt_dir):
        app.installTranslator(qt_own)
    else:
        log.info("Qt ships no qtbase_%s.qm in %s; standard dialogs stay in English", chosen, qt_dir)
        qt_own.setParent(None)
    # Installed last, so it is asked first.
    app.installTranslator(ours)
    log.info("interface language: %s", chosen)
    return _chose(chosen)


def _chose(language: str) -> str:
    _installed[0] = language
    return language
