<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr" sourcelanguage="en">
<context>
    <name>Actions</name>
    <message>
        <location filename="../../viewer/ui/actions.py" line="+121"/>
        <source>Open a PDF, a record or a sheet</source>
        <translation>Ouvrir un PDF, une notice ou un tableur</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Open a folder of records</source>
        <translation>Ouvrir un dossier de notices</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Write a source as an archive</source>
        <translation>Enregistrer une source comme archive</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Check which field each column fills</source>
        <translation>Vérifier le champ que remplit chaque colonne</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Copy the record&apos;s citation</source>
        <translation>Copier la citation de la notice</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Print the record: citation, metadata, transcript and scan, with a preview</source>
        <translation>Imprimer le document : référence, métadonnées, transcription et scan, avec un aperçu</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Write the record as one PDF with its citation at the foot of every page</source>
        <translation>Enregistrer le document en un seul PDF, sa référence au pied de chaque page</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Write the transcript as plain text</source>
        <translation>Enregistrer la transcription en texte brut</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Write the transcript as Markdown</source>
        <translation>Enregistrer la transcription en Markdown</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Write the transcript as a web page</source>
        <translation>Enregistrer la transcription en page web</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Close the viewer</source>
        <translation>Fermer la visionneuse</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Find words in this transcript and scan</source>
        <translation>Chercher des mots dans cette transcription et ce scan</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Search every record</source>
        <translation>Rechercher dans toutes les notices</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The next place found</source>
        <translation>L’occurrence suivante</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The previous place found</source>
        <translation>L’occurrence précédente</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Copy the selection with its citation</source>
        <translation>Copier la sélection avec sa citation</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Transcript beside the scan</source>
        <translation>La transcription à côté du scan</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Transcript above the scan</source>
        <translation>La transcription au-dessus du scan</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Only the transcript</source>
        <translation>La transcription seule</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Only the scan</source>
        <translation>Le scan seul</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Show or hide the record list</source>
        <translation>Afficher ou masquer la liste des notices</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Show or hide the metadata</source>
        <translation>Afficher ou masquer les métadonnées</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Show or hide the Cite panel</source>
        <translation>Afficher ou masquer le panneau Citer</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Show or hide your notes on the record</source>
        <translation>Afficher ou masquer vos notes sur le document</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Larger transcript text</source>
        <translation>Texte de la transcription plus grand</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Smaller transcript text</source>
        <translation>Texte de la transcription plus petit</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>From a side panel: zoom the reading pane used last</source>
        <translation>Depuis un panneau latéral : agrandir le dernier volet de lecture utilisé</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>From a side panel: zoom the reading pane used last out</source>
        <translation>Depuis un panneau latéral : réduire le dernier volet de lecture utilisé</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Type into the transcript</source>
        <translation>Travailler dans la transcription</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Keys go to the scan</source>
        <translation>Les touches agissent sur le scan</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Filter the record list</source>
        <translation>Filtrer la liste des notices</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>White on black, for low vision or bright rooms</source>
        <translation>Blanc sur noir, pour la basse vision ou les salles claires</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Write a note on the record shown</source>
        <translation>Écrire une note sur le document affiché</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Highlight the passage selected and write a note on it</source>
        <translation>Surligner le passage sélectionné et écrire une note dessus</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Highlight the passage selected in the transcript, or the words selected on the scan or an area drawn on it with Shift held</source>
        <translation>Surligner le passage sélectionné dans la transcription, ou les mots sélectionnés sur le scan ou une zone tracée dessus en maintenant Maj</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Bookmark the scan page shown</source>
        <translation>Mettre un signet sur la page du scan affichée</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Put the record shown in a reading list</source>
        <translation>Mettre le document affiché dans une liste de lecture</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Every note you have written, in every archive, searchable</source>
        <translation>Toutes vos notes, dans toutes les archives, avec recherche</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Write the record&apos;s notes with their citation</source>
        <translation>Enregistrer les notes du document avec leur citation</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Write every note to a file, to import on another machine</source>
        <translation>Écrire toutes les notes dans un fichier, à importer sur une autre machine</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Add the notes of an export that are not here yet</source>
        <translation>Ajouter les notes d’un export qui ne sont pas encore ici</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The next record</source>
        <translation>La notice suivante</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The previous record</source>
        <translation>La notice précédente</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Type a page number</source>
        <translation>Saisir un numéro de page</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>This list</source>
        <translation>Cette liste</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Every message said since the start</source>
        <translation>Tous les messages depuis le démarrage</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>What this program is</source>
        <translation>Ce qu’est ce programme</translation>
    </message>
    <message>
        <location line="+80"/>
        <source>Copy the text selected on the scan</source>
        <translation>Copier le texte sélectionné sur le scan</translation>
    </message>
</context>
<context>
    <name>AdminCorner</name>
    <message>
        <location filename="../../viewer/ui/kiosk/overlays.py" line="+206"/>
        <source>Staff corner</source>
        <translation>Coin réservé au personnel</translation>
    </message>
</context>
<context>
    <name>AfterFirstPage</name>
    <message>
        <location filename="../../viewer/ui/after_first_page.py" line="+369"/>
        <source>Export &amp;Search Results</source>
        <translation>Exporter les résultats de re&amp;cherche</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Export &amp;Whole Archive</source>
        <translation>Exporter &amp;toute l’archive</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Notes are off in this session: {reason}. Everything else works as usual.</source>
        <translation>Les notes sont désactivées pour cette session : {reason}. Tout le reste fonctionne normalement.</translation>
    </message>
</context>
<context>
    <name>AllNotesDialog</name>
    <message>
        <location filename="../../viewer/ui/all_notes.py" line="+61"/>
        <source>All notes</source>
        <translation>Toutes les notes</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+1"/>
        <source>Search your notes</source>
        <translation>Rechercher dans vos notes</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Notes found</source>
        <translation>Notes trouvées</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>{found} of {total} notes</source>
        <translation>{found} notes sur {total}</translation>
    </message>
</context>
<context>
    <name>Appearance</name>
    <message>
        <location filename="../../viewer/ui/actions.py" line="-198"/>
        <location filename="../../viewer/ui/appearance.py" line="+96"/>
        <source>&amp;High Contrast</source>
        <translation>&amp;Haut contraste</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/appearance.py" line="+14"/>
        <source>Interface Si&amp;ze</source>
        <translation>T&amp;aille de l’interface</translation>
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
        <translation>Bienvenue</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Touch the screen to start reading</source>
        <translation>Touchez l’écran pour commencer la lecture</translation>
    </message>
</context>
<context>
    <name>CitationActions</name>
    <message>
        <location filename="../../viewer/ui/actions.py" line="-130"/>
        <location filename="../../viewer/ui/citation_actions.py" line="+32"/>
        <source>Copy with Citation</source>
        <translation>Copier avec la référence</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/citation_actions.py" line="+137"/>
        <source>Copy the selected passage followed by its citation and scan page</source>
        <translation>Copier le passage sélectionné suivi de sa référence et de la page de la numérisation</translation>
    </message>
    <message>
        <location line="+70"/>
        <source>There is no record to export as {format}. Open a record or run a search first.</source>
        <translation>Aucun document à exporter au format {format}. Ouvrez d’abord un document ou lancez une recherche.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Export 1 record as {format}</source>
        <translation>Exporter 1 document au format {format}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export {count} records as {format}</source>
        <translation>Exporter {count} documents au format {format}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{format} (*{suffix});;All files (*)</source>
        <translation>{format} (*{suffix});;Tous les fichiers (*)</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The {format} export could not be written to {file}: {reason}. Choose a folder you can write to.</source>
        <translation>L’export {format} n’a pas pu être enregistré dans {file}&#xa0;: {reason}. Choisissez un dossier où vous pouvez écrire.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Exported 1 record as {format} to {file}</source>
        <translation>1 document exporté en {format} dans {file}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Exported {count} records as {format} to {file}</source>
        <translation>{count} documents exportés en {format} dans {file}</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>&amp;Export Citations</source>
        <translation>&amp;Exporter les références</translation>
    </message>
