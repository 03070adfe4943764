"""Every command of the window as data: one table from which the menus, the list of keyboard
shortcuts (F1) and the kiosk's allowed commands are made.

A new command is a row here (id, text, keys, menu, whether a kiosk allows it, a line of help)
and a slot given to `menu_bar.build_menus`; the menus, F1 and the kiosk follow. Rows of the
scan's tools and of the features built after the first page (Find Next, Copy with Citation)
describe actions their widgets make (the scan's get their ids and keys from here);
`tests/gui/test_actions.py` keeps both in step.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QKeySequence

Keys = str | QKeySequence.StandardKey


class Menu(enum.Enum):
    """Where a command is offered."""

    FILE = "file"
    EDIT = "edit"
    VIEW = "view"
    NOTES = "notes"
    GO = "go"
    HELP = "help"
    SCAN = "scan"
    """The scan's toolbar (and keys while the scan has the focus)."""
    KEYS = "keys"
    """Keys only, handled by a widget itself (the transcript's text size)."""


MENU_TITLES = {
    Menu.FILE: QT_TRANSLATE_NOOP("MainWindow", "&File"),
    Menu.EDIT: QT_TRANSLATE_NOOP("MainWindow", "&Edit"),
    Menu.VIEW: QT_TRANSLATE_NOOP("MainWindow", "&View"),
    Menu.NOTES: QT_TRANSLATE_NOOP("MainWindow", "&Notes"),
    Menu.GO: QT_TRANSLATE_NOOP("MainWindow", "&Go"),
    Menu.HELP: QT_TRANSLATE_NOOP("MainWindow", "&Help"),
}
"""The menu bar's menus, in order (texts in English, translated when built)."""


class Kiosk(enum.Enum):
    """Whether a reading-room kiosk offers a command."""

    NEVER = "never"
    ALWAYS = "always"
    WITH_CITATION = "with-citation"
    """When the kiosk's configuration allows copying citations."""
    WITH_SEARCH = "with-search"
    """When the kiosk's configuration allows searching."""


class Made(enum.Enum):
    """Who makes a command's QAction."""

    WINDOW = "window"
    """`build_menus`, from this row."""
    DOCK = "dock"
    """A dock's own show/hide action (its text is the dock's title)."""
    ELSEWHERE = "elsewhere"
    """A widget or feature, under the row's id (the scan pane, the find bar, the Cite feature)."""


@dataclass(frozen=True)
class ActionSpec:
    """One command: what it is called, its keys, where it is offered, what it does."""

    id: str
    text: object
    """In English, marked for translation in `context` (QT_TRANSLATE_NOOP)."""
    menu: Menu
    keys: tuple[Keys, ...] = ()
    kiosk: Kiosk = Kiosk.NEVER
    help: object = ""
    """One line for F1, in English, marked for translation in the "Actions" context."""
    context: str = "MainWindow"
    made: Made = Made.WINDOW
    checkable: bool = False
    separator_before: bool = False

    def label(self) -> str:
        """The text in the interface language, without its mnemonic."""
        return self.translated().replace("&&", "\0").replace("&", "").replace("\0", "&")

    def translated(self) -> str:
        """The text in the interface language (with its mnemonic)."""
        return QCoreApplication.translate(self.context, str(self.text))

    def help_text(self) -> str:
        """The line of help in the interface language."""
        return QCoreApplication.translate("Actions", str(self.help)) if self.help else ""

    def key_sequences(self) -> list[QKeySequence]:
        """The keys as Qt binds them."""
        return [QKeySequence(keys) for keys in self.keys]

    def keys_text(self) -> str:
        """The keys as the reader reads them ("Ctrl+Shift+O", "Ctrl++ / Ctrl+=")."""
        native = QKeySequence.SequenceFormat.NativeText
        return " / ".join(s.toString(native) for s in self.key_sequences() if not s.isEmpty())


