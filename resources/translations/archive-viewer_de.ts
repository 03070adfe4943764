<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de" sourcelanguage="en">
<context>
    <name>Actions</name>
    <message>
        <location filename="../../viewer/ui/actions.py" line="+121"/>
        <source>Open a PDF, a record or a sheet</source>
        <translation>Ein PDF, einen Datensatz oder eine Tabelle öffnen</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Open a folder of records</source>
        <translation>Einen Ordner mit Datensätzen öffnen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Write a source as an archive</source>
        <translation>Eine Quelle als Archiv anlegen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Check which field each column fills</source>
        <translation>Prüfen, welches Feld jede Spalte füllt</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Copy the record&apos;s citation</source>
        <translation>Den Zitiervorschlag des Datensatzes kopieren</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Print the record: citation, metadata, transcript and scan, with a preview</source>
        <translation>Das Dokument drucken: Zitierangabe, Metadaten, Transkription und Scan, mit Vorschau</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Write the record as one PDF with its citation at the foot of every page</source>
        <translation>Das Dokument als ein PDF speichern, mit der Zitierangabe am Fuß jeder Seite</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Write the transcript as plain text</source>
        <translation>Die Transkription als reinen Text speichern</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Write the transcript as Markdown</source>
        <translation>Die Transkription als Markdown speichern</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Write the transcript as a web page</source>
        <translation>Die Transkription als Webseite speichern</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Close the viewer</source>
        <translation>Den Viewer schließen</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Find words in this transcript and scan</source>
        <translation>Wörter in dieser Transkription und diesem Scan finden</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Search every record</source>
        <translation>Alle Datensätze durchsuchen</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The next place found</source>
        <translation>Die nächste Fundstelle</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The previous place found</source>
        <translation>Die vorige Fundstelle</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Copy the selection with its citation</source>
        <translation>Die Auswahl mit ihrem Zitiervorschlag kopieren</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Transcript beside the scan</source>
        <translation>Transkription neben dem Scan</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Transcript above the scan</source>
        <translation>Transkription über dem Scan</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Only the transcript</source>
        <translation>Nur die Transkription</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Only the scan</source>
        <translation>Nur der Scan</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Show or hide the record list</source>
        <translation>Die Datensatzliste ein- oder ausblenden</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Show or hide the metadata</source>
        <translation>Die Metadaten ein- oder ausblenden</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Show or hide the Cite panel</source>
        <translation>Den Zitieren-Bereich ein- oder ausblenden</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Show or hide your notes on the record</source>
        <translation>Ihre Notizen zum Dokument ein- oder ausblenden</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Larger transcript text</source>
        <translation>Größere Schrift der Transkription</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Smaller transcript text</source>
        <translation>Kleinere Schrift der Transkription</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>From a side panel: zoom the reading pane used last</source>
        <translation>Aus einem Seitenbereich: den zuletzt benutzten Lesebereich vergrößern</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>From a side panel: zoom the reading pane used last out</source>
        <translation>Aus einem Seitenbereich: den zuletzt benutzten Lesebereich verkleinern</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Type into the transcript</source>
        <translation>In der Transkription arbeiten</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Keys go to the scan</source>
        <translation>Tasten wirken auf den Scan</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Filter the record list</source>
        <translation>Die Datensatzliste filtern</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>White on black, for low vision or bright rooms</source>
        <translation>Weiß auf Schwarz, bei Sehschwäche oder in hellen Räumen</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Write a note on the record shown</source>
        <translation>Eine Notiz zum angezeigten Dokument schreiben</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Highlight the passage selected and write a note on it</source>
        <translation>Die ausgewählte Stelle markieren und eine Notiz dazu schreiben</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Highlight the passage selected in the transcript, or the words selected on the scan or an area drawn on it with Shift held</source>
        <translation>Die im Transkript ausgewählte Stelle markieren, oder die auf dem Scan ausgewählten Wörter oder einen mit gedrückter Umschalttaste darauf gezogenen Bereich</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Bookmark the scan page shown</source>
        <translation>Ein Lesezeichen auf die angezeigte Scanseite setzen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Put the record shown in a reading list</source>
        <translation>Das angezeigte Dokument in eine Leseliste aufnehmen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Every note you have written, in every archive, searchable</source>
        <translation>Jede Notiz, die Sie geschrieben haben, in jedem Archiv, durchsuchbar</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Write the record&apos;s notes with their citation</source>
        <translation>Die Notizen zum Dokument mit ihrem Zitat speichern</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Write every note to a file, to import on another machine</source>
        <translation>Alle Notizen in eine Datei schreiben, um sie auf einem anderen Rechner zu importieren</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Add the notes of an export that are not here yet</source>
        <translation>Die Notizen eines Exports hinzufügen, die hier noch fehlen</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The next record</source>
        <translation>Der nächste Datensatz</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The previous record</source>
        <translation>Der vorige Datensatz</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Type a page number</source>
        <translation>Eine Seitenzahl eingeben</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>This list</source>
        <translation>Diese Liste</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Every message said since the start</source>
        <translation>Alle Meldungen seit dem Start</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>What this program is</source>
        <translation>Was dieses Programm ist</translation>
    </message>
    <message>
        <location line="+80"/>
        <source>Copy the text selected on the scan</source>
        <translation>Den auf dem Scan markierten Text kopieren</translation>
    </message>
</context>
<context>
    <name>AdminCorner</name>
    <message>
        <location filename="../../viewer/ui/kiosk/overlays.py" line="+206"/>
        <source>Staff corner</source>
        <translation>Ecke für das Personal</translation>
    </message>
</context>
<context>
    <name>AfterFirstPage</name>
    <message>
        <location filename="../../viewer/ui/after_first_page.py" line="+369"/>
        <source>Export &amp;Search Results</source>
        <translation>&amp;Suchergebnisse exportieren</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Export &amp;Whole Archive</source>
        <translation>&amp;Ganzes Archiv exportieren</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Notes are off in this session: {reason}. Everything else works as usual.</source>
        <translation>Notizen sind in dieser Sitzung aus: {reason}. Alles andere funktioniert wie gewohnt.</translation>
    </message>
</context>
<context>
    <name>AllNotesDialog</name>
    <message>
        <location filename="../../viewer/ui/all_notes.py" line="+61"/>
        <source>All notes</source>
        <translation>Alle Notizen</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+1"/>
        <source>Search your notes</source>
        <translation>Ihre Notizen durchsuchen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Notes found</source>
        <translation>Gefundene Notizen</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>{found} of {total} notes</source>
        <translation>{found} von {total} Notizen</translation>
    </message>
</context>
<context>
    <name>Appearance</name>
    <message>
        <location filename="../../viewer/ui/actions.py" line="-198"/>
        <location filename="../../viewer/ui/appearance.py" line="+96"/>
        <source>&amp;High Contrast</source>
        <translation>&amp;Hoher Kontrast</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/appearance.py" line="+14"/>
        <source>Interface Si&amp;ze</source>
        <translation>Oberflächen&amp;maßstab</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{percent}%</source>
        <comment>an interface size</comment>
        <translation>{percent} %</translation>
    </message>
</context>
<context>
    <name>Attract</name>
    <message>
        <location filename="../../viewer/ui/kiosk/overlays.py" line="-115"/>
        <source>Welcome</source>
        <translation>Willkommen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Touch the screen to start reading</source>
        <translation>Berühren Sie den Bildschirm, um mit dem Lesen zu beginnen</translation>
    </message>
</context>
<context>
    <name>CitationActions</name>
    <message>
        <location filename="../../viewer/ui/actions.py" line="-130"/>
        <location filename="../../viewer/ui/citation_actions.py" line="+32"/>
        <source>Copy with Citation</source>
        <translation>Mit Zitierangabe kopieren</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/citation_actions.py" line="+137"/>
        <source>Copy the selected passage followed by its citation and scan page</source>
        <translation>Die markierte Passage mit Zitierangabe und Seite des Digitalisats kopieren</translation>
    </message>
    <message>
        <location line="+70"/>
        <source>There is no record to export as {format}. Open a record or run a search first.</source>
        <translation>Es gibt kein Dokument, das als {format} exportiert werden kann. Öffnen Sie zuerst ein Dokument oder führen Sie eine Suche aus.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Export 1 record as {format}</source>
        <translation>1 Dokument als {format} exportieren</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export {count} records as {format}</source>
        <translation>{count} Dokumente als {format} exportieren</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{format} (*{suffix});;All files (*)</source>
        <translation>{format} (*{suffix});;Alle Dateien (*)</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The {format} export could not be written to {file}: {reason}. Choose a folder you can write to.</source>
        <translation>Der {format}-Export konnte nicht nach {file} geschrieben werden: {reason}. Wählen Sie einen Ordner, in den Sie schreiben dürfen.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Exported 1 record as {format} to {file}</source>
        <translation>1 Dokument als {format} nach {file} exportiert</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Exported {count} records as {format} to {file}</source>
        <translation>{count} Dokumente als {format} nach {file} exportiert</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>&amp;Export Citations</source>
        <translation>Zitierangaben &amp;exportieren</translation>
    </message>