</context>
<context>
    <name>CiteFeature</name>
    <message>
        <location filename="../../viewer/ui/cite_feature.py" line="+47"/>
        <source>Passage copied with its citation</source>
        <translation>Passage copié avec sa référence</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Citation copied to the clipboard</source>
        <translation>Référence copiée dans le presse-papiers</translation>
    </message>
</context>
<context>
    <name>CitePanel</name>
    <message>
        <location filename="../../viewer/ui/cite_panel.py" line="+29"/>
        <location line="+1"/>
        <source>In text</source>
        <translation>Dans le texte</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Cite</source>
        <translation>Citer</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Citation style</source>
        <translation>Style de référence</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The citation that Copy Citation and Copy with Citation use</source>
        <translation>La référence qu’utilisent «&#xa0;Copier la référence&#xa0;» et «&#xa0;Copier avec la référence&#xa0;»</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Copy citation as:</source>
        <translation>&amp;Copier la référence au format&#xa0;:</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+86"/>
        <source>No record is open.</source>
        <translation>Aucun document n’est ouvert.</translation>
    </message>
    <message>
        <location line="-84"/>
        <source>Cite notice</source>
        <translation>Avis sur la citation</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Citation copied</source>
        <translation>Référence copiée</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Copy</source>
        <translation>Copier</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy {style}</source>
        <translation>Copier {style}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copy the {style} citation (text and formatting)</source>
        <translation>Copier la référence {style} (texte et mise en forme)</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>{style} in-text citation</source>
        <translation>{style}, appel dans le texte</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{label}:</source>
        <translation>{label}&#xa0;:</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>This record cannot be read, so it cannot be cited: {reason}</source>
        <translation>Ce document est illisible et ne peut donc pas être cité&#xa0;: {reason}</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>(not in bibliography)</source>
        <translation>(absent de la bibliographie)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Chicago leaves an unpublished manuscript with no archive, number, web address or publisher out of the bibliography; cite it in a note.</source>
        <translation>Le style Chicago exclut de la bibliographie un manuscrit inédit sans dépôt d’archives, cote, adresse web ni éditeur&#x202f;; citez-le en note.</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Copied: {style}</source>
        <translation>Copié&#xa0;: {style}</translation>
    </message>
</context>
<context>
    <name>Countdown</name>
    <message>
        <location filename="../../viewer/ui/kiosk/overlays.py" line="-29"/>
        <location line="+1"/>
        <source>Still reading?</source>
        <translation>Vous lisez toujours&#x202f;?</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+1"/>
        <source>Keep reading</source>
        <translation>Continuer la lecture</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Touch the screen to keep reading. Starting over in {seconds} second.</source>
        <translation>Touchez l’écran pour continuer la lecture. Retour à l’accueil dans {seconds} seconde.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Touch the screen to keep reading. Starting over in {seconds} seconds.</source>
        <translation>Touchez l’écran pour continuer la lecture. Retour à l’accueil dans {seconds} secondes.</translation>
    </message>
</context>
<context>
    <name>Dates</name>
    <message>
        <location filename="../../viewer/services/dates.py" line="+29"/>
        <source>{month} {day}, {year}</source>
        <comment>a day: May 18, 1949 (18. Mai 1949)</comment>
        <translation>{day} {month} {year}</translation>
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
        <translation>Rechercher dans ce document</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Find in this document: a word or phrase, prefix*, this OR that</source>
        <translation>Chercher dans ce document : un mot ou une expression, préfixe*, ceci OR cela</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Hit count</source>
        <translation>Nombre d’occurrences</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/actions.py" line="-18"/>
        <location filename="../../viewer/ui/find_bar.py" line="+2"/>
        <source>Next Hit</source>
        <translation>Occurrence suivante</translation>
    </message>
    <message>
        <location line="+9"/>
        <location filename="../../viewer/ui/find_bar.py" line="+4"/>
        <source>Previous Hit</source>
        <translation>Occurrence précédente</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/find_bar.py" line="+8"/>
        <source>Previous hit</source>
        <translation>Occurrence précédente</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Next hit</source>
        <translation>Occurrence suivante</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Close find bar</source>
        <translation>Fermer la barre de recherche</translation>
    </message>
    <message>
        <location line="+219"/>
        <location line="+145"/>
        <location line="+2"/>
        <source>Searching…</source>
        <translation>Recherche en cours…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>No matches</source>
        <translation>Aucune occurrence</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{current} of {count}</source>
        <translation>{current} sur {count}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{current} of {count}+</source>
        <comment>the scan is still being searched</comment>
        <translation>{current} sur {count}+</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The scan is still being searched: more hits may follow.</source>
        <translation>La numérisation est encore en cours de recherche&#xa0;: d’autres occurrences peuvent suivre.</translation>
    </message>
</context>
<context>
    <name>FolderFollow</name>
    <message>
        <location filename="../../viewer/ui/folder_follow.py" line="+94"/>
        <source>one open folder watches at most {count} folders, to leave the system&apos;s watches to other programs</source>
        <translation>un dossier ouvert surveille au plus {count} dossiers, pour laisser aux autres programmes les surveillances du système</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the system&apos;s limit on watches, fs.inotify.max_user_watches, is reached</source>
        <translation>la limite du système pour les surveillances, fs.inotify.max_user_watches, est atteinte</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>this system cannot watch folders</source>
        <translation>ce système ne peut pas surveiller les dossiers</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{folder}: {watched} of its folders are watched for changes; the other {polled} are looked at every {seconds} seconds ({reason}).</source>
        <translation>{folder} : {watched} de ses dossiers sont surveillés ; les {polled} autres sont examinés toutes les {seconds} secondes ({reason}).</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../../viewer/ui/import_dialog.py" line="+36"/>
        <location line="+39"/>
        <source>Import</source>
        <translation>Importer</translation>
    </message>
    <message>
        <location line="-32"/>
        <source>A folder of scans, a spreadsheet or an export</source>
        <translation>Un dossier de numérisations, un tableur ou un export</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>File…</source>
        <translation>Fichier…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Folder…</source>
        <translation>Dossier…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>A new or empty folder, or one imported before</source>
        <translation>Un dossier nouveau ou vide, ou un dossier déjà importé</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose…</source>
        <translation>Choisir…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Link the scans instead of copying them</source>
        <translation>Lier les numérisations au lieu de les copier</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Source:</source>
        <translation>Source :</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Into:</source>
        <translation>Vers :</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Open Archive</source>
        <translation>Ouvrir l’archive</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Choose a source and a folder to import into.</source>
        <translation>Choisissez une source et un dossier où importer.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Importing {source}…</source>
        <translation>Importation de {source}…</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Nothing was imported: {message}</source>
        <translation>Rien n’a été importé : {message}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Choose a spreadsheet or export</source>
        <translation>Choisir un tableur ou un export</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Choose a folder of scans</source>
        <translation>Choisir un dossier de numérisations</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Choose the archive folder</source>
        <translation>Choisir le dossier de l’archive</translation>
    </message>
</context>
<context>
    <name>KioskShell</name>
    <message>
        <location filename="../../viewer/ui/kiosk/shell.py" line="+82"/>
        <source>Archive Viewer kiosk</source>
        <translation>Archive Viewer en mode borne</translation>
    </message>
    <message>
        <location line="+78"/>
        <source>Larger text</source>
        <translation>Texte plus grand</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>High contrast</source>
        <translation>Contraste élevé</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Print</source>
        <translation>Imprimer</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Start over</source>
        <translation>Recommencer</translation>
    </message>
    <message>
        <location line="+350"/>
        <source>Printing on the reading room printer.</source>
        <translation>Impression en cours sur l’imprimante de la salle de lecture.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Printing is not available right now. Please ask the staff.</source>
        <translation>L’impression n’est pas disponible pour le moment. Veuillez vous adresser au personnel.</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Too many wrong PINs. Wait {seconds} s before trying again.</source>
        <translation>Trop de codes erronés. Attendez {seconds} s avant de réessayer.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Wrong PIN. Wait {seconds} s before trying again.</source>
        <translation>Code erroné. Attendez {seconds} s avant de réessayer.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Wrong PIN.</source>
        <translation>Code erroné.</translation>
    </message>