_M = "MainWindow"
_SCAN = "ScanPane"
_STD = QKeySequence.StandardKey
F, E, V, G, H, S = Menu.FILE, Menu.EDIT, Menu.VIEW, Menu.GO, Menu.HELP, Menu.SCAN
N = Menu.NOTES

ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec(
        "open",
        QT_TRANSLATE_NOOP("MainWindow", "&Open…"),
        F,
        (_STD.Open,),
        help=QT_TRANSLATE_NOOP("Actions", "Open a PDF, a record or a sheet"),
    ),
    ActionSpec(
        "open_folder",
        QT_TRANSLATE_NOOP("MainWindow", "Open &Folder…"),
        F,
        ("Ctrl+Shift+O",),
        help=QT_TRANSLATE_NOOP("Actions", "Open a folder of records"),
    ),
    ActionSpec(
        "import",
        QT_TRANSLATE_NOOP("MainWindow", "&Import…"),
        F,
        help=QT_TRANSLATE_NOOP("Actions", "Write a source as an archive"),
    ),
    ActionSpec(
        "sheet_columns",
        QT_TRANSLATE_NOOP("MainWindow", "Spreadsheet &Columns…"),
        F,
        help=QT_TRANSLATE_NOOP("Actions", "Check which field each column fills"),
    ),
    ActionSpec(
        "copy_citation",
        QT_TRANSLATE_NOOP("MainWindow", "Copy &Citation"),
        F,
        ("Ctrl+Shift+C",),
        Kiosk.WITH_CITATION,
        QT_TRANSLATE_NOOP("Actions", "Copy the record's citation"),
        separator_before=True,
    ),
    ActionSpec(
        "print",
        QT_TRANSLATE_NOOP("MainWindow", "&Print…"),
        F,
        (_STD.Print,),
        help=QT_TRANSLATE_NOOP(
            "Actions", "Print the record: citation, metadata, transcript and scan, with a preview"
        ),
        separator_before=True,
    ),
    ActionSpec(
        "export_reading_copy",
        QT_TRANSLATE_NOOP("MainWindow", "Export &Reading Copy…"),
        F,
        help=QT_TRANSLATE_NOOP(
            "Actions", "Write the record as one PDF with its citation at the foot of every page"
        ),
    ),
    ActionSpec(
        "export_transcript_txt",
        QT_TRANSLATE_NOOP("MainWindow", "Export Transcript as &Text…"),
        F,
        help=QT_TRANSLATE_NOOP("Actions", "Write the transcript as plain text"),
    ),
    ActionSpec(
        "export_transcript_md",
        QT_TRANSLATE_NOOP("MainWindow", "Export Transcript as &Markdown…"),
        F,
        help=QT_TRANSLATE_NOOP("Actions", "Write the transcript as Markdown"),
    ),
    ActionSpec(
        "export_transcript_html",
        QT_TRANSLATE_NOOP("MainWindow", "Export Transcript as &HTML…"),
        F,
        help=QT_TRANSLATE_NOOP("Actions", "Write the transcript as a web page"),
    ),
    ActionSpec(
        "quit",
        QT_TRANSLATE_NOOP("MainWindow", "&Quit"),
        F,
        (_STD.Quit,),
        help=QT_TRANSLATE_NOOP("Actions", "Close the viewer"),
        separator_before=True,
    ),
    ActionSpec(
        "find",
        QT_TRANSLATE_NOOP("MainWindow", "&Find in Document…"),
        E,
        (_STD.Find,),
        Kiosk.WITH_SEARCH,
        QT_TRANSLATE_NOOP("Actions", "Find words in this transcript and scan"),
    ),
    ActionSpec(
        "search_archive",
        QT_TRANSLATE_NOOP("MainWindow", "&Search the Archive…"),
        E,
        ("Ctrl+Shift+F",),
        Kiosk.WITH_SEARCH,
        QT_TRANSLATE_NOOP("Actions", "Search every record"),
    ),
    ActionSpec(
        "find_next",
        QT_TRANSLATE_NOOP("FindBar", "Next Hit"),
        E,
        ("F3",),
        help=QT_TRANSLATE_NOOP("Actions", "The next place found"),
        context="FindBar",
        made=Made.ELSEWHERE,
    ),
    ActionSpec(
        "find_previous",
        QT_TRANSLATE_NOOP("FindBar", "Previous Hit"),
        E,
        ("Shift+F3",),
        help=QT_TRANSLATE_NOOP("Actions", "The previous place found"),
        context="FindBar",
        made=Made.ELSEWHERE,
    ),
    ActionSpec(
        "copy_with_citation",
        QT_TRANSLATE_NOOP("CitationActions", "Copy with Citation"),
        E,
        ("Ctrl+Alt+C",),
        help=QT_TRANSLATE_NOOP("Actions", "Copy the selection with its citation"),
        context="CitationActions",
        made=Made.ELSEWHERE,
    ),
    ActionSpec(
        "layout_side-by-side",
        QT_TRANSLATE_NOOP("MainWindow", "Side &by Side"),
        V,
        ("Ctrl+1",),
        help=QT_TRANSLATE_NOOP("Actions", "Transcript beside the scan"),
        checkable=True,
    ),
    ActionSpec(
        "layout_stacked",
        QT_TRANSLATE_NOOP("MainWindow", "Stac&ked"),
        V,
        ("Ctrl+2",),
        help=QT_TRANSLATE_NOOP("Actions", "Transcript above the scan"),
        checkable=True,
    ),
    ActionSpec(
        "layout_transcript-only",
        QT_TRANSLATE_NOOP("MainWindow", "Transcript &Only"),
        V,
        ("Ctrl+3",),
        help=QT_TRANSLATE_NOOP("Actions", "Only the transcript"),
        checkable=True,
    ),
    ActionSpec(
        "layout_scan-only",
        QT_TRANSLATE_NOOP("MainWindow", "Scan O&nly"),
        V,
        ("Ctrl+4",),
        help=QT_TRANSLATE_NOOP("Actions", "Only the scan"),
        checkable=True,
    ),
    ActionSpec(
        "records_panel",
        QT_TRANSLATE_NOOP("MainWindow", "Records"),
        V,
        ("F8",),
        help=QT_TRANSLATE_NOOP("Actions", "Show or hide the record list"),
        made=Made.DOCK,
        separator_before=True,
    ),
    ActionSpec(
        "metadata_panel",
        QT_TRANSLATE_NOOP("MainWindow", "Metadata"),
        V,
        ("F9",),
        help=QT_TRANSLATE_NOOP("Actions", "Show or hide the metadata"),
        made=Made.DOCK,
    ),
    ActionSpec(
        "cite_panel",
        QT_TRANSLATE_NOOP("MainWindow", "Cite"),
        V,
        ("Shift+F9",),
        help=QT_TRANSLATE_NOOP("Actions", "Show or hide the Cite panel"),
        made=Made.DOCK,
    ),
    ActionSpec(
        "notes_panel",
        QT_TRANSLATE_NOOP("MainWindow", "Notes"),
        V,
        ("Shift+F8",),
        help=QT_TRANSLATE_NOOP("Actions", "Show or hide your notes on the record"),
        made=Made.DOCK,
    ),
    ActionSpec(
        "text_larger",
        QT_TRANSLATE_NOOP("MainWindow", "&Larger Text"),
        V,
        help=QT_TRANSLATE_NOOP("Actions", "Larger transcript text"),
        separator_before=True,
    ),
    ActionSpec(
        "text_smaller",
        QT_TRANSLATE_NOOP("MainWindow", "&Smaller Text"),
        V,
        help=QT_TRANSLATE_NOOP("Actions", "Smaller transcript text"),
    ),
    ActionSpec(
        "reading_zoom_in",
        QT_TRANSLATE_NOOP("ReadingZoom", "Zoom &In"),
        V,
        (_STD.ZoomIn, "Ctrl+="),
        Kiosk.ALWAYS,
        QT_TRANSLATE_NOOP("Actions", "From a side panel: zoom the reading pane used last"),
        context="ReadingZoom",
        made=Made.ELSEWHERE,
        separator_before=True,
    ),
    ActionSpec(
        "reading_zoom_out",
        QT_TRANSLATE_NOOP("ReadingZoom", "Zoom O&ut"),
        V,
        (_STD.ZoomOut,),
        Kiosk.ALWAYS,
        QT_TRANSLATE_NOOP("Actions", "From a side panel: zoom the reading pane used last out"),
        context="ReadingZoom",
        made=Made.ELSEWHERE,
    ),
    ActionSpec(
        "focus_transcript",
        QT_TRANSLATE_NOOP("MainWindow", "Focus &Transcript"),
        V,
        ("Alt+1",),
        help=QT_TRANSLATE_NOOP("Actions", "Type into the transcript"),
        separator_before=True,
    ),
    ActionSpec(
        "focus_scan",
        QT_TRANSLATE_NOOP("MainWindow", "Focus S&can"),
        V,
        ("Alt+2",),
        help=QT_TRANSLATE_NOOP("Actions", "Keys go to the scan"),
    ),
    ActionSpec(
        "focus_records",
        QT_TRANSLATE_NOOP("MainWindow", "Focus &Records"),
        V,
        ("Alt+3",),
        help=QT_TRANSLATE_NOOP("Actions", "Filter the record list"),
    ),
    ActionSpec(
        "high_contrast",
        QT_TRANSLATE_NOOP("Appearance", "&High Contrast"),
        V,
        help=QT_TRANSLATE_NOOP("Actions", "White on black, for low vision or bright rooms"),
        context="Appearance",
        made=Made.ELSEWHERE,
        separator_before=True,
    ),
    ActionSpec(
        "note_record",
        QT_TRANSLATE_NOOP("MainWindow", "Add Note to &Record…"),
        N,
        ("Ctrl+Shift+N",),
        help=QT_TRANSLATE_NOOP("Actions", "Write a note on the record shown"),
    ),
    ActionSpec(
        "note_passage",
        QT_TRANSLATE_NOOP("MainWindow", "Note on &Selection…"),
        N,
        ("Ctrl+Alt+N",),
        help=QT_TRANSLATE_NOOP("Actions", "Highlight the passage selected and write a note on it"),
    ),
    ActionSpec(
        "highlight",
        QT_TRANSLATE_NOOP("MainWindow", "&Highlight Selection"),
        N,
        ("Ctrl+Shift+H",),
        help=QT_TRANSLATE_NOOP(
            "Actions",
            "Highlight the passage selected in the transcript, or the words selected on the "
            "scan or an area drawn on it with Shift held",
        ),
    ),
    ActionSpec(
        "bookmark",
        QT_TRANSLATE_NOOP("MainWindow", "&Bookmark Page"),
        N,
        ("Ctrl+B",),
        help=QT_TRANSLATE_NOOP("Actions", "Bookmark the scan page shown"),
    ),
    ActionSpec(
        "add_to_reading_list",
        QT_TRANSLATE_NOOP("MainWindow", "Add to Reading &List…"),
        N,
        help=QT_TRANSLATE_NOOP("Actions", "Put the record shown in a reading list"),
    ),
    ActionSpec(
        "all_notes",
        QT_TRANSLATE_NOOP("MainWindow", "&All Notes…"),
        N,
        help=QT_TRANSLATE_NOOP(
            "Actions", "Every note you have written, in every archive, searchable"
        ),
        separator_before=True,
    ),
    ActionSpec(
        "export_notes",
        QT_TRANSLATE_NOOP("MainWindow", "&Export Notes as Markdown…"),
        N,
        help=QT_TRANSLATE_NOOP("Actions", "Write the record's notes with their citation"),
    ),
    ActionSpec(
        "export_all_notes",
        QT_TRANSLATE_NOOP("MainWindow", "Export All Notes…"),
        N,
        help=QT_TRANSLATE_NOOP(
            "Actions", "Write every note to a file, to import on another machine"
        ),
    ),
    ActionSpec(
        "import_notes",
        QT_TRANSLATE_NOOP("MainWindow", "&Import Notes…"),
        N,
        help=QT_TRANSLATE_NOOP("Actions", "Add the notes of an export that are not here yet"),
    ),
    ActionSpec(
        "next_record",
        QT_TRANSLATE_NOOP("MainWindow", "&Next Record"),
        G,
        ("Ctrl+]",),
        Kiosk.ALWAYS,
        QT_TRANSLATE_NOOP("Actions", "The next record"),
    ),
    ActionSpec(
        "previous_record",
        QT_TRANSLATE_NOOP("MainWindow", "&Previous Record"),
        G,
        ("Ctrl+[",),
        Kiosk.ALWAYS,
        QT_TRANSLATE_NOOP("Actions", "The previous record"),
    ),
    ActionSpec(
        "go_to_page",
        QT_TRANSLATE_NOOP("ScanPane", "Go to page"),
        G,
        ("Ctrl+G",),
        Kiosk.ALWAYS,
        QT_TRANSLATE_NOOP("Actions", "Type a page number"),
        context=_SCAN,
        made=Made.ELSEWHERE,
        separator_before=True,
    ),
    ActionSpec(
        "shortcuts",
        QT_TRANSLATE_NOOP("MainWindow", "&Keyboard Shortcuts"),
        H,
        ("F1",),
        help=QT_TRANSLATE_NOOP("Actions", "This list"),
    ),
    ActionSpec(
        "message_history",
        QT_TRANSLATE_NOOP("MainWindow", "&Messages of This Session"),
        H,
        help=QT_TRANSLATE_NOOP("Actions", "Every message said since the start"),
    ),
    ActionSpec(
        "about",
        QT_TRANSLATE_NOOP("MainWindow", "&About Archive Viewer"),
        H,
        help=QT_TRANSLATE_NOOP("Actions", "What this program is"),
    ),
    ActionSpec(
        "zoom_out",
        QT_TRANSLATE_NOOP("ScanPane", "Zoom out"),
        S,
        (_STD.ZoomOut,),
        Kiosk.ALWAYS,
        context=_SCAN,
        made=Made.ELSEWHERE,
    ),
    ActionSpec(
        "zoom_in",
        QT_TRANSLATE_NOOP("ScanPane", "Zoom in"),
        S,
        (_STD.ZoomIn, "Ctrl+="),
        Kiosk.ALWAYS,
        context=_SCAN,
        made=Made.ELSEWHERE,
    ),
    ActionSpec(
        "fit_width",
        QT_TRANSLATE_NOOP("ScanPane", "Fit width"),
        S,
        ("W",),
        Kiosk.ALWAYS,
        context=_SCAN,
        made=Made.ELSEWHERE,
    ),
    ActionSpec(
        "fit_page",
        QT_TRANSLATE_NOOP("ScanPane", "Fit page"),
        S,
        ("F",),
        Kiosk.ALWAYS,
        context=_SCAN,
        made=Made.ELSEWHERE,
    ),
    ActionSpec(
        "actual_size",
        QT_TRANSLATE_NOOP("ScanPane", "Actual size"),
        S,
        ("Ctrl+0",),
        Kiosk.ALWAYS,
        context=_SCAN,
        made=Made.ELSEWHERE,
    ),
    ActionSpec(
        "rotate_left",
        QT_TRANSLATE_NOOP("ScanPane", "Rotate document left"),
        S,
        ("Ctrl+Shift+L",),
        Kiosk.ALWAYS,
        context=_SCAN,
        made=Made.ELSEWHERE,
    ),
    ActionSpec(
        "rotate_right",
        QT_TRANSLATE_NOOP("ScanPane", "Rotate document right"),
        S,
        ("Ctrl+Shift+R",),
        Kiosk.ALWAYS,
        context=_SCAN,
        made=Made.ELSEWHERE,
    ),
    ActionSpec(
        "rotate_page",
        QT_TRANSLATE_NOOP("ScanPane", "Rotate this page"),
        S,
        ("Ctrl+R",),
        Kiosk.ALWAYS,
        context=_SCAN,
        made=Made.ELSEWHERE,
    ),
    ActionSpec(
        "copy_text",
        QT_TRANSLATE_NOOP("ScanPane", "Copy text"),
        S,
        (_STD.Copy,),
        Kiosk.ALWAYS,
        QT_TRANSLATE_NOOP("Actions", "Copy the text selected on the scan"),
        context=_SCAN,
        made=Made.ELSEWHERE,
    ),
    ActionSpec(
        "thumbnails",
        QT_TRANSLATE_NOOP("ScanPane", "Thumbnails"),
        S,
        ("F4",),
        Kiosk.ALWAYS,
        context=_SCAN,
        made=Made.ELSEWHERE,
    ),
    ActionSpec(
        "text_size",
        QT_TRANSLATE_NOOP("MainWindow", "Transcript text larger / smaller"),
        Menu.KEYS,
        ("Ctrl++", "Ctrl+-"),
        Kiosk.ALWAYS,
        made=Made.ELSEWHERE,
    ),
)
"""Every command, in menu order."""

_BY_ID = {spec.id: spec for spec in ACTIONS}


def spec(action_id: str) -> ActionSpec:
    """The row of `action_id`."""
    return _BY_ID[action_id]


def kiosk_allowed(*, citation: bool, search: bool) -> frozenset[str]:
    """The ids a kiosk offers, as its configuration allows copying citations and searching."""
    offered = {Kiosk.ALWAYS}
    if citation:
        offered.add(Kiosk.WITH_CITATION)
    if search:
        offered.add(Kiosk.WITH_SEARCH)
    return frozenset(s.id for s in ACTIONS if s.kiosk in offered)