</context>
<context>
    <name>CiteFeature</name>
    <message>
        <location filename="../../viewer/ui/cite_feature.py" line="+47"/>
        <source>Passage copied with its citation</source>
        <translation>Passage mit Zitierangabe kopiert</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Citation copied to the clipboard</source>
        <translation>Zitierangabe in die Zwischenablage kopiert</translation>
    </message>
</context>
<context>
    <name>CitePanel</name>
    <message>
        <location filename="../../viewer/ui/cite_panel.py" line="+29"/>
        <location line="+1"/>
        <source>In text</source>
        <translation>Im Text</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Cite</source>
        <translation>Zitieren</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Citation style</source>
        <translation>Zitierstil</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The citation that Copy Citation and Copy with Citation use</source>
        <translation>Die Zitierangabe, die „Zitierangabe kopieren“ und „Mit Zitierangabe kopieren“ verwenden</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Copy citation as:</source>
        <translation>Zitierangabe &amp;kopieren als:</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+86"/>
        <source>No record is open.</source>
        <translation>Es ist kein Dokument geöffnet.</translation>
    </message>
    <message>
        <location line="-84"/>
        <source>Cite notice</source>
        <translation>Hinweis zum Zitieren</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Citation copied</source>
        <translation>Zitierangabe kopiert</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy {style}</source>
        <translation>{style} kopieren</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copy the {style} citation (text and formatting)</source>
        <translation>Die Zitierangabe {style} kopieren (Text und Formatierung)</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>{style} in-text citation</source>
        <translation>{style}, Kurzbeleg im Text</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{label}:</source>
        <translation>{label}:</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>This record cannot be read, so it cannot be cited: {reason}</source>
        <translation>Dieses Dokument kann nicht gelesen und daher nicht zitiert werden: {reason}</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>(not in bibliography)</source>
        <translation>(nicht im Literaturverzeichnis)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Chicago leaves an unpublished manuscript with no archive, number, web address or publisher out of the bibliography; cite it in a note.</source>
        <translation>Chicago nimmt ein unveröffentlichtes Manuskript ohne Archiv, Signatur, Webadresse oder Verlag nicht ins Literaturverzeichnis auf; zitieren Sie es in einer Anmerkung.</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Copied: {style}</source>
        <translation>Kopiert: {style}</translation>
    </message>
</context>
<context>
    <name>Countdown</name>
    <message>
        <location filename="../../viewer/ui/kiosk/overlays.py" line="-29"/>
        <location line="+1"/>
        <source>Still reading?</source>
        <translation>Lesen Sie noch?</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+1"/>
        <source>Keep reading</source>
        <translation>Weiterlesen</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Touch the screen to keep reading. Starting over in {seconds} second.</source>
        <translation>Berühren Sie den Bildschirm, um weiterzulesen. Neustart in {seconds} Sekunde.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Touch the screen to keep reading. Starting over in {seconds} seconds.</source>
        <translation>Berühren Sie den Bildschirm, um weiterzulesen. Neustart in {seconds} Sekunden.</translation>
    </message>
</context>
<context>
    <name>Dates</name>
    <message>
        <location filename="../../viewer/services/dates.py" line="+29"/>
        <source>{month} {day}, {year}</source>
        <comment>a day: May 18, 1949 (18. Mai 1949)</comment>
        <translation>{day}. {month} {year}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{month} {year}</source>
        <comment>a month: May 1949</comment>
        <translation>{month} {year}</translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message>
        <location filename="../../viewer/ui/find_bar.py" line="+94"/>
        <location line="+30"/>
        <source>Find in this document</source>
        <translation>In diesem Dokument suchen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Find in this document: a word or phrase, prefix*, this OR that</source>
        <translation>In diesem Dokument suchen: ein Wort oder eine Wortfolge, Präfix*, dies OR das</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Hit count</source>
        <translation>Anzahl der Treffer</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/actions.py" line="-18"/>
        <location filename="../../viewer/ui/find_bar.py" line="+2"/>
        <source>Next Hit</source>
        <translation>Nächster Treffer</translation>
    </message>
    <message>
        <location line="+9"/>
        <location filename="../../viewer/ui/find_bar.py" line="+4"/>
        <source>Previous Hit</source>
        <translation>Vorheriger Treffer</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/find_bar.py" line="+8"/>
        <source>Previous hit</source>
        <translation>Vorheriger Treffer</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Next hit</source>
        <translation>Nächster Treffer</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Close find bar</source>
        <translation>Suchleiste schließen</translation>
    </message>
    <message>
        <location line="+219"/>
        <location line="+145"/>
        <location line="+2"/>
        <source>Searching…</source>
        <translation>Suche läuft…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>No matches</source>
        <translation>Keine Treffer</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{current} of {count}</source>
        <translation>{current} von {count}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{current} of {count}+</source>
        <comment>the scan is still being searched</comment>
        <translation>{current} von {count}+</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The scan is still being searched: more hits may follow.</source>
        <translation>Das Digitalisat wird noch durchsucht: Weitere Treffer können folgen.</translation>
    </message>
</context>
<context>
    <name>FolderFollow</name>
    <message>
        <location filename="../../viewer/ui/folder_follow.py" line="+94"/>
        <source>one open folder watches at most {count} folders, to leave the system&apos;s watches to other programs</source>
        <translation>ein geöffneter Ordner überwacht höchstens {count} Ordner, damit anderen Programmen genug Überwachungen des Systems bleiben</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the system&apos;s limit on watches, fs.inotify.max_user_watches, is reached</source>
        <translation>die Grenze des Systems für Überwachungen, fs.inotify.max_user_watches, ist erreicht</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>this system cannot watch folders</source>
        <translation>dieses System kann Ordner nicht überwachen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{folder}: {watched} of its folders are watched for changes; the other {polled} are looked at every {seconds} seconds ({reason}).</source>
        <translation>{folder}: {watched} seiner Ordner werden auf Änderungen überwacht; die übrigen {polled} werden alle {seconds} Sekunden geprüft ({reason}).</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../../viewer/ui/import_dialog.py" line="+36"/>
        <location line="+39"/>
        <source>Import</source>
        <translation>Importieren</translation>
    </message>
    <message>
        <location line="-32"/>
        <source>A folder of scans, a spreadsheet or an export</source>
        <translation>Ein Ordner mit Scans, eine Tabelle oder ein Export</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>File…</source>
        <translation>Datei…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Folder…</source>
        <translation>Ordner…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>A new or empty folder, or one imported before</source>
        <translation>Ein neuer oder leerer Ordner oder einer, in den schon importiert wurde</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose…</source>
        <translation>Auswählen…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Link the scans instead of copying them</source>
        <translation>Scans verknüpfen statt kopieren</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Source:</source>
        <translation>Quelle:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Into:</source>
        <translation>Nach:</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Open Archive</source>
        <translation>Archiv öffnen</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Choose a source and a folder to import into.</source>
        <translation>Wählen Sie eine Quelle und einen Zielordner für den Import.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Importing {source}…</source>
        <translation>{source} wird importiert…</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Nothing was imported: {message}</source>
        <translation>Nichts wurde importiert: {message}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Choose a spreadsheet or export</source>
        <translation>Tabelle oder Export auswählen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Choose a folder of scans</source>
        <translation>Ordner mit Scans auswählen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Choose the archive folder</source>
        <translation>Archivordner auswählen</translation>
    </message>