</context>
<context>
    <name>LibraryModel</name>
    <message>
        <location filename="../../viewer/ui/library_entries.py" line="+31"/>
        <source>Title</source>
        <translation>Titre</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ID</source>
        <translation>Identifiant</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Undated</source>
        <translation>Sans date</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>{title} — Cannot be read: {reason}</source>
        <translation>{title} – illisible&#xa0;: {reason}</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>{folder}
Cannot be read: {reason}</source>
        <translation>{folder}
Illisible&#xa0;: {reason}</translation>
    </message>
    <message>
        <location line="+97"/>
        <source>Cannot be read</source>
        <translation>Illisibles</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No collection</source>
        <translation>Sans collection</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/library_model.py" line="+44"/>
        <source>No text layer: only machine reading (OCR) can give its text</source>
        <translation>Pas de couche de texte : seule la lecture automatique (OCR) peut en donner le texte</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/library_entries.py" line="-35"/>
        <source>{decade}s</source>
        <translation>Années {decade}</translation>
    </message>
</context>
<context>
    <name>LibraryPanel</name>
    <message>
        <location line="-148"/>
        <source>None</source>
        <translation>Aucun</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Collection</source>
        <translation>Collection</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Year</source>
        <translation>Année</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Decade</source>
        <translation>Décennie</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/library.py" line="+43"/>
        <source>Library</source>
        <translation>Fonds</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Filter records</source>
        <translation>Filtrer les documents</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Filter by title, date or ID</source>
        <translation>Filtrer par titre, date ou identifiant</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+6"/>
        <source>Group by</source>
        <translation>Regrouper par</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Record count</source>
        <translation>Nombre de documents</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Library records</source>
        <translation>Documents du fonds</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Show ID Column</source>
        <translation>Afficher la colonne «&#xa0;Identifiant&#xa0;»</translation>
    </message>
    <message>
        <location line="+203"/>
        <source>Listing {total} records…</source>
        <translation>Liste de {total} documents en cours…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{total} record</source>
        <translation>{total} document</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>{total} records</source>
        <translation>{total} documents</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{shown} of {total} record</source>
        <translation>{shown} sur {total} document</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{shown} of {total} records</source>
        <translation>{shown} sur {total} documents</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{count}; {unread} still being read</source>
        <translation>{count} ; {unread} encore en cours de lecture</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../viewer/ui/actions.py" line="+50"/>
        <location filename="../../viewer/ui/main_window.py" line="+175"/>
        <source>Records</source>
        <translation>Documents</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/main_window.py" line="+5"/>
        <source>Search</source>
        <translation>Recherche</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/actions.py" line="+9"/>
        <location filename="../../viewer/ui/main_window.py" line="+6"/>
        <source>Metadata</source>
        <translation>Métadonnées</translation>
    </message>
    <message>
        <location line="+8"/>
        <location filename="../../viewer/ui/main_window.py" line="+3"/>
        <source>Cite</source>
        <translation>Citer</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/main_window.py" line="-53"/>
        <source>Record position</source>
        <translation>Position du document</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>{title} panel</source>
        <translation>Panneau {title}</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/actions.py" line="-251"/>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <location line="+80"/>
        <source>&amp;Open…</source>
        <translation>&amp;Ouvrir…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Open &amp;Folder…</source>
        <translation>Ouvrir un &amp;dossier…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Import…</source>
        <translation>&amp;Importer…</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/main_window.py" line="+77"/>
        <source>Open &amp;Recent</source>
        <translation>Ouverts &amp;récemment</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/actions.py" line="+6"/>
        <source>Spreadsheet &amp;Columns…</source>
        <translation>&amp;Colonnes du tableur…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Copy &amp;Citation</source>
        <translation>Copier la ré&amp;férence</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <location line="-150"/>
        <source>&amp;Edit</source>
        <translation>É&amp;dition</translation>
    </message>
    <message>
        <location line="+158"/>
        <source>&amp;Find in Document…</source>
        <translation>&amp;Rechercher dans le document…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Search the Archive…</source>
        <translation>Rechercher dans l’&amp;archive…</translation>
    </message>
    <message>
        <location line="-165"/>
        <source>&amp;View</source>
        <translation>&amp;Affichage</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Notes</source>
        <translation>&amp;Notes</translation>
    </message>
    <message>
        <location line="+112"/>
        <source>&amp;Print…</source>
        <translation>&amp;Imprimer…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Export &amp;Reading Copy…</source>
        <translation>Exporter une &amp;copie de lecture…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Export Transcript as &amp;Text…</source>
        <translation>Exporter la transcription en &amp;texte…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Export Transcript as &amp;Markdown…</source>
        <translation>Exporter la transcription en &amp;Markdown…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Export Transcript as &amp;HTML…</source>
        <translation>Exporter la transcription en &amp;HTML…</translation>
    </message>
    <message>
        <location line="+114"/>
        <location filename="../../viewer/ui/main_window.py" line="-87"/>
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Larger Text</source>
        <translation>A&amp;grandir le texte</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Smaller Text</source>
        <translation>Ré&amp;duire le texte</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Focus &amp;Transcript</source>
        <translation>Aller à la &amp;transcription</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Focus S&amp;can</source>
        <translation>Aller à la &amp;numérisation</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Focus &amp;Records</source>
        <translation>Aller à la liste des d&amp;ocuments</translation>
    </message>
    <message>
        <location line="-312"/>
        <source>&amp;Go</source>
        <translation>A&amp;ller</translation>
    </message>
    <message>
        <location line="+395"/>
        <source>&amp;Next Record</source>
        <translation>Document &amp;suivant</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Previous Record</source>
        <translation>Document &amp;précédent</translation>
    </message>
    <message>
        <location line="-402"/>
        <source>&amp;Help</source>
        <translation>Ai&amp;de</translation>
    </message>
    <message>
        <location line="+421"/>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>&amp;Raccourcis clavier</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Messages of This Session</source>
        <translation>&amp;Messages de cette session</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;About Archive Viewer</source>
        <translation>À &amp;propos d’Archive Viewer</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/main_window.py" line="+102"/>
        <source>Lan&amp;guage</source>
        <translation>&amp;Langue</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>System Language</source>
        <translation>Langue du système</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>The language cannot be kept for the next start: {reason}.</source>
        <translation>La langue ne peut pas être conservée pour le prochain démarrage : {reason}.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>the system language</source>
        <translation>langue du système</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The interface will be in {language} from the next start.</source>
        <translation>La langue de l’interface ({language}) s’appliquera au prochain démarrage.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Links are not followed: {url}</source>
        <translation>Les liens ne sont pas suivis&#xa0;: {url}</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/actions.py" line="-237"/>
        <source>Side &amp;by Side</source>
        <translation>&amp;Côte à côte</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Stac&amp;ked</source>
        <translation>L’une so&amp;us l’autre</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Transcript &amp;Only</source>
        <translation>Transcription s&amp;eule</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Scan O&amp;nly</source>
        <translation>Numé&amp;risation seule</translation>
    </message>
    <message>
        <location line="+106"/>
        <source>Add Note to &amp;Record…</source>
        <translation>Note sur le &amp;document…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Note on &amp;Selection…</source>
        <translation>Note sur la &amp;sélection…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Highlight Selection</source>
        <translation>Su&amp;rligner la sélection</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&amp;Bookmark Page</source>
        <translation>Si&amp;gnet sur la page</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Add to Reading &amp;List…</source>
        <translation>Ajouter à une liste de &amp;lecture…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;All Notes…</source>
        <translation>&amp;Toutes les notes…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Export Notes as Markdown…</source>
        <translation>&amp;Exporter les notes en Markdown…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Export All Notes…</source>
        <translation>Exporter toutes les notes…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Import Notes…</source>
        <translation>&amp;Importer des notes…</translation>
    </message>
    <message>
        <location line="+143"/>
        <source>Transcript text larger / smaller</source>
        <translation>Texte de la transcription plus grand / plus petit</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/main_window.py" line="+193"/>
        <source>Keyboard shortcuts</source>
        <translation>Raccourcis clavier</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No messages.</source>
        <translation>Aucun message.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Messages</source>
        <translation>Messages</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>About Archive Viewer</source>
        <translation>À propos d’Archive Viewer</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Archive Viewer: the transcript of a historical document beside its original scan, with its metadata and citation. Works offline; never uses the network.</source>
        <translation>Archive Viewer&#xa0;: la transcription d’un document historique à côté de la numérisation de l’original, avec ses métadonnées et sa référence. Fonctionne hors ligne&#x202f;; n’utilise jamais le réseau.</translation>
    </message>
