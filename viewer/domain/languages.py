"""Language codes from the free text exports hold ("English", "русский", "eng", "en-US")."""

from __future__ import annotations

import re

_NAMES = {
    "en": ("english", "anglais", "englisch", "английский", "eng"),
    "ru": ("russian", "русский", "russe", "russisch", "rus"),
    "de": ("german", "deutsch", "allemand", "немецкий", "ger", "deu"),
    "fr": ("french", "français", "francais", "französisch", "французский", "fre", "fra"),
    "es": ("spanish", "español", "espanol", "castellano", "spa"),
    "it": ("italian", "italiano", "ita"),
    "pt": ("portuguese", "português", "portugues", "por"),
    "zh": ("chinese", "中文", "汉语", "漢語", "mandarin", "chi", "zho"),
    "ko": ("korean", "한국어", "조선말", "kor"),
    "ja": ("japanese", "日本語", "jpn"),
    "pl": ("polish", "polski", "pol"),
    "uk": ("ukrainian", "українська", "украинский", "ukr"),
    "cs": ("czech", "čeština", "cestina", "cze", "ces"),
    "hu": ("hungarian", "magyar", "hun"),
    "ro": ("romanian", "română", "romana", "rum", "ron"),
    "bg": ("bulgarian", "български", "bul"),
    "vi": ("vietnamese", "tiếng việt", "vie"),
    "mn": ("mongolian", "монгол", "mon"),
    "ar": ("arabic", "العربية", "ara"),
    "fa": ("persian", "farsi", "فارسی", "per", "fas"),
    "tr": ("turkish", "türkçe", "turkce", "tur"),
    "la": ("latin", "latina", "lat"),
    "sr": ("serbian", "српски", "srpski", "srp"),
    "hr": ("croatian", "hrvatski", "hrv"),
    "sk": ("slovak", "slovenčina", "slo", "slk"),
    "nl": ("dutch", "nederlands", "dut", "nld"),
    "sv": ("swedish", "svenska", "swe"),
    "fi": ("finnish", "suomi", "fin"),
    "el": ("greek", "ελληνικά", "gre", "ell"),
    "he": ("hebrew", "עברית", "heb"),
}
_BY_NAME = {name: code for code, names in _NAMES.items() for name in names}
_CODE = re.compile(r"^([A-Za-z]{2,3})(-[A-Za-z0-9]{1,8})*$")
_SEPARATORS = re.compile(r"\s*(?:[,;/|]|\band\b|\bи\b|&)\s*", re.IGNORECASE)


def code(text: str) -> str:
    """The BCP 47 code for one language written as a name or a code; "" when not known."""
    key = text.strip().casefold()
    if not key:
        return ""
    if key in _BY_NAME:
        return _BY_NAME[key]
    if _CODE.match(key):
        primary, _, rest = key.partition("-")
        if len(primary) == 2:
            return primary + ("-" + rest.upper() if rest and len(rest) == 2 else "")
    return ""


def codes(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The codes of the languages in `text` ("English; Russian" → ("en", "ru")), and the parts
    that are no language this module knows (kept by the caller as written)."""
    found: list[str] = []
    unknown: list[str] = []
    for part in _SEPARATORS.split(text.strip()):
        if not part:
            continue
        value = code(part)
        if value:
            if value not in found:
                found.append(value)
        else:
            unknown.append(part)
    return tuple(found), tuple(unknown)