</context>
<context>
    <name>KioskShell</name>
    <message>
        <location filename="../../viewer/ui/kiosk/shell.py" line="+82"/>
        <source>Archive Viewer kiosk</source>
        <translation>Archive Viewer im Kioskmodus</translation>
    </message>
    <message>
        <location line="+78"/>
        <source>Larger text</source>
        <translation>Größere Schrift</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>High contrast</source>
        <translation>Hoher Kontrast</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Print</source>
        <translation>Drucken</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Start over</source>
        <translation>Von vorn beginnen</translation>
    </message>
    <message>
        <location line="+350"/>
        <source>Printing on the reading room printer.</source>
        <translation>Wird auf dem Drucker des Lesesaals gedruckt.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Printing is not available right now. Please ask the staff.</source>
        <translation>Drucken ist im Moment nicht möglich. Bitte wenden Sie sich an das Personal.</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Too many wrong PINs. Wait {seconds} s before trying again.</source>
        <translation>Zu viele falsche PINs. Warten Sie {seconds} s, bevor Sie es erneut versuchen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Wrong PIN. Wait {seconds} s before trying again.</source>
        <translation>Falsche PIN. Warten Sie {seconds} s, bevor Sie es erneut versuchen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Wrong PIN.</source>
        <translation>Falsche PIN.</translation>
    </message>
</context>
<context>
    <name>LibraryModel</name>
    <message>
        <location filename="../../viewer/ui/library_entries.py" line="+31"/>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Undated</source>
        <translation>Undatiert</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>{title} — Cannot be read: {reason}</source>
        <translation>{title} – nicht lesbar: {reason}</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>{folder}
Cannot be read: {reason}</source>
        <translation>{folder}
Nicht lesbar: {reason}</translation>
    </message>
    <message>
        <location line="+97"/>
        <source>Cannot be read</source>
        <translation>Nicht lesbar</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No collection</source>
        <translation>Ohne Sammlung</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/library_model.py" line="+44"/>
        <source>No text layer: only machine reading (OCR) can give its text</source>
        <translation>Keine Textebene: nur maschinelles Lesen (OCR) kann ihren Text liefern</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/library_entries.py" line="-35"/>
        <source>{decade}s</source>
        <translation>{decade}er</translation>
    </message>
</context>
<context>
    <name>LibraryPanel</name>
    <message>
        <location line="-148"/>
        <source>None</source>
        <translation>Keine</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Collection</source>
        <translation>Sammlung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Year</source>
        <translation>Jahr</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Decade</source>
        <translation>Jahrzehnt</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/library.py" line="+43"/>
        <source>Library</source>
        <translation>Bestand</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Filter records</source>
        <translation>Dokumente filtern</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Filter by title, date or ID</source>
        <translation>Nach Titel, Datum oder ID filtern</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+6"/>
        <source>Group by</source>
        <translation>Gruppieren nach</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Record count</source>
        <translation>Anzahl der Dokumente</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Library records</source>
        <translation>Dokumente des Bestands</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Show ID Column</source>
        <translation>Spalte „ID“ anzeigen</translation>
    </message>
    <message>
        <location line="+203"/>
        <source>Listing {total} records…</source>
        <translation>{total} Datensätze werden aufgelistet…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{total} record</source>
        <translation>{total} Dokument</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>{total} records</source>
        <translation>{total} Dokumente</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{shown} of {total} record</source>
        <translation>{shown} von {total} Dokument</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{shown} of {total} records</source>
        <translation>{shown} von {total} Dokumenten</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{count}; {unread} still being read</source>
        <translation>{count}; {unread} werden noch gelesen</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../viewer/ui/actions.py" line="+50"/>
        <location filename="../../viewer/ui/main_window.py" line="+175"/>
        <source>Records</source>
        <translation>Dokumente</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/main_window.py" line="+5"/>
        <source>Search</source>
        <translation>Suche</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/actions.py" line="+9"/>
        <location filename="../../viewer/ui/main_window.py" line="+6"/>
        <source>Metadata</source>
        <translation>Metadaten</translation>
    </message>
    <message>
        <location line="+8"/>
        <location filename="../../viewer/ui/main_window.py" line="+3"/>
        <source>Cite</source>
        <translation>Zitieren</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/main_window.py" line="-53"/>
        <source>Record position</source>
        <translation>Position des Dokuments</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>{title} panel</source>
        <translation>Bereich {title}</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/actions.py" line="-251"/>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <location line="+80"/>
        <source>&amp;Open…</source>
        <translation>Ö&amp;ffnen…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Open &amp;Folder…</source>
        <translation>&amp;Ordner öffnen…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Import…</source>
        <translation>&amp;Importieren…</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/main_window.py" line="+77"/>
        <source>Open &amp;Recent</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/actions.py" line="+6"/>
        <source>Spreadsheet &amp;Columns…</source>
        <translation>Tabellen&amp;spalten…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Copy &amp;Citation</source>
        <translation>&amp;Zitierangabe kopieren</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <location line="-150"/>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <location line="+158"/>
        <source>&amp;Find in Document…</source>
        <translation>&amp;Im Dokument suchen…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Search the Archive…</source>
        <translation>&amp;Archiv durchsuchen…</translation>
    </message>
    <message>
        <location line="-165"/>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Notes</source>
        <translation>&amp;Notizen</translation>
    </message>
    <message>
        <location line="+112"/>
        <source>&amp;Print…</source>
        <translation>&amp;Drucken…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Export &amp;Reading Copy…</source>
        <translation>&amp;Lesekopie exportieren…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Export Transcript as &amp;Text…</source>
        <translation>Transkription als &amp;Text exportieren…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Export Transcript as &amp;Markdown…</source>
        <translation>Transkription als &amp;Markdown exportieren…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Export Transcript as &amp;HTML…</source>
        <translation>Transkription als &amp;HTML exportieren…</translation>
    </message>
    <message>
        <location line="+114"/>
        <location filename="../../viewer/ui/main_window.py" line="-87"/>
        <source>Notes</source>
        <translation>Notizen</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Larger Text</source>
        <translation>&amp;Größere Schrift</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Smaller Text</source>
        <translation>&amp;Kleinere Schrift</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Focus &amp;Transcript</source>
        <translation>Zur &amp;Transkription wechseln</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Focus S&amp;can</source>
        <translation>Zum &amp;Digitalisat wechseln</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Focus &amp;Records</source>
        <translation>Zur Dokument&amp;liste wechseln</translation>
    </message>
    <message>
        <location line="-312"/>
        <source>&amp;Go</source>
        <translation>&amp;Gehe zu</translation>
    </message>
    <message>
        <location line="+395"/>
        <source>&amp;Next Record</source>
        <translation>&amp;Nächstes Dokument</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Previous Record</source>
        <translation>&amp;Vorheriges Dokument</translation>
    </message>
    <message>
        <location line="-402"/>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <location line="+421"/>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>&amp;Tastenkürzel</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Messages of This Session</source>
        <translation>&amp;Meldungen dieser Sitzung</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;About Archive Viewer</source>
        <translation>Ü&amp;ber Archive Viewer</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/main_window.py" line="+102"/>
        <source>Lan&amp;guage</source>
        <translation>&amp;Sprache</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>System Language</source>
        <translation>Systemsprache</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>The language cannot be kept for the next start: {reason}.</source>
        <translation>Die Sprache kann für den nächsten Start nicht gespeichert werden: {reason}.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>the system language</source>
        <translation>Systemsprache</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The interface will be in {language} from the next start.</source>
        <translation>Die Sprache der Oberfläche ({language}) gilt ab dem nächsten Start.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Links are not followed: {url}</source>
        <translation>Links werden nicht geöffnet: {url}</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/actions.py" line="-237"/>
        <source>Side &amp;by Side</source>
        <translation>&amp;Nebeneinander</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Stac&amp;ked</source>
        <translation>&amp;Untereinander</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Transcript &amp;Only</source>
        <translation>Nur Tr&amp;anskription</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Scan O&amp;nly</source>
        <translation>Nur Digital&amp;isat</translation>
    </message>
    <message>
        <location line="+106"/>
        <source>Add Note to &amp;Record…</source>
        <translation>Notiz zum &amp;Dokument…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Note on &amp;Selection…</source>
        <translation>Notiz zur &amp;Auswahl…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Highlight Selection</source>
        <translation>Auswahl &amp;markieren</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&amp;Bookmark Page</source>
        <translation>&amp;Lesezeichen auf Seite</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Add to Reading &amp;List…</source>
        <translation>Zu Leseliste &amp;hinzufügen…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;All Notes…</source>
        <translation>Alle N&amp;otizen…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Export Notes as Markdown…</source>
        <translation>Notizen als Markdown &amp;exportieren…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Export All Notes…</source>
        <translation>Alle Notizen exportieren…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Import Notes…</source>
        <translation>Notizen &amp;importieren…</translation>
    </message>
    <message>
        <location line="+143"/>
        <source>Transcript text larger / smaller</source>
        <translation>Schrift der Transkription größer / kleiner</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/main_window.py" line="+193"/>
        <source>Keyboard shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No messages.</source>
        <translation>Keine Meldungen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Messages</source>
        <translation>Meldungen</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>About Archive Viewer</source>
        <translation>Über Archive Viewer</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Archive Viewer: the transcript of a historical document beside its original scan, with its metadata and citation. Works offline; never uses the network.</source>
        <translation>Archive Viewer: die Transkription eines historischen Dokuments neben dem Digitalisat des Originals, mit Metadaten und Zitierangabe. Arbeitet offline und greift nie auf das Netz zu.</translation>
    </message>