</context>
<context>
    <name>MessageBar</name>
    <message>
        <location filename="../../viewer/ui/messages.py" line="+36"/>
        <source>Messages</source>
        <translation>Messages</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Message</source>
        <translation>Message</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dismiss</source>
        <translation>Masquer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dismiss message</source>
        <translation>Masquer le message</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>info</source>
        <translation>information</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>warning</source>
        <translation>avertissement</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>error</source>
        <translation>erreur</translation>
    </message>
</context>
<context>
    <name>MetadataPanel</name>
    <message>
        <location filename="../../viewer/ui/metadata_panel.py" line="+64"/>
        <source>Title</source>
        <translation>Titre</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Summary</source>
        <translation>Résumé</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Author</source>
        <translation>Auteur</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Recipient</source>
        <translation>Destinataire</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Source</source>
        <translation>Source</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Source note</source>
        <translation>Note sur la source</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Collection</source>
        <translation>Collection</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Translator</source>
        <translation>Traduction</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contributors</source>
        <translation>Contributeurs</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Original language</source>
        <translation>Langue originale</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Available in</source>
        <translation>Disponible en</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>People</source>
        <translation>Personnes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Places</source>
        <translation>Lieux</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Subjects</source>
        <translation>Sujets</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scan</source>
        <translation>Numérisation</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rights</source>
        <translation>Droits</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Support</source>
        <translation>Financement</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Publisher</source>
        <translation>Éditeur</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Relation</source>
        <translation>Relation</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Coverage</source>
        <translation>Couverture</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Identifier</source>
        <translation>Identifiant</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Number</source>
        <translation>Numéro</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pages</source>
        <translation>Pages</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Web address</source>
        <translation>Adresse web</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Record ID</source>
        <translation>Identifiant du document</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Record metadata</source>
        <translation>Métadonnées du document</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+2"/>
        <source>Copy citation</source>
        <translation>Copier la référence</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copy this record&apos;s citation to the clipboard (Ctrl+Shift+C)</source>
        <translation>Copier la référence de ce document dans le presse-papiers (Ctrl+Maj+C)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Citation status</source>
        <translation>État de la référence</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Citation</source>
        <translation>Référence</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Metadata fields</source>
        <translation>Champs de métadonnées</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Folder</source>
        <translation>Dossier</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Problem</source>
        <translation>Problème</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>… ({count} more characters not shown)</source>
        <translation>… ({count} caractères de plus non affichés)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>(guessed)</source>
        <translation>(supposé)</translation>
    </message>
</context>
<context>
    <name>NoteDialog</name>
    <message>
        <location filename="../../viewer/ui/notes_panel.py" line="+265"/>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your note (plain text; *emphasis* and lists)</source>
        <translation>Votre note (texte brut ; *emphase* et listes)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Tags</source>
        <translation>Étiquettes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tags, separated by commas</source>
        <translation>Étiquettes, séparées par des virgules</translation>
    </message>
</context>
<context>
    <name>NotesFeature</name>
    <message>
        <location filename="../../viewer/ui/notes_feature.py" line="+78"/>
        <source>This Record</source>
        <translation>Ce document</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reading Lists</source>
        <translation>Listes de lecture</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Notes cannot be saved: {reason}. The notes saved before are kept and shown.</source>
        <translation>Les notes ne peuvent pas être enregistrées : {reason}. Les notes enregistrées auparavant sont conservées et affichées.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Highlight &amp;Colour</source>
        <translation>&amp;Couleur du surlignage</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Yellow</source>
        <translation>Jaune</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Green</source>
        <translation>Vert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Blue</source>
        <translation>Bleu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pink</source>
        <translation>Rose</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Your notes cannot be read: {reason}. The file is left as it is.</source>
        <translation>Vos notes ne peuvent pas être lues : {reason}. Le fichier reste tel quel.</translation>
    </message>
    <message>
        <location line="+100"/>
        <source>The place of this note is not found in the text.</source>
        <translation>L’emplacement de cette note est introuvable dans le texte.</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>“{record}” is a record of {archive}, last seen in {folder}: open that archive to see it.</source>
        <translation>« {record} » est un document de {archive}, vu pour la dernière fois dans {folder} : ouvrez cette archive pour le voir.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>a document opened on its own</source>
        <translation>un document ouvert seul</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Open a record to write notes on it.</source>
        <translation>Ouvrez un document pour écrire des notes dessus.</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>This note could not be saved: {reason}. Its words are on the clipboard; the notes saved before are kept.</source>
        <translation>Cette note n’a pas pu être enregistrée : {reason}. Son texte est dans le presse-papiers ; les notes enregistrées auparavant sont conservées.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>This could not be saved: {reason}. The notes saved before are kept.</source>
        <translation>Ceci n’a pas pu être enregistré : {reason}. Les notes enregistrées auparavant sont conservées.</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Note on the record</source>
        <translation>Note sur le document</translation>
    </message>
    <message>
        <location line="+30"/>
        <location line="+7"/>
        <source>Select a passage of the transcript first.</source>
        <translation>Sélectionnez d’abord un passage de la transcription.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Note on the passage</source>
        <translation>Note sur le passage</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Edit note</source>
        <translation>Modifier la note</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Note deleted</source>
        <translation>Note supprimée</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>This record has no notes to export.</source>
        <translation>Ce document n’a pas de notes à exporter.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Export notes as Markdown</source>
        <translation>Exporter les notes en Markdown</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Markdown (*.md);;All files (*)</source>
        <translation>Markdown (*.md);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The notes could not be written to {file}: {reason}. Choose a folder you can write to.</source>
        <translation>Les notes n’ont pas pu être écrites dans {file} : {reason}. Choisissez un dossier où vous pouvez écrire.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Notes exported to {file}</source>
        <translation>Notes exportées vers {file}</translation>
    </message>
</context>
<context>
    <name>NotesPanel</name>
    <message>
        <location filename="../../viewer/ui/notes_panel.py" line="-213"/>
        <source>On the record</source>
        <translation>Sur le document</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Highlight on scan page {page}</source>
        <translation>Surlignage, page {page} du scan</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Bookmark, scan page {page}</source>
        <translation>Signet, page {page} du scan</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>place not found</source>
        <translation>emplacement introuvable</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Notes on this record</source>
        <translation>Notes sur ce document</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Add Note…</source>
        <translation>Ajouter une note…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Edit…</source>
        <translation>Modifier…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delete</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>No notes on this record yet.</source>
        <translation>Aucune note sur ce document pour l’instant.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>1 note on this record</source>
        <translation>1 note sur ce document</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{count} notes on this record</source>
        <translation>{count} notes sur ce document</translation>
    </message>
</context>
<context>
    <name>NotesTransfer</name>
    <message>
        <location filename="../../viewer/ui/notes_transfer.py" line="+41"/>
        <source>Export all notes</source>
        <translation>Exporter toutes les notes</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+39"/>
        <source>Notes of Archive Viewer (*.json);;All files (*)</source>
        <translation>Notes d’Archive Viewer (*.json);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <location line="-23"/>
        <source>The notes could not be written to {file}: {reason}. Choose a folder you can write to.</source>
        <translation>Les notes n’ont pas pu être écrites dans {file} : {reason}. Choisissez un dossier où vous pouvez écrire.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>All your notes ({count}) exported to {file}</source>
        <translation>Toutes vos notes ({count}) exportées vers {file}</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Import notes</source>
        <translation>Importer des notes</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>The notes of {file} could not be imported: {reason}. The notes here are as they were.</source>
        <translation>Les notes de {file} n’ont pas pu être importées : {reason}. Les notes d’ici restent telles quelles.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Notes imported from {file}: {added} new, {known} here already</source>
        <translation>Notes importées de {file} : {added} nouvelles, {known} déjà présentes</translation>
    </message>
</context>
<context>
    <name>Numbers</name>
    <message>
        <location filename="../../viewer/services/i18n.py" line="+105"/>
        <source>,</source>
        <comment>thousands separator in 5,000</comment>
        <translation>&#x202f;</translation>
    </message>
</context>
<context>
    <name>OcrFeature</name>
    <message>
        <location filename="../../viewer/ui/ocr_feature.py" line="+82"/>
        <source>OCR progress</source>
        <translation>Progression de la reconnaissance</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+99"/>
        <source>Pause OCR</source>
        <translation>Suspendre l’OCR</translation>
    </message>
    <message>
        <location line="-98"/>
        <source>Pause or resume reading image-only pages</source>
        <translation>Suspendre ou reprendre la lecture des pages sans couche de texte</translation>
    </message>
    <message>
        <location line="+92"/>
        <source>OCR: {message}</source>
        <translation>OCR : {message}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Resume OCR</source>
        <translation>Reprendre l’OCR</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>OCR: all {total} pages read</source>
        <translation>OCR : les {total} pages sont lues</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>OCR: {done} of {total} pages read</source>
        <translation>OCR : {done} pages lues sur {total}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source> (paused)</source>
        <translation> (suspendu)</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Page {number}</source>
        <translation>Page {number}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Machine-read text (OCR, unchecked)</source>
        <translation>Texte lu par la machine (OCR, non vérifié)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Read from the scan by OCR and checked by no one. Words it is unsure of are highlighted; compare with the scan before quoting.</source>
        <translation>Lu dans le scan par OCR et vérifié par personne. Les mots incertains sont surlignés ; comparez avec le scan avant de citer.</translation>
    </message>
</context>
<context>
    <name>Opening</name>
    <message>
        <location filename="../../viewer/ui/opening.py" line="+34"/>
        <source>Loading progress</source>
        <translation>Progression du chargement</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Opening {path}…</source>
        <translation>Ouverture de {path}…</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Records</source>
        <translation>Documents</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Records ({count})</source>
        <translation>Documents ({count})</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The password for {file} is not correct. Try again:</source>
        <translation>Le mot de passe de {file} est incorrect. Réessayez&#xa0;:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{file} is encrypted. Enter its password to open it:</source>
        <translation>{file} est chiffré. Saisissez son mot de passe pour l’ouvrir&#xa0;:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Password needed</source>
        <translation>Mot de passe requis</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>The columns of {sheet} were recognised by their names. Check them in File &gt; Spreadsheet Columns…</source>
        <translation>Les colonnes de {sheet} ont été reconnues à leur nom. Vérifiez-les dans Fichier &gt; Colonnes du tableur…</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Open a PDF, a record or a spreadsheet of records</source>
        <translation>Ouvrir un PDF, une notice ou un tableur de notices</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>PDF or record (*.pdf record.toml archive.toml);;Spreadsheet of records (*.csv *.tsv *.xlsx);;All files (*)</source>
        <translation>PDF ou notice (*.pdf record.toml archive.toml);;Tableur de notices (*.csv *.tsv *.xlsx);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Open an archive or record folder</source>
        <translation>Ouvrir le dossier d’une archive ou d’un document</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>No recent archives</source>
        <translation>Aucune archive récente</translation>
    </message>
</context>
<context>
    <name>PageArea</name>
    <message>
        <location filename="../../viewer/ui/scan_area.py" line="+89"/>
        <source>Scan pages</source>
        <translation>Pages de la numérisation</translation>
    </message>
    <message>
        <location line="+88"/>
        <source>Page {number} cannot be shown.

{reason}</source>
        <translation>La page {number} ne peut pas être affichée.

{reason}</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Page {number}</source>
        <translation>Page {number}</translation>
    </message>
</context>
<context>
    <name>PinPad</name>
    <message>
        <location filename="../../viewer/ui/kiosk/overlays.py" line="+43"/>
        <source>Staff exit</source>
        <translation>Sortie réservée au personnel</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>PIN pad</source>
        <translation>Pavé du code</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Staff exit: enter the PIN</source>
        <translation>Sortie réservée au personnel&#xa0;: saisissez le code</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>PIN entered</source>
        <translation>Code saisi</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>PIN message</source>
        <translation>Message sur le code</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Clear</source>
        <translation>Effacer</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>PIN {digit}</source>
        <translation>Code {digit}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel staff exit</source>
        <translation>Annuler la sortie</translation>
    </message>
</context>
<context>
    <name>PrintFeature</name>
    <message>
        <location filename="../../viewer/ui/print_feature.py" line="+38"/>
        <source>Plain text</source>
        <translation>Texte brut</translation>
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
        <translation>Ouvrez d’abord un document : il n’y a rien à imprimer ni à exporter.</translation>
    </message>
    <message>
        <location line="-63"/>
        <source>Preparing {count} scan pages…</source>
        <translation>Préparation de {count} pages du scan…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{count} scan pages could not be drawn and are left out.</source>
        <translation>{count} pages du scan n’ont pas pu être dessinées et sont omises.</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Print Preview</source>
        <translation>Aperçu avant impression</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Export a reading copy</source>
        <translation>Exporter une copie de lecture</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>The reading copy could not be written to {file}: {reason}. Choose a folder you can write to.</source>
        <translation>La copie de lecture n’a pas pu être écrite dans {file} : {reason}. Choisissez un dossier où vous pouvez écrire.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Reading copy of {count} pages written to {file}</source>
        <translation>Copie de lecture de {count} pages écrite dans {file}</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>This record has no transcript to export.</source>
        <translation>Ce document n’a pas de transcription à exporter.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Export the transcript as {format}</source>
        <translation>Exporter la transcription en {format}</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The transcript could not be written to {file}: {reason}. Choose a folder you can write to.</source>
        <translation>La transcription n’a pas pu être écrite dans {file} : {reason}. Choisissez un dossier où vous pouvez écrire.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Transcript written to {file}</source>
        <translation>Transcription écrite dans {file}</translation>
    </message>
</context>
<context>
    <name>ReadingLists</name>
    <message>
        <location filename="../../viewer/ui/reading_lists.py" line="+207"/>
        <source>Add to reading list</source>
        <translation>Ajouter à une liste de lecture</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reading list (choose one, or type a new name):</source>
        <translation>Liste de lecture (choisissez-en une ou tapez un nouveau nom) :</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Chapter 1</source>
        <translation>Chapitre 1</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Added to the reading list “{name}”</source>
        <translation>Ajouté à la liste de lecture « {name} »</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This record is in the reading list “{name}” already</source>
        <translation>Ce document est déjà dans la liste de lecture « {name} »</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>There is no reading list to export.</source>
        <translation>Il n’y a pas de liste de lecture à exporter.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Export reading list as Markdown</source>
        <translation>Exporter la liste de lecture en Markdown</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Markdown (*.md);;All files (*)</source>
        <translation>Markdown (*.md);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The reading list could not be written to {file}: {reason}. Choose a folder you can write to.</source>
        <translation>La liste de lecture n’a pas pu être écrite dans {file} : {reason}. Choisissez un dossier où vous pouvez écrire.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Reading list exported to {file}</source>
        <translation>Liste de lecture exportée vers {file}</translation>
    </message>