</context>
<context>
    <name>MessageBar</name>
    <message>
        <location filename="../../viewer/ui/messages.py" line="+36"/>
        <source>Messages</source>
        <translation>Meldungen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dismiss</source>
        <translation>Ausblenden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dismiss message</source>
        <translation>Meldung ausblenden</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>info</source>
        <translation>Hinweis</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>error</source>
        <translation>Fehler</translation>
    </message>
</context>
<context>
    <name>MetadataPanel</name>
    <message>
        <location filename="../../viewer/ui/metadata_panel.py" line="+64"/>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Summary</source>
        <translation>Inhalt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type</source>
        <translation>Art</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Author</source>
        <translation>Verfasser</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Recipient</source>
        <translation>Empfänger</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Source note</source>
        <translation>Anmerkung zur Quelle</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Collection</source>
        <translation>Sammlung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Translator</source>
        <translation>Übersetzung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contributors</source>
        <translation>Mitwirkende</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Original language</source>
        <translation>Originalsprache</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Available in</source>
        <translation>Verfügbar als</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>People</source>
        <translation>Personen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Places</source>
        <translation>Orte</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Subjects</source>
        <translation>Schlagwörter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scan</source>
        <translation>Digitalisat</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rights</source>
        <translation>Rechte</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Support</source>
        <translation>Förderung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Publisher</source>
        <translation>Herausgeber</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Relation</source>
        <translation>Beziehung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Coverage</source>
        <translation>Geltungsbereich</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Identifier</source>
        <translation>Kennung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Number</source>
        <translation>Nummer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pages</source>
        <translation>Umfang</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Web address</source>
        <translation>Webadresse</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Record ID</source>
        <translation>Dokument-ID</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Record metadata</source>
        <translation>Metadaten des Dokuments</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+2"/>
        <source>Copy citation</source>
        <translation>Zitierangabe kopieren</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copy this record&apos;s citation to the clipboard (Ctrl+Shift+C)</source>
        <translation>Die Zitierangabe dieses Dokuments in die Zwischenablage kopieren (Strg+Umschalt+C)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Citation status</source>
        <translation>Status der Zitierangabe</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Citation</source>
        <translation>Zitierangabe</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Metadata fields</source>
        <translation>Metadatenfelder</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Folder</source>
        <translation>Ordner</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>… ({count} more characters not shown)</source>
        <translation>… ({count} weitere Zeichen nicht angezeigt)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>(guessed)</source>
        <translation>(vermutet)</translation>
    </message>
</context>
<context>
    <name>NoteDialog</name>
    <message>
        <location filename="../../viewer/ui/notes_panel.py" line="+265"/>
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your note (plain text; *emphasis* and lists)</source>
        <translation>Ihre Notiz (Klartext; *Hervorhebung* und Listen)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Tags</source>
        <translation>Schlagwörter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tags, separated by commas</source>
        <translation>Schlagwörter, durch Kommas getrennt</translation>
    </message>
</context>
<context>
    <name>NotesFeature</name>
    <message>
        <location filename="../../viewer/ui/notes_feature.py" line="+78"/>
        <source>This Record</source>
        <translation>Dieses Dokument</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reading Lists</source>
        <translation>Leselisten</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Notes cannot be saved: {reason}. The notes saved before are kept and shown.</source>
        <translation>Notizen können nicht gespeichert werden: {reason}. Die zuvor gespeicherten Notizen bleiben erhalten und werden angezeigt.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Highlight &amp;Colour</source>
        <translation>Markierungs&amp;farbe</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Yellow</source>
        <translation>Gelb</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Green</source>
        <translation>Grün</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Blue</source>
        <translation>Blau</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pink</source>
        <translation>Rosa</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Your notes cannot be read: {reason}. The file is left as it is.</source>
        <translation>Ihre Notizen können nicht gelesen werden: {reason}. Die Datei bleibt, wie sie ist.</translation>
    </message>
    <message>
        <location line="+100"/>
        <source>The place of this note is not found in the text.</source>
        <translation>Die Stelle dieser Notiz wird im Text nicht gefunden.</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>“{record}” is a record of {archive}, last seen in {folder}: open that archive to see it.</source>
        <translation>„{record}“ ist ein Dokument aus {archive}, zuletzt gesehen in {folder}: Öffnen Sie dieses Archiv, um es zu sehen.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>a document opened on its own</source>
        <translation>einem einzeln geöffneten Dokument</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Open a record to write notes on it.</source>
        <translation>Öffnen Sie ein Dokument, um Notizen dazu zu schreiben.</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>This note could not be saved: {reason}. Its words are on the clipboard; the notes saved before are kept.</source>
        <translation>Diese Notiz konnte nicht gespeichert werden: {reason}. Ihr Text liegt in der Zwischenablage; die zuvor gespeicherten Notizen bleiben erhalten.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>This could not be saved: {reason}. The notes saved before are kept.</source>
        <translation>Dies konnte nicht gespeichert werden: {reason}. Die zuvor gespeicherten Notizen bleiben erhalten.</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Note on the record</source>
        <translation>Notiz zum Dokument</translation>
    </message>
    <message>
        <location line="+30"/>
        <location line="+7"/>
        <source>Select a passage of the transcript first.</source>
        <translation>Wählen Sie zuerst eine Stelle der Transkription aus.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Note on the passage</source>
        <translation>Notiz zur Stelle</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Edit note</source>
        <translation>Notiz bearbeiten</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Note deleted</source>
        <translation>Notiz gelöscht</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>This record has no notes to export.</source>
        <translation>Dieses Dokument hat keine Notizen zum Exportieren.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Export notes as Markdown</source>
        <translation>Notizen als Markdown exportieren</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Markdown (*.md);;All files (*)</source>
        <translation>Markdown (*.md);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The notes could not be written to {file}: {reason}. Choose a folder you can write to.</source>
        <translation>Die Notizen konnten nicht nach {file} geschrieben werden: {reason}. Wählen Sie einen Ordner, in den Sie schreiben dürfen.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Notes exported to {file}</source>
        <translation>Notizen nach {file} exportiert</translation>
    </message>
</context>
<context>
    <name>NotesPanel</name>
    <message>
        <location filename="../../viewer/ui/notes_panel.py" line="-213"/>
        <source>On the record</source>
        <translation>Zum Dokument</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Highlight on scan page {page}</source>
        <translation>Markierung auf Scanseite {page}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Bookmark, scan page {page}</source>
        <translation>Lesezeichen, Scanseite {page}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>place not found</source>
        <translation>Stelle nicht gefunden</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>Notes</source>
        <translation>Notizen</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Notes on this record</source>
        <translation>Notizen zu diesem Dokument</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Add Note…</source>
        <translation>Notiz hinzufügen…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Edit…</source>
        <translation>Bearbeiten…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>No notes on this record yet.</source>
        <translation>Noch keine Notizen zu diesem Dokument.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>1 note on this record</source>
        <translation>1 Notiz zu diesem Dokument</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{count} notes on this record</source>
        <translation>{count} Notizen zu diesem Dokument</translation>
    </message>