</context>
<context>
    <name>ReadingListsPanel</name>
    <message>
        <location line="-242"/>
        <source>Reading lists</source>
        <translation>Listes de lecture</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reading list</source>
        <translation>Liste de lecture</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Records of the reading list</source>
        <translation>Documents de la liste de lecture</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Up</source>
        <translation>Monter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Down</source>
        <translation>Descendre</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove</source>
        <translation>Retirer</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Markdown with Notes…</source>
        <translation>Markdown avec les notes…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export</source>
        <translation>Exporter</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>No reading lists yet: Notes &gt; Add to Reading List starts one.</source>
        <translation>Pas encore de liste de lecture : Notes &gt; Ajouter à une liste de lecture en commence une.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>1 record</source>
        <translation>1 document</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{count} records</source>
        <translation>{count} documents</translation>
    </message>
</context>
<context>
    <name>ReadingSession</name>
    <message>
        <location filename="../../viewer/services/reading_session.py" line="+166"/>
        <source>{file}: the file is a link that leads back to itself.</source>
        <translation>{file} : le fichier est un lien qui renvoie à lui-même.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{file}: the file does not exist. Check the path.</source>
        <translation>{file}&#xa0;: le fichier n’existe pas. Vérifiez le chemin.</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>The open folder changed on disk and cannot be read any more: {reason} What was read before is still shown; open it again once it is back.</source>
        <translation>Le dossier ouvert a changé sur le disque et ne peut plus être lu : {reason} Ce qui avait été lu reste affiché ; rouvrez-le une fois qu’il est de retour.</translation>
    </message>
    <message>
        <location line="+113"/>
        <source>{broken} of {total} records in {archive} cannot be read ({names}); they are listed with the reason. Run “archive-viewer check {root}” for the details.</source>
        <translation>{broken} documents sur {total} dans {archive} sont illisibles ({names})&#x202f;; ils sont listés avec la raison. Pour le détail, lancez «&#xa0;archive-viewer check {root}&#xa0;».</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>{folder}: this record is no longer in the archive on disk (removed or renamed). It stays on screen until another record is opened.</source>
        <translation>{folder} : ce document ne figure plus dans l’archive sur le disque (supprimé ou renommé). Il reste affiché jusqu’à l’ouverture d’un autre document.</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>This record cannot be read, so there is no scan to show.</source>
        <translation>Ce document est illisible&#x202f;; aucune numérisation ne peut donc être affichée.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This record cannot be read: {reason}</source>
        <translation>Ce document est illisible&#xa0;: {reason}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>This record has no scan.</source>
        <translation>Ce document n’a pas de numérisation.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Reading the PDF&apos;s text layer…</source>
        <translation>Lecture de la couche de texte du PDF…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This record has no transcript. The scan is shown on its own.</source>
        <translation>Ce document n’a pas de transcription. La numérisation est affichée seule.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This record has neither a transcript nor a scan.</source>
        <translation>Ce document n’a ni transcription ni numérisation.</translation>
    </message>
    <message>
        <location line="+82"/>
        <source>This text is the PDF&apos;s own text layer (often machine-read), not an edited transcript.</source>
        <translation>Ce texte est la couche de texte du PDF lui-même (souvent issue d’une reconnaissance automatique), et non une transcription établie.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The transcript cannot be shown. {reason}</source>
        <translation>La transcription ne peut pas être affichée. {reason}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{reason}. The scan and metadata are still shown.</source>
        <translation>{reason}. La numérisation et les métadonnées restent affichées.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{file}: {notices}.</source>
        <translation>{file}&#xa0;: {notices}.</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>No transcript: this PDF has no text layer. The scan is shown on its own.</source>
        <translation>Pas de transcription&#xa0;: ce PDF n’a pas de couche de texte. La numérisation est affichée seule.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No transcript: the text layer cannot be read ({reason}).</source>
        <translation>Pas de transcription&#xa0;: la couche de texte est illisible ({reason}).</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>No transcript: the PDF cannot be opened (the message above says why).</source>
        <translation>Pas de transcription : le PDF ne peut pas être ouvert (le message ci-dessus dit pourquoi).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{reason} Open another file with Ctrl+O, or drop one on this window.</source>
        <translation>{reason} Ouvrez un autre fichier avec Ctrl+O, ou déposez-en un sur cette fenêtre.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{reason} The transcript and metadata are still shown.</source>
        <translation>{reason} La transcription et les métadonnées restent affichées.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{reason} The metadata is still shown.</source>
        <translation>{reason} Les métadonnées restent affichées.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>“{title}”: {message}</source>
        <translation>« {title} » : {message}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This scan cannot be shown: the message above says why.</source>
        <translation>Ce scan ne peut pas être affiché : le message ci-dessus dit pourquoi.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>{file} is encrypted: it is shown only with its password.</source>
        <translation>{file} est chiffré&#xa0;: il ne s’affiche qu’avec son mot de passe.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>No transcript: {file} is encrypted, and its text is read only once it is opened with its password.</source>
        <translation>Pas de transcription&#xa0;: {file} est chiffré, et son texte n’est lu qu’une fois ouvert avec son mot de passe.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{file}: the PDF is encrypted and needs a password. Open it again to enter it.</source>
        <translation>{file}&#xa0;: ce PDF est chiffré et demande un mot de passe. Rouvrez-le pour le saisir.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The page renderer stopped unexpectedly (a damaged PDF may have crashed it) and was restarted; the pages are being drawn again.</source>
        <translation>Le moteur d’affichage des pages s’est arrêté de façon inattendue (un PDF endommagé l’a peut-être fait planter) et a été relancé ; les pages sont redessinées.</translation>
    </message>
</context>
<context>
    <name>ReadingZoom</name>
    <message>
        <location filename="../../viewer/ui/actions.py" line="-256"/>
        <location filename="../../viewer/ui/zoom_keys.py" line="+48"/>
        <source>Zoom &amp;In</source>
        <translation>&amp;Zoom avant</translation>
    </message>
    <message>
        <location line="+11"/>
        <location filename="../../viewer/ui/zoom_keys.py" line="+1"/>
        <source>Zoom O&amp;ut</source>
        <translation>Zoom arr&amp;ière</translation>
    </message>
</context>
<context>
    <name>RecordDisplay</name>
    <message>
        <location filename="../../viewer/ui/record_display.py" line="+65"/>
        <source>Record {number} of {total}</source>
        <translation>Document {number} sur {total}</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>{style} has no entry for this record</source>
        <translation>{style} ne prévoit pas d’entrée pour ce document</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Citation copied ({style})</source>
        <translation>Référence copiée ({style})</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{style} citation copied to the clipboard</source>
        <translation>Référence ({style}) copiée dans le presse-papiers</translation>
    </message>
</context>
<context>
    <name>ScanHits</name>
    <message>
        <location filename="../../viewer/ui/scan_hits.py" line="+162"/>
        <source>“{query}”: no hits on the scan</source>
        <translation>«&#xa0;{query}&#xa0;»&#xa0;: aucune occurrence dans la numérisation</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>“{query}”: no hits on the scan so far</source>
        <translation>«&#xa0;{query}&#xa0;»&#xa0;: aucune occurrence dans la numérisation pour l’instant</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>“{query}”: 1 hit on the scan</source>
        <translation>«&#xa0;{query}&#xa0;»&#xa0;: 1 occurrence dans la numérisation</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>“{query}”: 1 hit on the scan so far</source>
        <translation>«&#xa0;{query}&#xa0;»&#xa0;: 1 occurrence dans la numérisation pour l’instant</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>“{query}”: {count} hits on the scan</source>
        <translation>«&#xa0;{query}&#xa0;»&#xa0;: {count} occurrences dans la numérisation</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>“{query}”: {count} hits on the scan so far</source>
        <translation>«&#xa0;{query}&#xa0;»&#xa0;: {count} occurrences dans la numérisation pour l’instant</translation>
    </message>
</context>
<context>
    <name>ScanNotes</name>
    <message>
        <location filename="../../viewer/ui/scan_notes.py" line="+104"/>
        <source>Select words on the scan, or draw an area with Shift held.</source>
        <translation>Sélectionnez des mots sur le scan, ou tracez une zone en maintenant Maj.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Note on the highlight, scan page {page}</source>
        <translation>Note sur le surlignage, page {page} du scan</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>This record has no scan page to bookmark.</source>
        <translation>Ce document n’a pas de page de scan où mettre un signet.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Scan page {page} bookmarked</source>
        <translation>Signet mis sur la page {page} du scan</translation>
    </message>
</context>
<context>
    <name>ScanPane</name>
    <message>
        <location filename="../../viewer/ui/scan_view.py" line="+45"/>
        <source>This scan has no text layer: its text cannot be selected or copied.</source>
        <translation>Cette numérisation n’a pas de couche de texte&#xa0;: son texte ne peut être ni sélectionné ni copié.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This scan has no text layer: hits are marked in the transcript only.</source>
        <translation>Cette numérisation n’a pas de couche de texte&#xa0;: les occurrences ne sont signalées que dans la transcription.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Scan</source>
        <translation>Numérisation</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Scan shown</source>
        <translation>Scan affiché</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+1"/>
        <source>Scan tools</source>
        <translation>Outils de la numérisation</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Page number</source>
        <translation>Numéro de page</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Page count</source>
        <translation>Nombre de pages</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Scan notices</source>
        <translation>Avis sur la numérisation</translation>
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
        <translation>Zoom arrière</translation>
    </message>
    <message>
        <location line="+9"/>
        <location filename="../../viewer/ui/scan_toolbar.py" line="+6"/>
        <source>Zoom in</source>
        <translation>Zoom avant</translation>
    </message>
    <message>
        <location line="+9"/>
        <location filename="../../viewer/ui/scan_toolbar.py" line="+8"/>
        <source>Fit width</source>
        <translation>Ajuster à la largeur</translation>
    </message>
    <message>
        <location line="+9"/>
        <location filename="../../viewer/ui/scan_toolbar.py" line="+6"/>
        <source>Fit page</source>
        <translation>Ajuster à la page</translation>
    </message>
    <message>
        <location line="+9"/>
        <location filename="../../viewer/ui/scan_toolbar.py" line="+6"/>
        <source>Actual size</source>
        <translation>Taille réelle</translation>
    </message>
    <message>
        <location line="+9"/>
        <location filename="../../viewer/ui/scan_toolbar.py" line="+11"/>
        <source>Rotate document left</source>
        <translation>Faire pivoter la numérisation vers la gauche</translation>
    </message>
    <message>
        <location line="+9"/>
        <location filename="../../viewer/ui/scan_toolbar.py" line="+6"/>
        <source>Rotate document right</source>
        <translation>Faire pivoter la numérisation vers la droite</translation>
    </message>
    <message>
        <location line="+9"/>
        <location filename="../../viewer/ui/scan_toolbar.py" line="+6"/>
        <source>Rotate this page</source>
        <translation>Faire pivoter cette page</translation>
    </message>
    <message>
        <location line="-93"/>
        <location filename="../../viewer/ui/scan_toolbar.py" line="+5"/>
        <source>Go to page</source>
        <translation>Aller à la page</translation>
    </message>
    <message>
        <location line="+102"/>
        <location filename="../../viewer/ui/scan_toolbar.py" line="+5"/>
        <source>Copy text</source>
        <translation>Copier le texte</translation>
    </message>
    <message>
        <location line="+10"/>
        <location filename="../../viewer/ui/scan_toolbar.py" line="+20"/>
        <source>Thumbnails</source>
        <translation>Vignettes</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/scan_toolbar.py" line="+12"/>
        <source>↻ page</source>
        <comment>short label of Rotate this page</comment>
        <translation>↻ page</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>More scan tools</source>
        <translation>Autres outils de la numérisation</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/scan_view.py" line="+93"/>
        <source>Opening {file}…</source>
        <translation>Ouverture de {file}…</translation>
    </message>
    <message>
        <location line="+253"/>
        <source>Only 1 of {total} pages has a text layer to select from.</source>
        <translation>Seule 1 page sur {total} a une couche de texte où sélectionner du texte.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Only {count} of {total} pages have a text layer to select from.</source>
        <translation>Seules {count} pages sur {total} ont une couche de texte où sélectionner du texte.</translation>
    </message>
    <message>
        <location line="+107"/>
        <source>of {count}</source>
        <comment>after the page number box: page 3 of 12</comment>
        <translation>sur {count}</translation>
    </message>
</context>
<context>
    <name>SearchFeature</name>
    <message>
        <location filename="../../viewer/ui/search_feature.py" line="+96"/>
        <source>Search is not available on this computer.</source>
        <translation>La recherche n’est pas disponible sur cet ordinateur.</translation>
    </message>
    <message>
        <location line="+129"/>
        <source>Search: 1 record or file could not be indexed and is not searchable ({reason}).</source>
        <translation>Recherche&#xa0;: un document ou fichier n’a pas pu être indexé et ne peut pas être trouvé par la recherche ({reason}).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Search: {count} records or files could not be indexed and are not searchable (first: {reason}).</source>
        <translation>Recherche&#xa0;: {count} documents ou fichiers n’ont pas pu être indexés et ne peuvent pas être trouvés par la recherche (premier problème&#xa0;: {reason}).</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Search: {reason}</source>
        <translation>Recherche : {reason}</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Search: a change to the archive could not be indexed ({reason}).</source>
        <translation>Recherche&#xa0;: une modification de l’archive n’a pas pu être indexée ({reason}).</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The search results cannot be exported: {reason}</source>
        <translation>Les résultats de recherche ne peuvent pas être exportés : {reason}</translation>
    </message>