</context>
<context>
    <name>NotesTransfer</name>
    <message>
        <location filename="../../viewer/ui/notes_transfer.py" line="+41"/>
        <source>Export all notes</source>
        <translation>Alle Notizen exportieren</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+39"/>
        <source>Notes of Archive Viewer (*.json);;All files (*)</source>
        <translation>Notizen von Archive Viewer (*.json);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location line="-23"/>
        <source>The notes could not be written to {file}: {reason}. Choose a folder you can write to.</source>
        <translation>Die Notizen konnten nicht nach {file} geschrieben werden: {reason}. Wählen Sie einen Ordner, in den Sie schreiben dürfen.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>All your notes ({count}) exported to {file}</source>
        <translation>Alle Ihre Notizen ({count}) nach {file} exportiert</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Import notes</source>
        <translation>Notizen importieren</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>The notes of {file} could not be imported: {reason}. The notes here are as they were.</source>
        <translation>Die Notizen aus {file} konnten nicht importiert werden: {reason}. Die Notizen hier bleiben, wie sie waren.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Notes imported from {file}: {added} new, {known} here already</source>
        <translation>Notizen aus {file} importiert: {added} neu, {known} schon vorhanden</translation>
    </message>
</context>
<context>
    <name>Numbers</name>
    <message>
        <location filename="../../viewer/services/i18n.py" line="+105"/>
        <source>,</source>
        <comment>thousands separator in 5,000</comment>
        <translation>.</translation>
    </message>
</context>
<context>
    <name>OcrFeature</name>
    <message>
        <location filename="../../viewer/ui/ocr_feature.py" line="+82"/>
        <source>OCR progress</source>
        <translation>Fortschritt der Texterkennung</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+99"/>
        <source>Pause OCR</source>
        <translation>Texterkennung anhalten</translation>
    </message>
    <message>
        <location line="-98"/>
        <source>Pause or resume reading image-only pages</source>
        <translation>Das Lesen von Seiten ohne Textebene anhalten oder fortsetzen</translation>
    </message>
    <message>
        <location line="+92"/>
        <source>OCR: {message}</source>
        <translation>Texterkennung: {message}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Resume OCR</source>
        <translation>Texterkennung fortsetzen</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>OCR: all {total} pages read</source>
        <translation>Texterkennung: alle {total} Seiten gelesen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>OCR: {done} of {total} pages read</source>
        <translation>Texterkennung: {done} von {total} Seiten gelesen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source> (paused)</source>
        <translation> (angehalten)</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Page {number}</source>
        <translation>Seite {number}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Machine-read text (OCR, unchecked)</source>
        <translation>Maschinell gelesener Text (OCR, ungeprüft)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Read from the scan by OCR and checked by no one. Words it is unsure of are highlighted; compare with the scan before quoting.</source>
        <translation>Per OCR aus dem Digitalisat gelesen und von niemandem geprüft. Unsichere Wörter sind hervorgehoben; vor dem Zitieren mit dem Digitalisat vergleichen.</translation>
    </message>
</context>
<context>
    <name>Opening</name>
    <message>
        <location filename="../../viewer/ui/opening.py" line="+34"/>
        <source>Loading progress</source>
        <translation>Ladefortschritt</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Opening {path}…</source>
        <translation>{path} wird geöffnet…</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Records</source>
        <translation>Dokumente</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Records ({count})</source>
        <translation>Dokumente ({count})</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The password for {file} is not correct. Try again:</source>
        <translation>Das Passwort für {file} ist nicht richtig. Versuchen Sie es noch einmal:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{file} is encrypted. Enter its password to open it:</source>
        <translation>{file} ist verschlüsselt. Geben Sie das Passwort ein, um die Datei zu öffnen:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Password needed</source>
        <translation>Passwort erforderlich</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>The columns of {sheet} were recognised by their names. Check them in File &gt; Spreadsheet Columns…</source>
        <translation>Die Spalten von {sheet} wurden an ihren Namen erkannt. Prüfen Sie sie unter Datei &gt; Tabellenspalten…</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Open a PDF, a record or a spreadsheet of records</source>
        <translation>PDF, Datensatz oder Tabelle von Datensätzen öffnen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>PDF or record (*.pdf record.toml archive.toml);;Spreadsheet of records (*.csv *.tsv *.xlsx);;All files (*)</source>
        <translation>PDF oder Datensatz (*.pdf record.toml archive.toml);;Tabelle von Datensätzen (*.csv *.tsv *.xlsx);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Open an archive or record folder</source>
        <translation>Archiv- oder Dokumentordner öffnen</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>No recent archives</source>
        <translation>Keine zuletzt geöffneten Archive</translation>
    </message>
</context>
<context>
    <name>PageArea</name>
    <message>
        <location filename="../../viewer/ui/scan_area.py" line="+89"/>
        <source>Scan pages</source>
        <translation>Seiten des Digitalisats</translation>
    </message>
    <message>
        <location line="+88"/>
        <source>Page {number} cannot be shown.

{reason}</source>
        <translation>Seite {number} kann nicht angezeigt werden.

{reason}</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Page {number}</source>
        <translation>Seite {number}</translation>
    </message>
</context>
<context>
    <name>PinPad</name>
    <message>
        <location filename="../../viewer/ui/kiosk/overlays.py" line="+43"/>
        <source>Staff exit</source>
        <translation>Beenden durch das Personal</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>PIN pad</source>
        <translation>PIN-Tastenfeld</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Staff exit: enter the PIN</source>
        <translation>Beenden durch das Personal: PIN eingeben</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>PIN entered</source>
        <translation>Eingegebene PIN</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>PIN message</source>
        <translation>Meldung zur PIN</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Clear</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>PIN {digit}</source>
        <translation>PIN {digit}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel staff exit</source>
        <translation>Beenden durch das Personal abbrechen</translation>
    </message>
</context>
<context>
    <name>PrintFeature</name>
    <message>
        <location filename="../../viewer/ui/print_feature.py" line="+38"/>
        <source>Plain text</source>
        <translation>Reiner Text</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Markdown</source>
        <translation>Markdown</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>HTML</source>
        <translation>HTML</translation>
    </message>
    <message>
        <location line="+91"/>
        <location line="+79"/>
        <source>Open a record first: there is nothing to print or export.</source>
        <translation>Öffnen Sie zuerst ein Dokument: Es gibt nichts zu drucken oder zu exportieren.</translation>
    </message>
    <message>
        <location line="-63"/>
        <source>Preparing {count} scan pages…</source>
        <translation>{count} Scanseiten werden vorbereitet…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{count} scan pages could not be drawn and are left out.</source>
        <translation>{count} Scanseiten konnten nicht gezeichnet werden und fehlen.</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Print Preview</source>
        <translation>Druckvorschau</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Export a reading copy</source>
        <translation>Eine Lesekopie exportieren</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>The reading copy could not be written to {file}: {reason}. Choose a folder you can write to.</source>
        <translation>Die Lesekopie konnte nicht nach {file} geschrieben werden: {reason}. Wählen Sie einen Ordner, in den Sie schreiben dürfen.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Reading copy of {count} pages written to {file}</source>
        <translation>Lesekopie mit {count} Seiten nach {file} geschrieben</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>This record has no transcript to export.</source>
        <translation>Dieses Dokument hat keine Transkription zum Exportieren.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Export the transcript as {format}</source>
        <translation>Die Transkription als {format} exportieren</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The transcript could not be written to {file}: {reason}. Choose a folder you can write to.</source>
        <translation>Die Transkription konnte nicht nach {file} geschrieben werden: {reason}. Wählen Sie einen Ordner, in den Sie schreiben dürfen.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Transcript written to {file}</source>
        <translation>Transkription nach {file} geschrieben</translation>
    </message>
</context>
<context>
    <name>ReadingLists</name>
    <message>
        <location filename="../../viewer/ui/reading_lists.py" line="+207"/>
        <source>Add to reading list</source>
        <translation>Zu Leseliste hinzufügen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reading list (choose one, or type a new name):</source>
        <translation>Leseliste (wählen Sie eine oder geben Sie einen neuen Namen ein):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Chapter 1</source>
        <translation>Kapitel 1</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Added to the reading list “{name}”</source>
        <translation>Zur Leseliste „{name}“ hinzugefügt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This record is in the reading list “{name}” already</source>
        <translation>Dieses Dokument ist schon in der Leseliste „{name}“</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>There is no reading list to export.</source>
        <translation>Es gibt keine Leseliste zum Exportieren.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Export reading list as Markdown</source>
        <translation>Leseliste als Markdown exportieren</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Markdown (*.md);;All files (*)</source>
        <translation>Markdown (*.md);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The reading list could not be written to {file}: {reason}. Choose a folder you can write to.</source>
        <translation>Die Leseliste konnte nicht nach {file} geschrieben werden: {reason}. Wählen Sie einen Ordner, in den Sie schreiben dürfen.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Reading list exported to {file}</source>
        <translation>Leseliste nach {file} exportiert</translation>
    </message>
</context>
<context>
    <name>ReadingListsPanel</name>
    <message>
        <location line="-242"/>
        <source>Reading lists</source>
        <translation>Leselisten</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reading list</source>
        <translation>Leseliste</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Records of the reading list</source>
        <translation>Dokumente der Leseliste</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Up</source>
        <translation>Nach oben</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Down</source>
        <translation>Nach unten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Markdown with Notes…</source>
        <translation>Markdown mit Notizen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export</source>
        <translation>Exportieren</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>No reading lists yet: Notes &gt; Add to Reading List starts one.</source>
        <translation>Noch keine Leselisten: Notizen &gt; Zu Leseliste hinzufügen beginnt eine.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>1 record</source>
        <translation>1 Dokument</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{count} records</source>
        <translation>{count} Dokumente</translation>
    </message>
</context>
<context>
    <name>ReadingSession</name>
    <message>
        <location filename="../../viewer/services/reading_session.py" line="+166"/>
        <source>{file}: the file is a link that leads back to itself.</source>
        <translation>{file}: Die Datei ist eine Verknüpfung, die auf sich selbst zurückführt.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{file}: the file does not exist. Check the path.</source>
        <translation>{file}: Die Datei existiert nicht. Prüfen Sie den Pfad.</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>The open folder changed on disk and cannot be read any more: {reason} What was read before is still shown; open it again once it is back.</source>
        <translation>Der geöffnete Ordner hat sich auf dem Datenträger geändert und ist nicht mehr lesbar: {reason} Was zuvor gelesen wurde, bleibt angezeigt; öffnen Sie ihn erneut, sobald er wieder da ist.</translation>
    </message>
    <message>
        <location line="+113"/>
        <source>{broken} of {total} records in {archive} cannot be read ({names}); they are listed with the reason. Run “archive-viewer check {root}” for the details.</source>
        <translation>{broken} von {total} Dokumenten in {archive} sind nicht lesbar ({names}); sie werden mit dem Grund aufgeführt. Einzelheiten liefert „archive-viewer check {root}“.</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>{folder}: this record is no longer in the archive on disk (removed or renamed). It stays on screen until another record is opened.</source>
        <translation>{folder}: Dieses Dokument ist nicht mehr im Archiv auf dem Datenträger (entfernt oder umbenannt). Es bleibt angezeigt, bis ein anderes Dokument geöffnet wird.</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>This record cannot be read, so there is no scan to show.</source>
        <translation>Dieses Dokument ist nicht lesbar; daher kann kein Digitalisat angezeigt werden.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This record cannot be read: {reason}</source>
        <translation>Dieses Dokument ist nicht lesbar: {reason}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>This record has no scan.</source>
        <translation>Zu diesem Dokument gibt es kein Digitalisat.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Reading the PDF&apos;s text layer…</source>
        <translation>Die Textebene des PDF wird gelesen…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This record has no transcript. The scan is shown on its own.</source>
        <translation>Zu diesem Dokument gibt es keine Transkription. Das Digitalisat wird allein angezeigt.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This record has neither a transcript nor a scan.</source>
        <translation>Zu diesem Dokument gibt es weder eine Transkription noch ein Digitalisat.</translation>
    </message>
    <message>
        <location line="+82"/>
        <source>This text is the PDF&apos;s own text layer (often machine-read), not an edited transcript.</source>
        <translation>Dieser Text ist die Textebene des PDF (oft maschinell erkannt), keine redigierte Transkription.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The transcript cannot be shown. {reason}</source>
        <translation>Die Transkription kann nicht angezeigt werden. {reason}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{reason}. The scan and metadata are still shown.</source>
        <translation>{reason}. Digitalisat und Metadaten werden weiterhin angezeigt.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{file}: {notices}.</source>
        <translation>{file}: {notices}.</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>No transcript: this PDF has no text layer. The scan is shown on its own.</source>
        <translation>Keine Transkription: Dieses PDF hat keine Textebene. Das Digitalisat wird allein angezeigt.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No transcript: the text layer cannot be read ({reason}).</source>
        <translation>Keine Transkription: Die Textebene ist nicht lesbar ({reason}).</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>No transcript: the PDF cannot be opened (the message above says why).</source>
        <translation>Keine Transkription: Das PDF kann nicht geöffnet werden (die Meldung oben sagt, warum).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{reason} Open another file with Ctrl+O, or drop one on this window.</source>
        <translation>{reason} Öffnen Sie eine andere Datei mit Strg+O oder ziehen Sie eine auf dieses Fenster.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{reason} The transcript and metadata are still shown.</source>
        <translation>{reason} Transkription und Metadaten werden weiterhin angezeigt.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{reason} The metadata is still shown.</source>
        <translation>{reason} Die Metadaten werden weiterhin angezeigt.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>“{title}”: {message}</source>
        <translation>„{title}“: {message}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This scan cannot be shown: the message above says why.</source>
        <translation>Dieser Scan kann nicht angezeigt werden: Die Meldung oben sagt, warum.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>{file} is encrypted: it is shown only with its password.</source>
        <translation>{file} ist verschlüsselt und wird nur mit dem Passwort angezeigt.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>No transcript: {file} is encrypted, and its text is read only once it is opened with its password.</source>
        <translation>Keine Transkription: {file} ist verschlüsselt; der Text wird erst gelesen, wenn die Datei mit ihrem Passwort geöffnet ist.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{file}: the PDF is encrypted and needs a password. Open it again to enter it.</source>
        <translation>{file}: Das PDF ist verschlüsselt und braucht ein Passwort. Öffnen Sie es erneut, um es einzugeben.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The page renderer stopped unexpectedly (a damaged PDF may have crashed it) and was restarted; the pages are being drawn again.</source>
        <translation>Die Seitendarstellung wurde unerwartet beendet (vielleicht durch ein beschädigtes PDF) und neu gestartet; die Seiten werden neu gezeichnet.</translation>
    </message>
</context>
<context>
    <name>ReadingZoom</name>
    <message>
        <location filename="../../viewer/ui/actions.py" line="-256"/>
        <location filename="../../viewer/ui/zoom_keys.py" line="+48"/>
        <source>Zoom &amp;In</source>
        <translation>&amp;Vergrößern</translation>
    </message>
    <message>
        <location line="+11"/>
        <location filename="../../viewer/ui/zoom_keys.py" line="+1"/>
        <source>Zoom O&amp;ut</source>
        <translation>V&amp;erkleinern</translation>
    </message>
</context>
<context>
    <name>RecordDisplay</name>
    <message>
        <location filename="../../viewer/ui/record_display.py" line="+65"/>
        <source>Record {number} of {total}</source>
        <translation>Dokument {number} von {total}</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>{style} has no entry for this record</source>
        <translation>{style} sieht für dieses Dokument keinen Eintrag vor</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Citation copied ({style})</source>
        <translation>Zitierangabe kopiert ({style})</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{style} citation copied to the clipboard</source>
        <translation>Zitierangabe ({style}) in die Zwischenablage kopiert</translation>
    </message>
</context>
<context>
    <name>ScanHits</name>
    <message>
        <location filename="../../viewer/ui/scan_hits.py" line="+162"/>
        <source>“{query}”: no hits on the scan</source>
        <translation>„{query}“: keine Treffer im Digitalisat</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>“{query}”: no hits on the scan so far</source>
        <translation>„{query}“: bisher keine Treffer im Digitalisat</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>“{query}”: 1 hit on the scan</source>
        <translation>„{query}“: 1 Treffer im Digitalisat</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>“{query}”: 1 hit on the scan so far</source>
        <translation>„{query}“: bisher 1 Treffer im Digitalisat</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>“{query}”: {count} hits on the scan</source>
        <translation>„{query}“: {count} Treffer im Digitalisat</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>“{query}”: {count} hits on the scan so far</source>
        <translation>„{query}“: bisher {count} Treffer im Digitalisat</translation>
    </message>