</context>
<context>
    <name>SearchPanel</name>
    <message>
        <location filename="../../viewer/ui/search_results.py" line="+43"/>
        <source>No records match</source>
        <translation>Aucun document ne correspond</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{total} records; {shown} listed, more as you scroll</source>
        <translation>{total} documents ; {shown} affichés, d’autres en faisant défiler</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{total} record</source>
        <translation>{total} document</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{total} records</source>
        <translation>{total} documents</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Undated</source>
        <translation>Sans date</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Your note:</source>
        <translation>Votre note :</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/search_facets.py" line="+60"/>
        <source>With a text layer</source>
        <translation>Avec couche de texte</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Without a text layer</source>
        <translation>Sans couche de texte</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Left out</source>
        <translation>Omise</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Only records with your notes</source>
        <translation>Seulement les notices avec vos notes</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/search_results.py" line="-5"/>
        <source>Found in machine-read text (OCR, unchecked)</source>
        <translation>Trouvé dans le texte lu par machine (OCR, non vérifié)</translation>
    </message>
    <message>
        <location filename="../../viewer/ui/search_panel.py" line="+85"/>
        <source>Search</source>
        <translation>Recherche</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Search the archive</source>
        <translation>Rechercher dans l’archive</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search: words, &quot;exact phrase&quot;, prefix*, OR, NOT</source>
        <translation>Recherche&#xa0;: mots, &quot;expression exacte&quot;, début*, OR, NOT</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Words must all appear; &quot;an exact phrase&quot;; prefix* matches word beginnings; a OR b; a NOT b (or -b); parentheses group. Case and accents are ignored.</source>
        <translation>Tous les mots doivent figurer&#x202f;; &quot;une expression exacte&quot;&#x202f;; début* trouve les mots qui commencent ainsi&#x202f;; a OR b&#x202f;; a NOT b (ou -b)&#x202f;; les parenthèses regroupent. Les majuscules et les accents sont ignorés.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Search status</source>
        <translation>État de la recherche</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Indexing progress</source>
        <translation>Progression de l’indexation</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Any decade</source>
        <translation>Toutes les décennies</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+21"/>
        <source>Decade</source>
        <translation>Décennie</translation>
    </message>
    <message>
        <location line="-20"/>
        <source>Any year</source>
        <translation>Toutes les années</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+21"/>
        <source>Year</source>
        <translation>Année</translation>
    </message>
    <message>
        <location line="-20"/>
        <source>Any language</source>
        <translation>Toutes les langues</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+21"/>
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <location line="-20"/>
        <source>Any collection</source>
        <translation>Toutes les collections</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+21"/>
        <source>Collection</source>
        <translation>Collection</translation>
    </message>
    <message>
        <location line="-20"/>
        <source>With or without</source>
        <translation>Avec ou sans</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Scan text layer</source>
        <translation>Couche de texte de la numérisation</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Included</source>
        <translation>Inclus</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Machine-read text</source>
        <translation>Texte lu par machine</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Any record</source>
        <translation>Toute notice</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+22"/>
        <source>Your notes</source>
        <translation>Vos notes</translation>
    </message>
    <message>
        <location line="-20"/>
        <source>Only the records with a note of yours (words, tags or quotation) found.</source>
        <translation>Seulement les notices dont une de vos notes (texte, étiquettes ou citation) est trouvée.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Text read from image-only scans by OCR, unchecked by a person. Leave it out to find only what people wrote or checked.</source>
        <translation>Texte lu par OCR dans des numérisations sans couche de texte, non vérifié par une personne. Excluez-le pour ne trouver que ce que des personnes ont écrit ou vérifié.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Scan text</source>
        <translation>Couche de texte</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Machine-read (OCR)</source>
        <translation>Lu par machine (OCR)</translation>
    </message>
    <message>
        <location line="-57"/>
        <source>Sort results</source>
        <translation>Trier les résultats</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Best first</source>
        <translation>Les plus pertinents d’abord</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Oldest first</source>
        <translation>Les plus anciens d’abord</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Search results</source>
        <translation>Résultats de la recherche</translation>
    </message>
    <message>
        <location line="+96"/>
        <source>Indexing… {done} of {total}</source>
        <translation>Indexation… {done} sur {total}</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Very common words: the best are picked from an even sample of the matches.</source>
        <translation>Mots très courants : les meilleurs sont choisis dans un échantillon régulier des résultats.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>{decade}s</source>
        <translation>Années {decade}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No collection</source>
        <translation>Sans collection</translation>
    </message>
    <message>
        <location line="+112"/>
        <source>Add a word to look for: NOT alone excludes everything.</source>
        <translation>Ajoutez un mot à chercher&#xa0;: NOT seul exclut tout.</translation>
    </message>
</context>
<context>
    <name>SheetColumns</name>
    <message>
        <location filename="../../viewer/ui/sheet_columns.py" line="+31"/>
        <source>File name of the scan</source>
        <translation>Nom de fichier du scan</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Record number</source>
        <translation>Numéro de la notice</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Identifier</source>
        <translation>Identifiant</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Title</source>
        <translation>Titre</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>From (author, sender)</source>
        <translation>De (auteur, expéditeur)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To (recipient)</source>
        <translation>À (destinataire)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Agency</source>
        <translation>Organisme</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pages</source>
        <translation>Pages</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Subjects (tags)</source>
        <translation>Sujets (mots-clés)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Document type</source>
        <translation>Type de document</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Summary</source>
        <translation>Résumé</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Collection (series)</source>
        <translation>Collection (série)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Archival location (file number)</source>
        <translation>Cote (numéro de dossier)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Languages</source>
        <translation>Langues</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Places</source>
        <translation>Lieux</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>People</source>
        <translation>Personnes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rights</source>
        <translation>Droits</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Web address</source>
        <translation>Adresse web</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Shown under its own heading</source>
        <translation>Affichée sous son propre intitulé</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Left out</source>
        <translation>Omise</translation>
    </message>
</context>
<context>
    <name>SheetColumnsDialog</name>
    <message>
        <location line="+11"/>
        <source>Spreadsheet Columns</source>
        <translation>Colonnes du tableur</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Choose what each column of {sheet} holds. Your choice is remembered for this sheet; the sheet itself is not changed.</source>
        <translation>Choisissez ce que contient chaque colonne de {sheet}. Votre choix est retenu pour ce tableur ; le tableur lui-même n’est pas modifié.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Recognised as: {preset}.</source>
        <translation>Reconnu comme : {preset}.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Columns</source>
        <translation>Colonnes</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Column</source>
        <translation>Colonne</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>For example</source>
        <translation>Par exemple</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Field</source>
        <translation>Champ</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Field of column {column}</source>
        <translation>Champ de la colonne {column}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Guessed from the column&apos;s name</source>
        <translation>Deviné d’après le nom de la colonne</translation>
    </message>
</context>
<context>
    <name>ThumbnailBar</name>
    <message>
        <location filename="../../viewer/ui/thumbnails.py" line="+104"/>
        <source>Page thumbnails</source>
        <translation>Vignettes des pages</translation>
    </message>
</context>
<context>
    <name>ThumbnailModel</name>
    <message>
        <location line="-30"/>
        <source>Page {number}</source>
        <translation>Page {number}</translation>
    </message>
</context>
<context>
    <name>TranscriptPane</name>
    <message>
        <location filename="../../viewer/ui/transcript_view.py" line="+69"/>
        <source>Transcript</source>
        <translation>Transcription</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Transcript language</source>
        <translation>Langue de la transcription</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Transcript notice</source>
        <translation>Avis sur la transcription</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Transcript text</source>
        <translation>Texte de la transcription</translation>
    </message>
    <message>
        <location line="+112"/>
        <source>This text is too long to show whole: its first {shown} of {total} characters are shown. Search finds words in all of it.</source>
        <translation>Ce texte est trop long pour être affiché en entier&#x202f;: ses {shown} premiers caractères sur {total} sont affichés. La recherche trouve les mots dans tout le texte.</translation>
    </message>
</context>
<context>
    <name>Viewer</name>
    <message>
        <location filename="../../viewer/app.py" line="+104"/>
        <source>Settings and reading positions will not be kept after you close the viewer: {reason}. Everything else works as usual.</source>
        <translation>Les réglages et les positions de lecture ne seront pas conservés après la fermeture : {reason}. Tout le reste fonctionne normalement.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>The columns of {sheet} cannot be remembered: {error}</source>
        <translation>Les colonnes de {sheet} ne peuvent pas être retenues : {error}</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Image-only pages are not machine-read (OCR) in this session: its cache folder {folder} cannot be made ({reason}).</source>
        <translation>Les pages sans texte ne sont pas lues par OCR pendant cette session : leur dossier de cache {folder} ne peut pas être créé ({reason}).</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>Archive Viewer: unexpected error</source>
        <translation>Archive Viewer&#xa0;: erreur inattendue</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Something went wrong inside Archive Viewer. Your archive is untouched and the window keeps working. Please report this with the details below.</source>
        <translation>Une erreur s’est produite dans Archive Viewer. Votre archive n’a pas été modifiée et la fenêtre reste utilisable. Merci de signaler ce problème avec les détails ci-dessous.</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>No archive is open. Open an archive folder (Ctrl+Shift+O), a record or a PDF (Ctrl+O), or drop one on this window.</source>
        <translation>Aucune archive n’est ouverte. Ouvrez le dossier d’une archive (Ctrl+Maj+O), un document ou un PDF (Ctrl+O), ou déposez-le sur cette fenêtre.</translation>
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
        <translation>Zoom : {zoom}</translation>
    </message>
</context>
</TS>