</context>
<context>
    <name>ScanNotes</name>
    <message>
        <location filename="../../viewer/ui/scan_notes.py" line="+104"/>
        <source>Select words on the scan, or draw an area with Shift held.</source>
        <translation>Wählen Sie Wörter auf dem Scan aus, oder ziehen Sie mit gedrückter Umschalttaste einen Bereich auf.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Note on the highlight, scan page {page}</source>
        <translation>Notiz zur Markierung, Scanseite {page}</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>This record has no scan page to bookmark.</source>
        <translation>Dieses Dokument hat keine Scanseite für ein Lesezeichen.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Scan page {page} bookmarked</source>
        <translation>Lesezeichen auf Scanseite {page} gesetzt</translation>
    </message>
</context>
<context>
    <name>ScanPane</name>
    <message>
        <location filename="../../viewer/ui/scan_view.py" line="+45"/>
        <source>This scan has no text layer: its text cannot be selected or copied.</source>
        <translation>Dieses Digitalisat hat keine Textebene: Sein Text kann weder markiert noch kopiert werden.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This scan has no text layer: hits are marked in the transcript only.</source>
        <translation>Dieses Digitalisat hat keine Textebene: Treffer werden nur in der Transkription markiert.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Scan</source>
        <translation>Digitalisat</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Scan shown</source>
        <translation>Angezeigter Scan</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+1"/>
        <source>Scan tools</source>
        <translation>Werkzeuge für das Digitalisat</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Page number</source>
        <translation>Seitenzahl</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Page count</source>
        <translation>Seitenanzahl</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Scan notices</source>
        <translation>Hinweise zum Digitalisat</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/scan_toolbar.py" line="+53"/>
        <source>{tool} ({keys})</source>
        <comment>a scan tool&apos;s tooltip: its name and shortcut</comment>
        <translation>{tool} ({keys})</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/actions.py" line="+154"/>
        <location filename="../../viewer/ui/scan_toolbar.py" line="+17"/>
        <source>Zoom out</source>
        <translation>Verkleinern</translation>
    </message>
    <message>
        <location line="+9"/>
        <location filename="../../viewer/ui/scan_toolbar.py" line="+6"/>
        <source>Zoom in</source>
        <translation>Vergrößern</translation>
    </message>
    <message>
        <location line="+9"/>
        <location filename="../../viewer/ui/scan_toolbar.py" line="+8"/>
        <source>Fit width</source>
        <translation>An Breite anpassen</translation>
    </message>
    <message>
        <location line="+9"/>
        <location filename="../../viewer/ui/scan_toolbar.py" line="+6"/>
        <source>Fit page</source>
        <translation>An Seite anpassen</translation>
    </message>
    <message>
        <location line="+9"/>
        <location filename="../../viewer/ui/scan_toolbar.py" line="+6"/>
        <source>Actual size</source>
        <translation>Originalgröße</translation>
    </message>
    <message>
        <location line="+9"/>
        <location filename="../../viewer/ui/scan_toolbar.py" line="+11"/>
        <source>Rotate document left</source>
        <translation>Digitalisat nach links drehen</translation>
    </message>
    <message>
        <location line="+9"/>
        <location filename="../../viewer/ui/scan_toolbar.py" line="+6"/>
        <source>Rotate document right</source>
        <translation>Digitalisat nach rechts drehen</translation>
    </message>
    <message>
        <location line="+9"/>
        <location filename="../../viewer/ui/scan_toolbar.py" line="+6"/>
        <source>Rotate this page</source>
        <translation>Diese Seite drehen</translation>
    </message>
    <message>
        <location line="-93"/>
        <location filename="../../viewer/ui/scan_toolbar.py" line="+5"/>
        <source>Go to page</source>
        <translation>Gehe zu Seite</translation>
    </message>
    <message>
        <location line="+102"/>
        <location filename="../../viewer/ui/scan_toolbar.py" line="+5"/>
        <source>Copy text</source>
        <translation>Text kopieren</translation>
    </message>
    <message>
        <location line="+10"/>
        <location filename="../../viewer/ui/scan_toolbar.py" line="+20"/>
        <source>Thumbnails</source>
        <translation>Miniaturansichten</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/scan_toolbar.py" line="+12"/>
        <source>↻ page</source>
        <comment>short label of Rotate this page</comment>
        <translation>↻ Seite</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>More scan tools</source>
        <translation>Weitere Werkzeuge für das Digitalisat</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/scan_view.py" line="+93"/>
        <source>Opening {file}…</source>
        <translation>{file} wird geöffnet…</translation>
    </message>
    <message>
        <location line="+253"/>
        <source>Only 1 of {total} pages has a text layer to select from.</source>
        <translation>Nur 1 von {total} Seiten hat eine Textebene, in der Text markiert werden kann.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Only {count} of {total} pages have a text layer to select from.</source>
        <translation>Nur {count} von {total} Seiten haben eine Textebene, in der Text markiert werden kann.</translation>
    </message>
    <message>
        <location line="+107"/>
        <source>of {count}</source>
        <comment>after the page number box: page 3 of 12</comment>
        <translation>von {count}</translation>
    </message>
</context>
<context>
    <name>SearchFeature</name>
    <message>
        <location filename="../../viewer/ui/search_feature.py" line="+96"/>
        <source>Search is not available on this computer.</source>
        <translation>Die Suche ist auf diesem Computer nicht verfügbar.</translation>
    </message>
    <message>
        <location line="+129"/>
        <source>Search: 1 record or file could not be indexed and is not searchable ({reason}).</source>
        <translation>Suche: Ein Dokument oder eine Datei konnte nicht indexiert werden und ist nicht durchsuchbar ({reason}).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Search: {count} records or files could not be indexed and are not searchable (first: {reason}).</source>
        <translation>Suche: {count} Dokumente oder Dateien konnten nicht indexiert werden und sind nicht durchsuchbar (zuerst: {reason}).</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Search: {reason}</source>
        <translation>Suche: {reason}</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Search: a change to the archive could not be indexed ({reason}).</source>
        <translation>Suche: Eine Änderung im Archiv konnte nicht indexiert werden ({reason}).</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The search results cannot be exported: {reason}</source>
        <translation>Die Suchergebnisse können nicht exportiert werden: {reason}</translation>
    </message>
</context>
<context>
    <name>SearchPanel</name>
    <message>
        <location filename="../../viewer/ui/search_results.py" line="+43"/>
        <source>No records match</source>
        <translation>Keine Dokumente gefunden</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{total} records; {shown} listed, more as you scroll</source>
        <translation>{total} Dokumente; {shown} aufgelistet, weitere beim Blättern</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{total} record</source>
        <translation>{total} Dokument</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{total} records</source>
        <translation>{total} Dokumente</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Undated</source>
        <translation>Undatiert</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Your note:</source>
        <translation>Ihre Notiz:</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/search_facets.py" line="+60"/>
        <source>With a text layer</source>
        <translation>Mit Textebene</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Without a text layer</source>
        <translation>Ohne Textebene</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Left out</source>
        <translation>Ausgelassen</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Only records with your notes</source>
        <translation>Nur Datensätze mit Ihren Notizen</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/search_results.py" line="-5"/>
        <source>Found in machine-read text (OCR, unchecked)</source>
        <translation>Im maschinell gelesenen Text gefunden (OCR, ungeprüft)</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/search_panel.py" line="+85"/>
        <source>Search</source>
        <translation>Suche</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Search the archive</source>
        <translation>Archiv durchsuchen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search: words, &quot;exact phrase&quot;, prefix*, OR, NOT</source>
        <translation>Suche: Wörter, &quot;genaue Wendung&quot;, Anfang*, OR, NOT</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Words must all appear; &quot;an exact phrase&quot;; prefix* matches word beginnings; a OR b; a NOT b (or -b); parentheses group. Case and accents are ignored.</source>
        <translation>Alle Wörter müssen vorkommen; &quot;eine genaue Wendung&quot;; Anfang* findet Wortanfänge; a OR b; a NOT b (oder -b); Klammern gruppieren. Groß- und Kleinschreibung sowie Akzente werden nicht beachtet.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Search status</source>
        <translation>Status der Suche</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Indexing progress</source>
        <translation>Fortschritt der Indexierung</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Any decade</source>
        <translation>Alle Jahrzehnte</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+21"/>
        <source>Decade</source>
        <translation>Jahrzehnt</translation>
    </message>
    <message>
        <location line="-20"/>
        <source>Any year</source>
        <translation>Alle Jahre</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+21"/>
        <source>Year</source>
        <translation>Jahr</translation>
    </message>
    <message>
        <location line="-20"/>
        <source>Any language</source>
        <translation>Alle Sprachen</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+21"/>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <location line="-20"/>
        <source>Any collection</source>
        <translation>Alle Sammlungen</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+21"/>
        <source>Collection</source>
        <translation>Sammlung</translation>
    </message>
    <message>
        <location line="-20"/>
        <source>With or without</source>
        <translation>Mit oder ohne</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Scan text layer</source>
        <translation>Textebene des Digitalisats</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Included</source>
        <translation>Einbezogen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Machine-read text</source>
        <translation>Maschinell gelesener Text</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Any record</source>
        <translation>Jeder Datensatz</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+22"/>
        <source>Your notes</source>
        <translation>Ihre Notizen</translation>
    </message>
    <message>
        <location line="-20"/>
        <source>Only the records with a note of yours (words, tags or quotation) found.</source>
        <translation>Nur die Datensätze, in deren Notizen (Text, Schlagwörter oder Zitat) die Suche etwas findet.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Text read from image-only scans by OCR, unchecked by a person. Leave it out to find only what people wrote or checked.</source>
        <translation>Per OCR aus reinen Bildscans gelesener Text, von niemandem geprüft. Lassen Sie ihn aus, um nur zu finden, was Menschen geschrieben oder geprüft haben.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Scan text</source>
        <translation>Textebene</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Machine-read (OCR)</source>
        <translation>Maschinell gelesen (OCR)</translation>
    </message>
    <message>
        <location line="-57"/>
        <source>Sort results</source>
        <translation>Ergebnisse sortieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Best first</source>
        <translation>Beste zuerst</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Oldest first</source>
        <translation>Älteste zuerst</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Search results</source>
        <translation>Suchergebnisse</translation>
    </message>
    <message>
        <location line="+96"/>
        <source>Indexing… {done} of {total}</source>
        <translation>Indexierung… {done} von {total}</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Very common words: the best are picked from an even sample of the matches.</source>
        <translation>Sehr häufige Wörter: Die besten werden aus einer gleichmäßigen Stichprobe der Treffer gewählt.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>{decade}s</source>
        <translation>{decade}er</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No collection</source>
        <translation>Ohne Sammlung</translation>
    </message>
    <message>
        <location line="+112"/>
        <source>Add a word to look for: NOT alone excludes everything.</source>
        <translation>Geben Sie ein Suchwort an: NOT allein schließt alles aus.</translation>
    </message>
</context>
<context>
    <name>SheetColumns</name>
    <message>
        <location filename="../../viewer/ui/sheet_columns.py" line="+31"/>
        <source>File name of the scan</source>
        <translation>Dateiname des Scans</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Record number</source>
        <translation>Datensatznummer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Identifier</source>
        <translation>Kennung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>From (author, sender)</source>
        <translation>Von (Verfasser, Absender)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To (recipient)</source>
        <translation>An (Empfänger)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Agency</source>
        <translation>Behörde</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pages</source>
        <translation>Seiten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Subjects (tags)</source>
        <translation>Schlagwörter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Document type</source>
        <translation>Dokumenttyp</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Summary</source>
        <translation>Zusammenfassung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Collection (series)</source>
        <translation>Sammlung (Serie)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Archival location (file number)</source>
        <translation>Archivsignatur (Aktenzeichen)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Languages</source>
        <translation>Sprachen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Places</source>
        <translation>Orte</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>People</source>
        <translation>Personen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rights</source>
        <translation>Rechte</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Web address</source>
        <translation>Webadresse</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Shown under its own heading</source>
        <translation>Unter eigener Überschrift angezeigt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Left out</source>
        <translation>Ausgelassen</translation>
    </message>
</context>
<context>
    <name>SheetColumnsDialog</name>
    <message>
        <location line="+11"/>
        <source>Spreadsheet Columns</source>
        <translation>Tabellenspalten</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Choose what each column of {sheet} holds. Your choice is remembered for this sheet; the sheet itself is not changed.</source>
        <translation>Wählen Sie, was jede Spalte von {sheet} enthält. Ihre Wahl wird für diese Tabelle gespeichert; die Tabelle selbst wird nicht verändert.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Recognised as: {preset}.</source>
        <translation>Erkannt als: {preset}.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Columns</source>
        <translation>Spalten</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Column</source>
        <translation>Spalte</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>For example</source>
        <translation>Zum Beispiel</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Field</source>
        <translation>Feld</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Field of column {column}</source>
        <translation>Feld der Spalte {column}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Guessed from the column&apos;s name</source>
        <translation>Aus dem Namen der Spalte erraten</translation>
    </message>
</context>
<context>
    <name>ThumbnailBar</name>
    <message>
        <location filename="../../viewer/ui/thumbnails.py" line="+104"/>
        <source>Page thumbnails</source>
        <translation>Miniaturansichten der Seiten</translation>
    </message>
</context>
<context>
    <name>ThumbnailModel</name>
    <message>
        <location line="-30"/>
        <source>Page {number}</source>
        <translation>Seite {number}</translation>
    </message>
</context>
<context>
    <name>TranscriptPane</name>
    <message>
        <location filename="../../viewer/ui/transcript_view.py" line="+69"/>
        <source>Transcript</source>
        <translation>Transkription</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Transcript language</source>
        <translation>Sprache der Transkription</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Transcript notice</source>
        <translation>Hinweis zur Transkription</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Transcript text</source>
        <translation>Text der Transkription</translation>
    </message>
    <message>
        <location line="+112"/>
        <source>This text is too long to show whole: its first {shown} of {total} characters are shown. Search finds words in all of it.</source>
        <translation>Dieser Text ist zu lang, um ihn ganz anzuzeigen: Die ersten {shown} von {total} Zeichen werden angezeigt. Die Suche findet Wörter im gesamten Text.</translation>
    </message>
</context>
<context>
    <name>Viewer</name>
    <message>
        <location filename="../../viewer/app.py" line="+104"/>
        <source>Settings and reading positions will not be kept after you close the viewer: {reason}. Everything else works as usual.</source>
        <translation>Einstellungen und Leseposition werden nach dem Schließen nicht gespeichert: {reason}. Alles andere funktioniert wie gewohnt.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>The columns of {sheet} cannot be remembered: {error}</source>
        <translation>Die Spalten von {sheet} können nicht gespeichert werden: {error}</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Image-only pages are not machine-read (OCR) in this session: its cache folder {folder} cannot be made ({reason}).</source>
        <translation>Bildseiten werden in dieser Sitzung nicht maschinell gelesen (OCR): ihr Cache-Ordner {folder} kann nicht angelegt werden ({reason}).</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>Archive Viewer: unexpected error</source>
        <translation>Archive Viewer: unerwarteter Fehler</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Something went wrong inside Archive Viewer. Your archive is untouched and the window keeps working. Please report this with the details below.</source>
        <translation>In Archive Viewer ist ein Fehler aufgetreten. Ihr Archiv ist unverändert, und das Fenster bleibt benutzbar. Bitte melden Sie den Fehler mit den Einzelheiten unten.</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>No archive is open. Open an archive folder (Ctrl+Shift+O), a record or a PDF (Ctrl+O), or drop one on this window.</source>
        <translation>Es ist kein Archiv geöffnet. Öffnen Sie einen Archivordner (Strg+Umschalt+O), ein Dokument oder ein PDF (Strg+O), oder ziehen Sie es auf dieses Fenster.</translation>
    </message>
</context>
<context>
    <name>ZoomButton</name>
    <message>
        <location filename="../../viewer/ui/zoom_control.py" line="+71"/>
        <source>{percent}%</source>
        <comment>a zoom</comment>
        <translation>{percent} %</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Zoom</source>
        <translation>Zoom</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Zoom: {zoom}</source>
        <translation>Zoom: {zoom}</translation>
    </message>
</context>
</TS>
