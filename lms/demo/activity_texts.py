"""German demo decks, cases and quizzes for seed_demo.

Teams learn digital practice by talking it through, so the demo ships real dialogue
cards with a facilitation guide, dilemmas from everyday welfare work and checked quizzes.
"""

# ----------------------------------------------------------------------
# Dialogkarten mit Drehbuch für die Moderation
# ----------------------------------------------------------------------
DECKS = [
    {
        "title": "Dialogkarten: Digitale Ethik in der Arbeit mit Menschen",
        "introduction": (
            "<p>Diese Dialogkarten helfen Ihrem Team, über digitale Fragen aus dem "
            "Alltag ins Gespräch zu kommen: Wie erreichbar sind wir für die Menschen, "
            "die wir begleiten? Was kann ein Videogespräch, und was nicht? Wo hilft "
            "Technik, und wo wird sie zur Überwachung?</p>"
            "<p>Die Karten passen für Teams in Pflegeheimen, Beratungsstellen und "
            "ambulanten Diensten, aber auch für Gruppen von Ehrenamtlichen. Es gibt "
            "keine richtigen oder falschen Antworten. Es geht um Ihre Erfahrungen, "
            "Ihre Zweifel und Ihre Ideen.</p>"
        ),
        "purpose": (
            "<p>Das Team tauscht Erfahrungen mit digitaler Kommunikation und Technik "
            "aus und klärt, was ihm dabei wichtig ist. Am Ende des Treffens hat das "
            "Team:</p>"
            "<ul>"
            "<li>höchstens drei konkrete Vereinbarungen für den Alltag, jede mit einer "
            "verantwortlichen Person,</li>"
            "<li>eine kurze Liste offener Fragen an die Leitung oder die "
            "Datenschutzbeauftragte,</li>"
            "<li>einen festen Termin, an dem es die Vereinbarungen überprüft.</li>"
            "</ul>"
        ),
        "duration_minutes": 75,
        "group_size": "3 bis 8 Personen (größere Teams teilen sich in Gruppen auf)",
        "preparation": (
            "<ul>"
            "<li>Wählen Sie zwei oder drei Themen aus, die gerade zu Ihrem Team "
            "passen.</li>"
            "<li>Drucken Sie die Karten dieser Themen aus, oder zeigen Sie sie auf "
            "einem Bildschirm.</li>"
            "<li>Legen Sie Flipchart oder Plakat, dicke Stifte und Klebepunkte "
            "bereit.</li>"
            "<li>Laden Sie eine Woche vorher ein und nennen Sie Thema und Dauer. Wer "
            "mag, liest vorher die Lektionen dieses Kurses.</li>"
            "<li>Fragen Sie vorab bei der Leitung nach, welche Regeln es schon gibt, "
            "etwa zu Messengern, zum Videotool oder zu KI-Werkzeugen. Notieren Sie "
            "den Kontakt der oder des Datenschutzbeauftragten.</li>"
            "<li>Sorgen Sie für einen ruhigen Raum. Das Diensthandy bleibt möglichst "
            "bei einer Person, die in dieser Zeit Dienst hat.</li>"
            "</ul>"
        ),
        "steps": [
            {
                "title": "Ankommen und Check-in",
                "minutes": 10,
                "description": (
                    "<p>Begrüßen Sie alle und nennen Sie Ziel und Ablauf. Vereinbaren "
                    "Sie zwei Regeln: Was hier erzählt wird, bleibt im Raum. Wir "
                    "nennen keine Namen von Klientinnen, Klienten, Bewohnerinnen oder "
                    "Bewohnern.</p>"
                    "<p>Dann sagt jede Person reihum einen Satz: <i>Welches digitale "
                    "Gerät oder Programm hat mich heute bei der Arbeit begleitet?</i></p>"
                ),
                "facilitator_notes": (
                    "Fangen Sie selbst an und bleiben Sie kurz, dann tun es die anderen "
                    "auch. Noch nicht diskutieren. Jede Person darf bei jeder Frage "
                    "passen, das gilt für das ganze Treffen."
                ),
            },
            {
                "title": "Thema wählen",
                "minutes": 5,
                "description": (
                    "<p>Stellen Sie die vorbereiteten Themen mit einem Satz vor. Jede "
                    "Person klebt einen Punkt zu dem Thema, das sie am meisten "
                    "beschäftigt. Das Thema mit den meisten Punkten wird heute "
                    "besprochen.</p>"
                ),
                "facilitator_notes": (
                    "Bei mehr als sechs Personen bilden Sie zwei Gruppen mit je einem "
                    "Thema. Das zweitplatzierte Thema notieren Sie für das nächste "
                    "Treffen."
                ),
            },
            {
                "title": "Karten ziehen und erzählen",
                "minutes": 30,
                "description": (
                    "<p>Legen Sie die Karten des Themas verdeckt auf den Tisch. Reihum "
                    "zieht eine Person eine Karte, liest die Frage laut vor und "
                    "antwortet als Erste. Danach können die anderen ergänzen. Die "
                    "Nachfrage auf der Karte hilft, wenn das Gespräch ins Stocken "
                    "gerät.</p>"
                    "<p>Halten Sie auf dem Flipchart in zwei Spalten fest: <b>Das "
                    "klappt bei uns</b> und <b>Da sind wir unsicher</b>.</p>"
                ),
                "facilitator_notes": (
                    "Rechnen Sie mit etwa fünf Minuten pro Karte, es müssen nicht alle "
                    "Karten drankommen. Die Hinweise auf den Karten sind nur für Sie. "
                    "Lassen Sie Erfahrungen stehen, ohne sie zu bewerten. Fallen "
                    "rechtliche Fragen, die niemand sicher beantworten kann, schreiben "
                    "Sie sie auf die Liste der offenen Fragen, statt zu raten."
                ),
            },
            {
                "title": "Vereinbarungen sammeln",
                "minutes": 15,
                "description": (
                    "<p>Schauen Sie gemeinsam auf das Flipchart. Was soll sich ändern, "
                    "was soll bleiben? Formulieren Sie höchstens drei Vereinbarungen "
                    "als Satz mit „Wir …“, zum Beispiel: <i>Wir fragen zu Beginn "
                    "jedes Videogesprächs, ob die Person gerade frei sprechen "
                    "kann.</i></p>"
                    "<p>Zu jeder Vereinbarung gehört eine Person, die sie im Blick "
                    "behält.</p>"
                ),
                "facilitator_notes": (
                    "Gute Vereinbarungen liegen in der Hand des Teams und sind konkret "
                    "genug, dass man merkt, ob sie eingehalten werden. Sie dürfen nicht "
                    "gegen Regeln der Organisation verstoßen. Was nur die Leitung "
                    "entscheiden kann, kommt auf die Liste der offenen Fragen."
                ),
            },
            {
                "title": "Nächste Schritte festlegen",
                "minutes": 10,
                "description": (
                    "<p>Klären Sie: Wer schreibt die Vereinbarungen auf, und wo liegen "
                    "sie? Wer gibt die offenen Fragen weiter, und bis wann? An welchem "
                    "Termin schauen wir, ob die Vereinbarungen tragen?</p>"
                ),
                "facilitator_notes": (
                    "Tragen Sie den Überprüfungstermin sofort in den gemeinsamen "
                    "Kalender ein, etwa in drei Monaten. Ohne festen Termin versanden "
                    "Vereinbarungen schnell."
                ),
            },
            {
                "title": "Check-out",
                "minutes": 5,
                "description": (
                    "<p>Reihum sagt jede Person einen Satz: <i>Was nehme ich aus dem "
                    "Gespräch mit in meine Arbeit?</i></p>"
                ),
                "facilitator_notes": (
                    "Bedanken Sie sich für die Offenheit. Wer im Gespräch von einer "
                    "belastenden Situation erzählt hat, bekommt bei Bedarf ein kurzes "
                    "Angebot zum Nachgespräch."
                ),
            },
        ],
        "follow_up": (
            "<ul>"
            "<li>Schreiben Sie die Vereinbarungen auf eine Seite, legen Sie sie im "
            "Teamordner ab und hängen Sie sie im Dienstzimmer aus.</li>"
            "<li>Geben Sie die offenen Fragen innerhalb einer Woche an Leitung oder "
            "Datenschutzbeauftragte weiter. Berichten Sie im nächsten Teamtreffen von "
            "den Antworten.</li>"
            "<li>Prüfen Sie die Vereinbarungen nach drei Monaten: Was hat sich "
            "bewährt, was muss sich ändern?</li>"
            "<li>Nehmen Sie sich beim nächsten Mal ein anderes Thema vor, oder "
            "besprechen Sie den Fall „Karen und die Wohnbegleitung per Video“ aus "
            "diesem Kurs.</li>"
            "<li>Zeigen Sie neuen Kolleginnen, Kollegen und Ehrenamtlichen die "
            "Vereinbarungen schon in der Einarbeitung.</li>"
            "</ul>"
        ),
        "themes": [
            {
                "name": "Messenger und Erreichbarkeit",
                "description": (
                    "Wie sind wir für die Menschen erreichbar, die wir begleiten? "
                    "Welche Wege nutzen wir, und wo setzen wir Grenzen?"
                ),
                "cards": [
                    {
                        "question": "Auf welchem Weg melden sich die Menschen, die Sie begleiten, am liebsten bei Ihnen?",
                        "follow_up": "Was sagt das über ihren Alltag aus?",
                        "hint": "Es geht hier um Erfahrungen, noch nicht um Regeln. Notieren Sie, welche Wege genannt werden.",
                    },
                    {
                        "question": "Wann haben Sie zuletzt nach Dienstschluss eine Nachricht von einer Klientin oder einem Klienten gelesen?",
                        "follow_up": "Wie ging es Ihnen danach?",
                        "hint": "Niemand soll sich rechtfertigen müssen. Gut ist, wenn sichtbar wird, wie unterschiedlich das im Team gehandhabt wird.",
                    },
                    {
                        "question": "Was tun Sie, wenn jemand nur über WhatsApp erreichbar ist?",
                        "follow_up": "Welche anderen Wege haben Sie schon ausprobiert?",
                        "hint": "Zur Erinnerung: WhatsApp lädt mit Zugriff auf die Kontakte das Adressbuch zu Meta hoch, dazu kommen Metadaten. Verweisen Sie auf die Regel Ihrer Organisation, falls es eine gibt.",
                    },
                    {
                        "question": "Was darf in einer kurzen Nachricht stehen, und was gehört ins Gespräch?",
                        "follow_up": "Wo ziehen Sie für sich die Grenze?",
                        "hint": "Faustregel aus dem Kurs: Termine und kurze Rückfragen per Nachricht, Inhalte der Beratung ins Gespräch und in die Akte.",
                    },
                    {
                        "question": "Was brauchen Sie, um einer Person freundlich zu sagen, wann Sie nicht erreichbar sind?",
                        "follow_up": "Welche Worte haben sich bei Ihnen bewährt?",
                        "hint": "Sammeln Sie gelungene Formulierungen. Sie lassen sich gut als Abwesenheitsnotiz oder Textbaustein nutzen.",
                    },
                ],
            },
            {
                "name": "Video und Beratung auf Distanz",
                "description": (
                    "Videogespräche sparen Wege und erreichen neue Menschen. Sie "
                    "zeigen aber nur einen Ausschnitt. Was heißt das für unsere "
                    "Arbeit?"
                ),
                "cards": [
                    {
                        "question": "Wann hat Ihnen ein Gespräch per Video oder Telefon geholfen, jemanden überhaupt zu erreichen?",
                        "follow_up": "Was hat dabei gut funktioniert?",
                        "hint": "",
                    },
                    {
                        "question": "Was sehen, hören oder spüren Sie bei einem Besuch vor Ort, das Ihnen am Bildschirm fehlt?",
                        "follow_up": "Wie könnten Sie das ausgleichen?",
                        "hint": "Beispiele aus dem Kurs: der Zustand der Wohnung, die Stimmung, wer noch im Raum ist. Notieren Sie die Antworten, sie sind eine gute Grundlage für die Liste „Dafür brauchen wir den Besuch vor Ort“.",
                    },
                    {
                        "question": "Wie finden Sie heraus, ob eine Person im Videogespräch gerade frei sprechen kann?",
                        "follow_up": "Welches Zeichen könnten Sie vereinbaren, wenn jemand dazukommt?",
                        "hint": "Die Frage „Können Sie gerade frei sprechen?“ zu Beginn und ein vereinbartes Zeichen sind einfache, wirksame Schritte.",
                    },
                    {
                        "question": "Für wen wäre Video eine Erleichterung, und für wen eine Hürde?",
                        "follow_up": "Wer entscheidet bei uns darüber?",
                        "hint": "Lenken Sie das Gespräch darauf, die Menschen selbst mitentscheiden zu lassen. Gerät, Datenvolumen und Übung fehlen nicht allen, aber manchen.",
                    },
                    {
                        "question": "Was brauchen Sie selbst, um sich vor der Kamera sicher zu fühlen?",
                        "follow_up": "Wer im Team könnte Ihnen dabei helfen?",
                        "hint": "Niemand soll vorgeführt werden. Tandems aus erfahrenen und technikfitten Kolleginnen und Kollegen sind ein guter Vorschlag.",
                    },
                ],
            },
            {
                "name": "Automatisierung und Überwachung",
                "description": (
                    "Programme planen Touren, schreiben Berichte und messen, ob "
                    "jemand aufsteht. Wo hilft das, und wo verlieren Menschen "
                    "Freiheit oder Privatsphäre?"
                ),
                "cards": [
                    {
                        "question": "Wo entscheidet bei uns heute schon ein Programm mit?",
                        "follow_up": "Wissen die Menschen, die wir begleiten, davon?",
                        "hint": "Mögliche Beispiele: Tourenplanung, Dienstplan, Dokumentationssoftware, Sensormatten, Terminvergabe.",
                    },
                    {
                        "question": "Wann haben Sie einem Ergebnis aus einer Software einmal nicht getraut?",
                        "follow_up": "Was haben Sie dann getan?",
                        "hint": "Bestärken Sie: Die Verantwortung bleibt beim Menschen. Wer anders entscheidet als die Software, hält die Gründe fest.",
                    },
                    {
                        "question": "Wo endet für Sie Schutz, und wo beginnt Überwachung?",
                        "follow_up": "Woran merken Sie den Unterschied?",
                        "hint": "Das Team muss sich hier nicht einig werden. Machen Sie unterschiedliche Sichtweisen sichtbar. Ob eine Maßnahme eine Genehmigung braucht, klärt die Leitung.",
                    },
                    {
                        "question": "Wie würden Sie einer Bewohnerin erklären, was eine Sensormatte oder ein GPS-Sender über sie erfasst?",
                        "follow_up": "Was würde sie dazu sagen, wenn sie frei wählen könnte?",
                        "hint": "Üben Sie ruhig einen Satz in einfacher Sprache. Wenn das schwerfällt, ist das ein Zeichen, dass das Team selbst mehr wissen muss.",
                    },
                    {
                        "question": "Was darf ein KI-Werkzeug für uns schreiben, und was niemals?",
                        "follow_up": "Wer prüft das Ergebnis, bevor es in die Akte geht?",
                        "hint": "Keine Namen, Diagnosen oder Lebensgeschichten in frei verfügbare KI-Chats. Nur Werkzeuge, die die Organisation freigegeben hat.",
                    },
                ],
            },
            {
                "name": "Würde und Selbstbestimmung",
                "description": (
                    "Technik soll den Menschen dienen. Wie sorgen wir dafür, dass sie "
                    "selbst bestimmen können, auch wenn sie Technik ablehnen?"
                ),
                "cards": [
                    {
                        "question": "Wann haben Sie erlebt, dass Technik einem Menschen mehr Selbstständigkeit gegeben hat?",
                        "follow_up": "Was hat dazu beigetragen?",
                        "hint": "",
                    },
                    {
                        "question": "Wann erledigen wir am Handy schnell etwas selbst, statt es der Person zu zeigen?",
                        "follow_up": "Was bräuchten wir, um uns die Zeit zu nehmen?",
                        "hint": "Hier geht es oft um Zeitdruck. Nehmen Sie das ernst und suchen Sie nach kleinen Schritten, nicht nach Schuld.",
                    },
                    {
                        "question": "Wie sorgen wir dafür, dass niemand Nachteile hat, der keine Apps nutzen will?",
                        "follow_up": "",
                        "hint": "Ein Weg ohne App, zum Beispiel Telefon, Brief oder persönliches Gespräch, sollte immer möglich sein.",
                    },
                    {
                        "question": "Welche Technik, die wir nutzen, würden Sie für sich selbst oder Ihre Eltern nicht wollen?",
                        "follow_up": "Was müsste sich ändern, damit Sie einverstanden wären?",
                        "hint": "",
                    },
                ],
            },
        ],
        "lesson_slug": "wuerde-und-selbstbestimmung",
    },
    {
        "title": "Dialogkarten: Gut digital zusammenarbeiten",
        "introduction": (
            "<p>Team-Chat, gemeinsame Ordner, Besprechungen mit Kolleginnen im "
            "Homeoffice: Digitale Zusammenarbeit ist im Sozialwesen Alltag. Oft "
            "entstehen die Regeln dafür nebenbei, und nicht alle kennen sie.</p>"
            "<p>Diese Dialogkarten laden Ihr Team ein, über die eigene Zusammenarbeit "
            "zu sprechen: was gut läuft, was nervt und was Sie ändern wollen. Sie "
            "eignen sich für Teams in Einrichtungen und Diensten ebenso wie für "
            "Gruppen aus Haupt- und Ehrenamtlichen.</p>"
        ),
        "purpose": (
            "<p>Das Team macht seine stillen Regeln der Zusammenarbeit sichtbar und "
            "legt gemeinsam fest, was künftig gilt. Am Ende des Treffens hat das "
            "Team:</p>"
            "<ul>"
            "<li>drei Vereinbarungen zur digitalen Zusammenarbeit, zum Beispiel zu "
            "Antwortzeiten im Chat oder zur Ablage,</li>"
            "<li>für jede Vereinbarung eine Person, die sie aufschreibt und an alle "
            "weitergibt, auch an die, die heute fehlen,</li>"
            "<li>einen Termin, an dem es prüft, ob die Vereinbarungen helfen.</li>"
            "</ul>"
        ),
        "duration_minutes": 60,
        "group_size": "3 bis 8 Personen, vor Ort oder hybrid",
        "preparation": (
            "<ul>"
            "<li>Wählen Sie zwei Themen aus, die Ihr Team gerade beschäftigen.</li>"
            "<li>Drucken Sie die Karten aus. Nehmen Online-Teilnehmende teil, "
            "zeigen Sie die Karten zusätzlich auf dem geteilten Bildschirm.</li>"
            "<li>Bei hybriden Treffen: Prüfen Sie Kamera, Mikrofon und Lautsprecher "
            "zehn Minuten vor Beginn. Schicken Sie den Link und eine "
            "Telefonnummer zur Einwahl mit der Einladung.</li>"
            "<li>Legen Sie ein geteiltes Dokument für die Notizen an, das alle "
            "sehen können.</li>"
            "<li>Bringen Sie vorhandene Regeln mit, etwa die Chat-Regeln oder die "
            "Ordnerstruktur, falls es schon welche gibt.</li>"
            "</ul>"
        ),
        "steps": [
            {
                "title": "Check-in",
                "minutes": 5,
                "description": (
                    "<p>Reihum beantwortet jede Person kurz: <i>Wie viele ungelesene "
                    "Nachrichten hat mein Dienst-Chat gerade, ungefähr?</i></p>"
                ),
                "facilitator_notes": (
                    "Die Frage lockert auf und führt direkt zum Thema. Bei hybriden "
                    "Treffen beginnen Sie mit den Personen, die online dabei sind."
                ),
            },
            {
                "title": "Thema wählen",
                "minutes": 5,
                "description": (
                    "<p>Stellen Sie die Themen vor. Jede Person nennt das Thema, bei "
                    "dem sie sich am meisten Veränderung wünscht. Das Thema mit den "
                    "meisten Stimmen wird besprochen.</p>"
                ),
                "facilitator_notes": (
                    "Liegen zwei Themen gleichauf, nehmen Sie das, bei dem mehr "
                    "Ehrenamtliche betroffen sind, oder losen Sie."
                ),
            },
            {
                "title": "Karten ziehen und erzählen",
                "minutes": 25,
                "description": (
                    "<p>Reihum zieht eine Person eine verdeckte Karte, liest sie vor "
                    "und antwortet zuerst. Dann ergänzen die anderen. Online "
                    "Teilnehmende nennen eine Zahl, und die Moderation liest die "
                    "passende Karte vor.</p>"
                    "<p>Eine Person notiert im geteilten Dokument, was auffällt: "
                    "<b>Das hilft uns</b> und <b>Das stört uns</b>.</p>"
                ),
                "facilitator_notes": (
                    "Rechnen Sie mit vier bis fünf Minuten pro Karte. Achten Sie "
                    "darauf, dass Kritik an Abläufen geäußert wird, nicht an einzelnen "
                    "Personen. Konflikte zwischen zwei Menschen klären Sie nach dem "
                    "Treffen im Gespräch, nicht in der Runde."
                ),
            },
            {
                "title": "Vereinbarungen formulieren",
                "minutes": 15,
                "description": (
                    "<p>Wählen Sie aus den Notizen drei Punkte, die Sie ändern oder "
                    "festhalten wollen. Formulieren Sie sie als kurze Sätze, zum "
                    "Beispiel: <i>Dringendes klären wir per Telefon, nicht im "
                    "Chat.</i> oder <i>Jeder Ordner hat eine verantwortliche "
                    "Person.</i></p>"
                ),
                "facilitator_notes": (
                    "Fragen Sie bei jeder Vereinbarung: Passt sie auch für "
                    "Teilzeitkräfte, Nachtdienste und Ehrenamtliche? Können alle sie "
                    "mit ihren Geräten einhalten? Was niemand aus dem Team allein "
                    "entscheiden kann, zum Beispiel ein neues Werkzeug, geht als Frage "
                    "an die Leitung."
                ),
            },
            {
                "title": "Nächste Schritte",
                "minutes": 5,
                "description": (
                    "<p>Legen Sie fest, wer die Vereinbarungen bis wann aufschreibt, "
                    "wo sie zu finden sind und wann Sie sie gemeinsam überprüfen.</p>"
                ),
                "facilitator_notes": (
                    "Ein guter Ort ist eine angeheftete Nachricht im Team-Chat und "
                    "eine Seite im Teamordner. Planen Sie die Überprüfung nach sechs "
                    "bis acht Wochen."
                ),
            },
            {
                "title": "Check-out",
                "minutes": 5,
                "description": (
                    "<p>Jede Person sagt in einem Satz: <i>Was mache ich ab morgen "
                    "anders?</i></p>"
                ),
                "facilitator_notes": (
                    "Halten Sie die Sätze nicht fest, sie sind persönlich. Bedanken "
                    "Sie sich, besonders bei allen, die in ihrer freien Zeit dabei "
                    "waren."
                ),
            },
        ],
        "follow_up": (
            "<ul>"
            "<li>Heften Sie die Vereinbarungen im Team-Chat oben an und legen Sie "
            "sie im Teamordner ab.</li>"
            "<li>Schicken Sie sie auch an alle, die nicht dabei waren, und bitten "
            "Sie um Rückmeldung.</li>"
            "<li>Prüfen Sie nach sechs bis acht Wochen: Halten wir uns daran? Hilft "
            "es?</li>"
            "<li>Planen Sie zweimal im Jahr 30 Minuten zum gemeinsamen Aufräumen der "
            "Ordner ein.</li>"
            "<li>Nehmen Sie die Vereinbarungen in die Einarbeitung neuer "
            "Kolleginnen, Kollegen und Ehrenamtlicher auf.</li>"
            "</ul>"
        ),
        "themes": [
            {
                "name": "Remote und hybrid arbeiten",
                "description": (
                    "Ein Teil des Teams sitzt im Raum, ein anderer am Bildschirm. Wie "
                    "bleiben alle gut im Gespräch?"
                ),
                "cards": [
                    {
                        "question": "Wann fühlen Sie sich in einer Online- oder Hybrid-Besprechung richtig dabei?",
                        "follow_up": "Und wann fühlen Sie sich außen vor?",
                        "hint": "Lassen Sie zuerst Personen antworten, die oft online teilnehmen.",
                    },
                    {
                        "question": "Was geht verloren, wenn ein Teil des Teams nur am Bildschirm dabei ist?",
                        "follow_up": "Was können wir im Raum anders machen?",
                        "hint": "Typisch sind Seitengespräche und das Flipchart, das online niemand sieht.",
                    },
                    {
                        "question": "Welche Besprechungen können wir gut online machen, und welche sollten immer vor Ort stattfinden?",
                        "follow_up": "",
                        "hint": "",
                    },
                    {
                        "question": "Wie holen wir Ehrenamtliche dazu, die wenig Übung mit Videokonferenzen haben?",
                        "follow_up": "Was hat bei uns schon einmal geklappt?",
                        "hint": "Einwahl per Telefon, ein kurzer Technik-Test vorher und Ergebnisse auch schriftlich. Niemand muss private Geräte oder Konten nutzen.",
                    },
                    {
                        "question": "Was brauchen Sie, um im Homeoffice oder unterwegs vertraulich über Fälle sprechen zu können?",
                        "follow_up": "Wo haben Sie schon einmal gemerkt, dass jemand mithören könnte?",
                        "hint": "Geschlossene Tür, kein Café und kein Zug, Initialen statt voller Namen.",
                    },
                ],
            },
            {
                "name": "Gemeinsame Dokumente",
                "description": (
                    "Ein Ort für jedes Dokument, Rechte so knapp wie möglich und "
                    "Ordner, in denen man etwas findet."
                ),
                "cards": [
                    {
                        "question": "Wann haben Sie zuletzt nach einem Dokument gesucht, und wie lange hat es gedauert?",
                        "follow_up": "Wo haben Sie es schließlich gefunden?",
                        "hint": "",
                    },
                    {
                        "question": "Welches Dokument gibt es bei uns in zu vielen Versionen?",
                        "follow_up": "Was bräuchte es, damit es nur noch eine gibt?",
                        "hint": "Erinnern Sie an Links statt Kopien und an den Versionsverlauf.",
                    },
                    {
                        "question": "Wer braucht bei uns wirklich Zugriff auf welche Ordner?",
                        "follow_up": "Wo haben mehr Menschen Zugriff, als nötig wäre?",
                        "hint": "Beispiel aus dem Kurs: Der Besuchsdienst braucht den Einsatzplan, aber nicht die Protokolle der Fallbesprechung.",
                    },
                    {
                        "question": "Welche Vorlage würde Ihnen die Arbeit am meisten erleichtern?",
                        "follow_up": "",
                        "hint": "Halten Sie Vorschläge fest. Oft lohnt es sich, eine Person mit einer ersten Vorlage zu beauftragen.",
                    },
                    {
                        "question": "Was passiert bei uns mit den Zugriffsrechten, wenn jemand das Team verlässt?",
                        "follow_up": "Wer kümmert sich darum?",
                        "hint": "Rechte werden am letzten Arbeitstag entzogen, auch bei Ehrenamtlichen.",
                    },
                ],
            },
            {
                "name": "Regeln für Team-Chats",
                "description": (
                    "Der Chat ist schnell und praktisch. Ohne Absprachen wird er laut, "
                    "unübersichtlich und manchmal verletzend."
                ),
                "cards": [
                    {
                        "question": "Welche Nachricht im Team-Chat hat Sie zuletzt gefreut, und welche hat Sie geärgert?",
                        "follow_up": "Was war der Unterschied?",
                        "hint": "Keine Namen nennen. Es geht um die Art der Nachricht, nicht um die Person.",
                    },
                    {
                        "question": "Was gehört bei uns in den Chat, und was ans Telefon oder ins Gespräch?",
                        "follow_up": "",
                        "hint": "Dringendes per Telefon, Konflikte im Gespräch, Klientendaten nur in einem dafür freigegebenen Kanal.",
                    },
                    {
                        "question": "Wie schnell erwarten Sie eine Antwort, und wie schnell antworten Sie selbst?",
                        "follow_up": "Passt das zusammen?",
                        "hint": "Eine gemeinsame Antwortzeit, etwa bis zum Ende des nächsten Arbeitstags, ist eine gute Vereinbarung.",
                    },
                    {
                        "question": "Wann ist ein kurzer Satz von Ihnen im Chat schon einmal falsch angekommen?",
                        "follow_up": "Wie haben Sie das geklärt?",
                        "hint": "",
                    },
                    {
                        "question": "Wie erfahren neue Kolleginnen und Ehrenamtliche, welche Regeln in unserem Chat gelten?",
                        "follow_up": "",
                        "hint": "Eine angeheftete Seite mit den Regeln hilft allen.",
                    },
                ],
            },
            {
                "name": "Erreichbarkeit und Grenzen",
                "description": (
                    "Digitale Werkzeuge kennen keinen Feierabend. Wir schon. Wie "
                    "schützen wir unsere Erholung, und die unserer Ehrenamtlichen?"
                ),
                "cards": [
                    {
                        "question": "Wann ist für Sie Feierabend, und woran merkt das Ihr Handy?",
                        "follow_up": "",
                        "hint": "",
                    },
                    {
                        "question": "Wer schreibt bei uns abends oder am Wochenende, und warum?",
                        "follow_up": "Was würde helfen, die Nachricht bis Montag warten zu lassen?",
                        "hint": "Keine Vorwürfe. Zeitversetztes Senden ist ein einfacher Vorschlag.",
                    },
                    {
                        "question": "Was erwarten wir von Ehrenamtlichen, wenn es um Erreichbarkeit geht?",
                        "follow_up": "Haben wir das ihnen gegenüber jemals ausgesprochen?",
                        "hint": "Ehrenamtliche schenken ihre freie Zeit. Für sie gilt erst recht: keine Erwartung, ständig erreichbar zu sein.",
                    },
                    {
                        "question": "Was hilft Ihnen, nach dem Dienst wirklich abzuschalten?",
                        "follow_up": "Was davon könnte das Team unterstützen?",
                        "hint": "",
                    },
                ],
            },
        ],
        "lesson_slug": "regeln-fuer-team-chats",
    },
]

# ----------------------------------------------------------------------
# Fallbeispiele: kurzes Dilemma, drei Optionen und „Etwas anderes“
# ----------------------------------------------------------------------
CASES = [
    {
        "title": "Karen und die Wohnbegleitung per Video",
        "setting": (
            "Ambulant betreutes Wohnen für Menschen mit psychischen Erkrankungen in "
            "einem ländlichen Kreis mit langen Fahrwegen. Die Leitung möchte einen "
            "Teil der Termine auf Video umstellen."
        ),
        "story": (
            "<p>Karen Krüger ist seit 30 Jahren Sozialarbeiterin, seit zwölf Jahren im "
            "ambulant betreuten Wohnen. Sie kennt die Menschen, die sie begleitet, "
            "gut, und sie kennt ihre Wohnungen.</p>"
            "<p>Die neue Bereichsleitung möchte Fahrzeit sparen. Ab dem nächsten "
            "Quartal soll etwa die Hälfte der Termine per Video stattfinden. Die "
            "Organisation hat ein Videotool freigegeben, alle bekommen ein "
            "Diensttablet.</p>"
            "<p>Karen denkt an zwei Menschen, die sie begleitet:</p>"
            "<ul>"
            "<li><b>Herr B.</b>, 58, lebt allein und hat eine schwere Depression. Bei "
            "ihren Besuchen sieht Karen, ob sich die Post stapelt, ob etwas im "
            "Kühlschrank ist und ob die Medikamente genommen werden. Am Telefon sagt "
            "Herr B. immer: „Alles gut.“</li>"
            "<li><b>Frau T.</b>, 27, hat eine Angststörung. Besuche in ihrer Wohnung "
            "strengen sie sehr an. Sie hat schon gefragt, ob man nicht „einfach mal "
            "per Handy“ sprechen kann.</li>"
            "</ul>"
            "<p>Karen hat wenig Erfahrung mit Videogesprächen. Sie fürchtet, am "
            "Bildschirm etwas Wichtiges zu übersehen. Gleichzeitig will sie nicht als "
            "die Kollegin gelten, die alles Neue ablehnt. In der Teamsitzung am "
            "Donnerstag soll sie sagen, wie sie die Umstellung plant.</p>"
        ),
        "dilemma": "Was würden Sie an Karens Stelle tun?",
        "options": [
            {
                "label": "Karen lehnt Video für ihre Klientinnen und Klienten ab. Betreutes Wohnen braucht Besuche vor Ort.",
                "feedback": (
                    "<p>Karens Sorge ist berechtigt. Bei Herrn B. könnte Video genau "
                    "die Warnzeichen verdecken, auf die es ankommt: die gestapelte "
                    "Post, den leeren Kühlschrank, den Rückzug. Ihre Erfahrung ist "
                    "dafür ein wichtiges Wissen für das ganze Team.</p>"
                    "<p>Ein pauschales Nein übersieht aber Frau T. Für sie könnte "
                    "Video der Weg sein, überhaupt regelmäßig in Kontakt zu bleiben. "
                    "Und wer grundsätzlich ablehnt, überlässt die Entscheidung oft "
                    "anderen: Die Umstellung kommt trotzdem, nur ohne Karens "
                    "Fachwissen.</p>"
                    "<p><b>Besser:</b> Karen sagt klar, wo Video nicht reicht, und "
                    "begründet das für jede Person einzeln.</p>"
                ),
            },
            {
                "label": "Karen setzt die Vorgabe um: Jede Person bekommt ab sofort jeden zweiten Termin per Video.",
                "feedback": (
                    "<p>Das ist loyal und spart tatsächlich Fahrzeit. Karen lernt das "
                    "Werkzeug schnell kennen, und Frau T. profitiert "
                    "wahrscheinlich.</p>"
                    "<p>Eine gleiche Regel für alle passt aber nicht zu einer Hilfe, "
                    "die sich nach dem einzelnen Menschen richten soll. Bei Herrn B. "
                    "könnte eine Krise unbemerkt bleiben. Die Klientinnen und Klienten "
                    "entscheiden nicht mit. Und ob der Kostenträger Termine per Video "
                    "als Leistung anerkennt, hängt von der Vereinbarung mit ihm ab. "
                    "Das sollte die Leitung vorher klären.</p>"
                    "<p><b>Besser:</b> Die Vorgabe als Rahmen nehmen und mit jeder "
                    "Person festlegen, welche Termine sich für Video eignen.</p>"
                ),
            },
            {
                "label": "Karen bespricht mit jeder Person, welche Termine per Video gehen, plant feste Hausbesuche ein und schlägt dem Team drei Monate Probezeit mit Auswertung vor.",
                "feedback": (
                    "<p>Das ist der beste Weg. Karen nutzt ihre Erfahrung und bezieht "
                    "die Menschen selbst ein. Mit Frau T. kann sie zum Beispiel "
                    "vereinbaren: Wochenplanung per Video, einmal im Monat ein Treffen "
                    "an einem Ort, den Frau T. wählt. Bei Herrn B. bleibt es vorerst "
                    "bei Hausbesuchen, vielleicht ergänzt durch einen kurzen "
                    "Video-Kontakt dazwischen.</p>"
                    "<p>Wichtig ist, die Absprachen in der Hilfeplanung festzuhalten "
                    "und nach drei Monaten gemeinsam zu prüfen. Für den Einstieg ins "
                    "Videotool kann Karen sich mit einer technikfitten Kollegin "
                    "zusammentun. Das kostet am Anfang Zeit. Dafür bleibt die Hilfe "
                    "fachlich gut, und die Leitung bekommt eine begründete Rückmeldung "
                    "statt eines Neins.</p>"
                ),
            },
        ],
        "allow_other": True,
        "other_feedback": (
            "Danke für Ihren eigenen Vorschlag. Prüfen Sie ihn mit drei Fragen: "
            "Entscheiden die Klientinnen und Klienten mit? Bleibt im Blick, was Video "
            "nicht zeigt, etwa die Lage in der Wohnung? Und gibt es einen Termin, an "
            "dem das Team die Erfahrungen auswertet?"
        ),
        "reflection_questions": [
            "Welche Ihrer Termine könnten Sie per Video machen, und für welche brauchen Sie den Besuch vor Ort?",
            "Woran würden Sie in einem Videogespräch merken, dass es einer Person schlechter geht?",
            "Wie kann Ihr Team die Erfahrung langjähriger Kolleginnen und das Technikwissen anderer zusammenbringen?",
        ],
        "lesson_slug": "beratung-per-video",
    },
    {
        "title": "Das Diensthandy ist weg",
        "setting": (
            "Schuldnerberatung eines Wohlfahrtsverbands, Freitagabend. Die Leitung "
            "ist schon im Wochenende."
        ),
        "story": (
            "<p>Sie arbeiten in der Schuldnerberatung. Für den Kontakt mit "
            "Ratsuchenden nutzen Sie ein Diensthandy mit einem Messenger, den Ihre "
            "Organisation freigegeben hat. Darüber laufen Terminabsprachen, aber auch "
            "Fotos von Mahnungen und Kontoauszügen, die Ratsuchende Ihnen "
            "schicken.</p>"
            "<p>Freitag, 17:40 Uhr. Sie sitzen im Bus nach Hause und greifen in die "
            "Tasche: Das Diensthandy ist nicht da. Vielleicht liegt es im Büro, "
            "vielleicht im Café, in dem Sie mittags waren. Sie rufen die Nummer von "
            "Ihrem privaten Handy aus an. Es klingelt, aber niemand geht ran.</p>"
            "<p>Was Sie wissen:</p>"
            "<ul>"
            "<li>Das Handy ist mit einer sechsstelligen PIN gesperrt.</li>"
            "<li>Im Messenger sind Chats mit etwa 25 Ratsuchenden, mit Namen und "
            "Fotos von Unterlagen.</li>"
            "<li>Ob die IT das Gerät aus der Ferne sperren oder löschen kann, wissen "
            "Sie nicht genau.</li>"
            "<li>Ihre Leitung hat seit 14 Uhr frei. Die Datenschutzbeauftragte ist "
            "extern und per E-Mail erreichbar.</li>"
            "</ul>"
        ),
        "dilemma": "Was tun Sie?",
        "options": [
            {
                "label": "Sie suchen am Wochenende selbst weiter: Büro, Café, Fundbüro. Taucht das Handy bis Montag nicht auf, sagen Sie der Leitung gleich morgens Bescheid.",
                "feedback": (
                    "<p>Das ist menschlich. Oft taucht ein Handy wieder auf, und "
                    "niemand stört die Leitung gern am Freitagabend. Selbst zu suchen "
                    "ist auch richtig.</p>"
                    "<p>Aber die Zeit läuft. Die Organisation muss eine Datenpanne "
                    "unverzüglich und möglichst innerhalb von 72 Stunden an die "
                    "Aufsichtsbehörde melden, wenn ein Risiko für die Betroffenen "
                    "besteht. Wochenenden zählen mit. Bis Montagmorgen wären schon "
                    "mehr als 60 Stunden vergangen. Vor allem kann bis dahin niemand "
                    "das Gerät sperren lassen. Chats mit Namen und Kontoauszügen sind "
                    "sensibel. Ein Missbrauch kann für die Ratsuchenden ernste Folgen "
                    "haben, etwa Bloßstellung oder Betrug.</p>"
                    "<p><b>Besser:</b> sofort melden und parallel weitersuchen. "
                    "Findet sich das Handy wieder, ist das eine gute Nachricht, die in "
                    "die Bewertung der Organisation einfließt.</p>"
                ),
            },
            {
                "label": "Sie schreiben noch am Abend eine E-Mail an Ihre Leitung und die Datenschutzbeauftragte: was passiert ist, wann, und was auf dem Handy ist. Dann warten Sie auf Antwort.",
                "feedback": (
                    "<p>Gut: Sie melden schnell und schriftlich. Die E-Mail hält fest, "
                    "wann Sie den Verlust bemerkt haben und welche Daten betroffen "
                    "sind. Das braucht die Organisation für ihre Bewertung und ihre "
                    "Dokumentation.</p>"
                    "<p>Der Haken: Wahrscheinlich liest bis Montag niemand die E-Mail. "
                    "Dann kann auch niemand das Gerät sperren lassen, und von der "
                    "72-Stunden-Frist ist ein großer Teil verbraucht.</p>"
                    "<p><b>Besser:</b> Die E-Mail ist ein guter zweiter Schritt. "
                    "Zuerst rufen Sie an: Ihre Leitung, den Bereitschaftsdienst oder "
                    "die Notfallnummer der IT, so wie es Ihre Organisation "
                    "vorsieht.</p>"
                ),
            },
            {
                "label": "Sie rufen sofort Ihre Leitung an, obwohl sie frei hat, und bitten darum, das Handy sperren zu lassen. Danach schreiben Sie alles Wichtige auf und schicken es an Leitung und Datenschutzbeauftragte.",
                "feedback": (
                    "<p>Das ist der beste Weg. Sie melden die Panne sofort, auf dem "
                    "Weg, der am schnellsten wirkt. Die Organisation kann das Gerät "
                    "sperren oder aus der Ferne löschen lassen, wenn das eingerichtet "
                    "ist, und mit ihrer Bewertung beginnen.</p>"
                    "<p>Ihre Notizen helfen dabei: Wann und wo hatten Sie das Handy "
                    "zuletzt? Wann haben Sie den Verlust bemerkt? Welche Daten von wie "
                    "vielen Menschen sind darauf? War es gesperrt? Ob die "
                    "Aufsichtsbehörde informiert wird, entscheidet die Organisation. "
                    "Bei Caritas und Diakonie ist das eine kirchliche "
                    "Datenschutzaufsicht, sonst die staatliche Behörde. Ist ein "
                    "Missbrauch unwahrscheinlich, etwa weil das Gerät verschlüsselt "
                    "und gesperrt ist, kann die Meldung entfallen. Dokumentiert wird "
                    "die Panne in jedem Fall. Ist das Risiko hoch, müssen auch die "
                    "Ratsuchenden informiert werden. Das stimmt die Organisation ab, "
                    "nicht Sie auf eigene Faust.</p>"
                    "<p>Ein Anruf am Freitagabend ist unangenehm. Eine gute Leitung "
                    "ist aber froh, früh Bescheid zu wissen. Kannten Sie die "
                    "Notfallnummer nicht, sprechen Sie das am Montag an, damit "
                    "künftig alle im Team wissen, wen sie anrufen.</p>"
                ),
            },
        ],
        "allow_other": True,
        "other_feedback": (
            "Danke für Ihre Idee. Prüfen Sie sie an drei Punkten: Erfährt die "
            "Organisation noch heute davon? Kann das Gerät schnell gesperrt werden? "
            "Und ist festgehalten, was passiert ist und welche Daten betroffen sind?"
        ),
        "reflection_questions": [
            "Wen erreichen Sie in Ihrer Organisation am Freitagabend, wenn eine Datenpanne passiert?",
            "Welche Daten liegen gerade auf Ihrem Diensthandy, die dort nicht mehr sein müssten?",
            "Was würde es Ihnen leichter machen, einen eigenen Fehler sofort zu melden?",
        ],
        "lesson_slug": "geraete-und-fotos",
    },
    {
        "title": "WhatsApp mit der Patenfamilie",
        "setting": (
            "Patenschaftsprojekt der Migrationsberatung. Ehrenamtliche begleiten "
            "geflüchtete Familien im Alltag: bei Behörden, in der Schule, beim "
            "Arzt."
        ),
        "story": (
            "<p>Sie sind seit einem halben Jahr ehrenamtlich als Patin oder Pate "
            "tätig. Sie begleiten Familie Rahimi aus Afghanistan: die Eltern und drei "
            "Kinder. Sie helfen beim Ausfüllen von Formularen, gehen mit zu Terminen "
            "und üben mit der Mutter Deutsch.</p>"
            "<p>Von Anfang an lief der Kontakt über WhatsApp auf Ihrem privaten "
            "Handy. Anders ging es kaum: Die Familie nutzt nur WhatsApp, und der "
            "Vater lässt sich Nachrichten übersetzen. Inzwischen schickt die Familie "
            "Ihnen Fotos von Briefen: vom Jobcenter, von der Ausländerbehörde, vom "
            "Kinderarzt. Manche leiten Sie an die Migrationsberaterin weiter, auch "
            "per WhatsApp. Die Fotos liegen in Ihrer Galerie und in Ihrer privaten "
            "Cloud-Sicherung.</p>"
            "<p>Beim Treffen der Ehrenamtlichen erzählt eine andere Patin, dass die "
            "Organisation den Kontakt über Messenger neu regeln will. Sie werden "
            "unruhig. Sie wollen die Familie nicht im Stich lassen. Aber Sie fragen "
            "sich, ob Sie etwas falsch gemacht haben.</p>"
        ),
        "dilemma": "Was tun Sie?",
        "options": [
            {
                "label": "Sie bleiben bei WhatsApp, schreiben aber nur noch über Termine und leiten keine Fotos von Briefen mehr weiter.",
                "feedback": (
                    "<p>Damit verringern Sie das Risiko, und der Kontakt zur Familie "
                    "bleibt erhalten. Das ist ein sinnvoller erster Schritt.</p>"
                    "<p>Es bleiben aber Probleme. WhatsApp lädt mit Zugriff auf die "
                    "Kontakte Ihr privates Adressbuch zu Meta hoch. Die Familie "
                    "schickt wahrscheinlich weiter Fotos, und die landen in Ihrer "
                    "Galerie und Ihrer privaten Cloud. Briefe der Ausländerbehörde "
                    "oder vom Kinderarzt enthalten sehr persönliche Angaben, manche "
                    "sogar Gesundheitsdaten. Und Sie entscheiden allein über etwas, "
                    "das Ihre Organisation regeln muss. Sie ist für den Datenschutz "
                    "im Projekt verantwortlich, auch bei Ehrenamtlichen.</p>"
                    "<p><b>Besser:</b> Behalten Sie die Einschränkung bei und sprechen "
                    "Sie zusätzlich mit Ihrer Koordination.</p>"
                ),
            },
            {
                "label": "Sie beenden den WhatsApp-Kontakt sofort und sagen der Familie, dass Sie nur noch per Telefon oder persönlich erreichbar sind.",
                "feedback": (
                    "<p>Datenschutzrechtlich sind Sie damit auf der sicheren Seite, "
                    "und Sie schützen auch Ihre eigene Freizeit.</p>"
                    "<p>Für die Familie kann der plötzliche Wechsel aber hart sein. "
                    "Telefonieren ist mit wenig Deutsch schwer, schriftliche "
                    "Nachrichten lassen sich übersetzen. Termine könnten verloren "
                    "gehen, und die Familie versteht vielleicht nicht, warum Sie sich "
                    "zurückziehen. Vertrauen, das lange gewachsen ist, kann "
                    "leiden.</p>"
                    "<p><b>Besser:</b> Den Wechsel mit der Koordination planen und der "
                    "Familie einen anderen Weg anbieten, statt nur einen wegzunehmen. "
                    "Was mit den vorhandenen Chats und Fotos geschieht, klären Sie "
                    "ebenfalls mit der Koordination.</p>"
                ),
            },
            {
                "label": "Sie sprechen mit Ihrer Ehrenamtskoordination: Welche Regel gilt, welchen Messenger oder welches Gerät stellt die Organisation? Dann erklären Sie der Familie den Wechsel, wenn nötig mit Sprachmittlung.",
                "feedback": (
                    "<p>Das ist der beste Weg. Ihre Organisation ist für den "
                    "Datenschutz im Projekt verantwortlich. Sie muss Ihnen einen "
                    "sicheren Weg ermöglichen, zum Beispiel einen freigegebenen "
                    "Messenger wie Threema oder Signal, ein Projekthandy oder klare "
                    "Regeln, unter denen ein Messenger mit Einwilligung der Familie "
                    "genutzt werden darf. Ihr privates Handy müssen Sie für das "
                    "Ehrenamt nicht einsetzen.</p>"
                    "<p>Den Wechsel besprechen Sie mit der Familie in Ruhe, wenn "
                    "möglich mit einer Sprachmittlerin. Helfen Sie beim Installieren "
                    "der neuen App. Briefe bringt die Familie zum Termin mit, oder sie "
                    "gehen direkt an die Migrationsberatung. Fotos, die Sie schon "
                    "haben, löschen Sie nach Absprache aus Galerie und Cloud.</p>"
                    "<p>Das kostet etwas Zeit. Dafür sind die Familie und Sie selbst "
                    "geschützt, und Sie können sich auf die Regeln Ihrer Organisation "
                    "berufen.</p>"
                ),
            },
        ],
        "allow_other": True,
        "other_feedback": (
            "Danke für Ihren Vorschlag. Prüfen Sie ihn: Bleibt die Familie gut "
            "erreichbar? Landen keine sensiblen Briefe mehr auf Ihrem privaten Handy "
            "und in Ihrer privaten Cloud? Und weiß Ihre Koordination Bescheid?"
        ),
        "reflection_questions": [
            "Welche Absprachen zur Erreichbarkeit haben Sie mit den Menschen getroffen, die Sie begleiten?",
            "Was brauchen Ehrenamtliche von der Organisation, damit sie nicht ihr privates Handy nutzen müssen?",
            "Wie erklären Sie Datenschutz so, dass eine Familie mit wenig Deutsch ihn versteht und sich nicht zurückgewiesen fühlt?",
        ],
        "lesson_slug": "online-besprechungen-und-ehrenamt",
    },
]

# ----------------------------------------------------------------------
# Quizze: eines pro Kurs, Rückmeldung zu jeder Antwort
# ----------------------------------------------------------------------
QUIZZES = [
    {
        "title": "Quiz: Digitale Ethik im Arbeitsalltag",
        "introduction": (
            "Sechs Fragen zu Messengern, Videoberatung, Algorithmen und Überwachung. "
            "Zu jeder Antwort bekommen Sie eine kurze Erklärung. Sie können das Quiz "
            "so oft wiederholen, wie Sie möchten."
        ),
        "pass_mark": 80,
        "max_attempts": 0,
        "counting": "best",
        "questions": [
            {
                "kind": "single",
                "text": "Sie erlauben WhatsApp den Zugriff auf die Kontakte Ihres Handys. Was geschieht?",
                "options": [
                    {
                        "text": "WhatsApp lädt die Telefonnummern aus dem Adressbuch auf Server von Meta hoch, auch die von Menschen, die WhatsApp gar nicht nutzen.",
                        "correct": True,
                        "feedback": "Richtig. Deshalb verrät schon eine Klientennummer im Adressbuch etwas, vor allem mit einem Namen wie „Frau S. Suchtberatung“.",
                    },
                    {
                        "text": "WhatsApp liest die Kontakte nur auf dem Handy aus. Es verlässt nichts das Gerät.",
                        "correct": False,
                        "feedback": "Leider nicht. Um zu zeigen, wer WhatsApp nutzt, gleicht die App die Nummern mit den Servern von Meta ab.",
                    },
                    {
                        "text": "Nichts Besonderes, denn die Nachrichten sind Ende-zu-Ende verschlüsselt.",
                        "correct": False,
                        "feedback": "Die Verschlüsselung schützt den Inhalt der Nachrichten, nicht das Adressbuch und nicht die Metadaten.",
                    },
                ],
            },
            {
                "kind": "true_false",
                "text": "Auch wenn WhatsApp die Inhalte der Nachrichten verschlüsselt, fallen Metadaten an: wer wann mit wem schreibt, und wie oft.",
                "options": [
                    {
                        "text": "Richtig",
                        "correct": True,
                        "feedback": "Genau. Schon die Tatsache, dass jemand regelmäßig mit einer Beratungsstelle schreibt, kann viel verraten.",
                    },
                    {
                        "text": "Falsch",
                        "correct": False,
                        "feedback": "Doch: Die Verschlüsselung schützt nur den Inhalt. Wer mit wem wann Kontakt hat, bleibt als Metadaten sichtbar.",
                    },
                ],
            },
            {
                "kind": "multiple",
                "text": "Was kann ein Videogespräch im ambulant betreuten Wohnen nicht leisten? Wählen Sie alle passenden Antworten.",
                "options": [
                    {
                        "text": "Sie sehen die Wohnung nur im Ausschnitt, den die Kamera zeigt.",
                        "correct": True,
                        "feedback": "Richtig. Schimmel, ein leerer Kühlschrank oder ungeöffnete Post bleiben leicht verborgen.",
                    },
                    {
                        "text": "Sie wissen nicht sicher, wer noch im Raum ist und mithört.",
                        "correct": True,
                        "feedback": "Richtig. Fragen Sie zu Beginn, ob die Person frei sprechen kann, und vereinbaren Sie ein Zeichen.",
                    },
                    {
                        "text": "Sie können die Person nicht zum Amt begleiten.",
                        "correct": True,
                        "feedback": "Richtig. Manche Hilfe braucht die Begleitung vor Ort.",
                    },
                    {
                        "text": "Kurze, regelmäßige Kontakte, etwa zur Wochenplanung.",
                        "correct": False,
                        "feedback": "Dafür eignet sich Video gerade gut. Es spart Wege und hält den Kontakt.",
                    },
                ],
            },
            {
                "kind": "single",
                "text": "Eine Software stuft eine Familie als „niedrige Priorität“ ein. Ihr fachlicher Eindruck ist ein anderer. Was tun Sie?",
                "options": [
                    {
                        "text": "Ich spreche es an, halte meine Gründe fest und entscheide mit dem Team. Die Verantwortung bleibt beim Menschen.",
                        "correct": True,
                        "feedback": "Richtig. Ein Programm kennt nur Daten. Ihre Begründung macht die Entscheidung nachvollziehbar.",
                    },
                    {
                        "text": "Ich folge der Software. Sie ist neutraler als mein Bauchgefühl.",
                        "correct": False,
                        "feedback": "Software wirkt neutral, kann aber Verzerrungen aus alten Daten wiederholen. Ihr Fachwissen ist wichtig.",
                    },
                    {
                        "text": "Ich entscheide einfach anders, ohne es festzuhalten. Das ist schneller.",
                        "correct": False,
                        "feedback": "Anders zu entscheiden kann richtig sein. Ohne Begründung kann aber niemand nachvollziehen, warum, und der Fehler im Programm bleibt unbemerkt.",
                    },
                ],
            },
            {
                "kind": "multiple",
                "text": "Sie möchten ein KI-Werkzeug nutzen, um einen Bericht vorzuformulieren. Was ist richtig?",
                "options": [
                    {
                        "text": "Namen, Diagnosen und Lebensgeschichten gehören nicht in frei verfügbare KI-Chats.",
                        "correct": True,
                        "feedback": "Richtig. Die Daten können auf fremden Servern landen und dort weiterverwendet werden.",
                    },
                    {
                        "text": "Ich nutze nur Werkzeuge, die meine Organisation freigegeben hat.",
                        "correct": True,
                        "feedback": "Richtig. Nur dann ist geklärt, wo die Daten verarbeitet werden.",
                    },
                    {
                        "text": "Ich prüfe jeden Text, bevor er in die Akte geht.",
                        "correct": True,
                        "feedback": "Richtig. KI-Texte können Fehler enthalten, die sehr überzeugend klingen.",
                    },
                    {
                        "text": "Lasse ich den Nachnamen weg, sind die Angaben anonym und ich darf sie eingeben.",
                        "correct": False,
                        "feedback": "Leider nicht. Alter, Wohnort, Diagnose und Familiensituation zusammen machen einen Menschen oft erkennbar.",
                    },
                ],
            },
            {
                "kind": "true_false",
                "text": "Ein GPS-Sender für einen Bewohner mit Demenz ist immer zulässig, wenn die Angehörigen zustimmen.",
                "options": [
                    {
                        "text": "Richtig",
                        "correct": False,
                        "feedback": "Nicht immer. Angehörige dürfen nur entscheiden, wenn sie dazu berechtigt sind, etwa durch Vollmacht oder als rechtliche Betreuer. Es zählt der Wille des Bewohners, und freiheitseinschränkende Maßnahmen können eine gerichtliche Genehmigung brauchen.",
                    },
                    {
                        "text": "Falsch",
                        "correct": True,
                        "feedback": "Richtig. Wägen Sie ab: Wie groß ist die Gefahr, gibt es ein milderes Mittel, was will die Person? Die rechtlichen Fragen klärt die Leitung vorher.",
                    },
                ],
            },
        ],
        "lesson_slug": "automatisierung-und-ueberwachung",
    },
    {
        "title": "Abschlussquiz: Datenschutz im Sozialwesen",
        "introduction": (
            "Sechs Fragen zu DSGVO, kirchlichem Datenschutz, Schweigepflicht und "
            "Datenpannen. Zum Bestehen brauchen Sie 80 Prozent. Sie können das Quiz "
            "beliebig oft wiederholen, es zählt Ihr bestes Ergebnis."
        ),
        "pass_mark": 80,
        "max_attempts": 0,
        "counting": "best",
        "questions": [
            {
                "kind": "multiple",
                "text": "Welche Angaben gehören zu den besonderen Kategorien personenbezogener Daten nach Art. 9 DSGVO?",
                "options": [
                    {
                        "text": "Gesundheitsdaten, zum Beispiel eine Diagnose oder eine Suchterkrankung",
                        "correct": True,
                        "feedback": "Richtig. Gesundheitsdaten sind besonders geschützt, in Pflege und Beratung haben wir fast täglich damit zu tun.",
                    },
                    {
                        "text": "Die religiöse Überzeugung, zum Beispiel die Konfession im Heimvertrag",
                        "correct": True,
                        "feedback": "Richtig. Religiöse und weltanschauliche Überzeugungen gehören dazu.",
                    },
                    {
                        "text": "Die sexuelle Orientierung",
                        "correct": True,
                        "feedback": "Richtig. Auch das Sexualleben und die sexuelle Orientierung sind besonders geschützt.",
                    },
                    {
                        "text": "Die Höhe der Schulden",
                        "correct": False,
                        "feedback": "Schulden sind sehr vertraulich und gut zu schützen, gehören aber nicht zu den besonderen Kategorien nach Art. 9 DSGVO.",
                    },
                ],
            },
            {
                "kind": "single",
                "text": "Welches Datenschutzgesetz gilt in der Regel für eine Einrichtung der Caritas?",
                "options": [
                    {
                        "text": "Das Gesetz über den Kirchlichen Datenschutz (KDG)",
                        "correct": True,
                        "feedback": "Richtig. Die katholische Kirche wendet mit dem KDG ein eigenes Gesetz an, das mit der DSGVO im Einklang stehen muss (Art. 91 DSGVO).",
                    },
                    {
                        "text": "Das Datenschutzgesetz der EKD (DSG-EKD)",
                        "correct": False,
                        "feedback": "Das DSG-EKD gilt für evangelische Einrichtungen wie die Diakonie, nicht für die Caritas.",
                    },
                    {
                        "text": "Nur das Bundesdatenschutzgesetz, wie für alle Vereine",
                        "correct": False,
                        "feedback": "Kirchliche Einrichtungen dürfen eigene Datenschutzgesetze anwenden. Für die Caritas ist das das KDG.",
                    },
                ],
            },
            {
                "kind": "single",
                "text": "Bis wann muss eine meldepflichtige Datenpanne der Aufsichtsbehörde gemeldet werden (Art. 33 DSGVO)?",
                "options": [
                    {
                        "text": "Unverzüglich und möglichst binnen 72 Stunden, nachdem die Panne bekannt geworden ist",
                        "correct": True,
                        "feedback": "Richtig. Wochenenden und Feiertage zählen mit. KDG und DSG-EKD sehen vergleichbare Fristen vor.",
                    },
                    {
                        "text": "Innerhalb von drei Werktagen, Wochenenden zählen nicht mit",
                        "correct": False,
                        "feedback": "Die 72 Stunden laufen durchgehend, auch am Wochenende. Deshalb ist die schnelle interne Meldung so wichtig.",
                    },
                    {
                        "text": "Innerhalb eines Monats",
                        "correct": False,
                        "feedback": "Das ist zu spät. Die Meldung muss unverzüglich erfolgen, möglichst binnen 72 Stunden.",
                    },
                ],
            },
            {
                "kind": "true_false",
                "text": "Eine Datenpanne muss nur dokumentiert werden, wenn sie auch der Aufsichtsbehörde gemeldet wird.",
                "options": [
                    {
                        "text": "Richtig",
                        "correct": False,
                        "feedback": "Nein. Jede Datenpanne wird dokumentiert, auch wenn keine Meldung nötig ist (Art. 33 Abs. 5 DSGVO).",
                    },
                    {
                        "text": "Falsch",
                        "correct": True,
                        "feedback": "Richtig. Die Organisation dokumentiert jede Panne, ihre Folgen und die ergriffenen Maßnahmen. So kann die Aufsicht später prüfen, ob richtig entschieden wurde.",
                    },
                ],
            },
            {
                "kind": "single",
                "text": "Wann müssen die betroffenen Menschen selbst über eine Datenpanne informiert werden?",
                "options": [
                    {
                        "text": "Wenn die Panne voraussichtlich ein hohes Risiko für ihre Rechte und Freiheiten mit sich bringt (Art. 34 DSGVO)",
                        "correct": True,
                        "feedback": "Richtig. Dann sollen sie sich schützen können, zum Beispiel vor Betrug. Die Benachrichtigung übernimmt die Organisation.",
                    },
                    {
                        "text": "Bei jeder Datenpanne, egal wie klein",
                        "correct": False,
                        "feedback": "Nicht bei jeder. Die Pflicht besteht, wenn das Risiko hoch ist. Offenheit kann aber auch sonst sinnvoll sein.",
                    },
                    {
                        "text": "Nie, es genügt die Meldung an die Aufsichtsbehörde",
                        "correct": False,
                        "feedback": "Bei hohem Risiko müssen auch die Betroffenen informiert werden, damit sie sich schützen können.",
                    },
                ],
            },
            {
                "kind": "multiple",
                "text": "Welche Aussagen zu Sozialgeheimnis und Schweigepflicht stimmen?",
                "options": [
                    {
                        "text": "Das Sozialgeheimnis ist in § 35 SGB I geregelt.",
                        "correct": True,
                        "feedback": "Richtig. Es schützt Sozialdaten. Freie Träger, die Sozialdaten erhalten oder im Auftrag verarbeiten, müssen sie ebenso schützen.",
                    },
                    {
                        "text": "Nach § 203 StGB kann es strafbar sein, wenn zum Beispiel staatlich anerkannte Sozialarbeiterinnen oder Pflegefachkräfte ein fremdes Geheimnis unbefugt weitergeben.",
                        "correct": True,
                        "feedback": "Richtig. Unbefugt heißt: ohne Einwilligung der Person und ohne gesetzliche Erlaubnis.",
                    },
                    {
                        "text": "Gegenüber nahen Angehörigen gilt die Schweigepflicht nicht.",
                        "correct": False,
                        "feedback": "Doch. Auskunft an Angehörige gibt es nur mit Einwilligung der Person oder wenn die Angehörigen berechtigt sind, etwa durch eine Vollmacht.",
                    },
                    {
                        "text": "Ehrenamtliche sind nicht zur Verschwiegenheit verpflichtet, weil sie kein Gehalt bekommen.",
                        "correct": False,
                        "feedback": "Nein. Ehrenamtliche verpflichten sich vor dem ersten Einsatz schriftlich zur Vertraulichkeit, und diese Pflicht gilt auch nach dem Ende des Ehrenamts.",
                    },
                ],
            },
        ],
        "lesson_slug": "datenpannen-melden",
    },
    {
        "title": "Quiz: Digital zusammenarbeiten",
        "introduction": (
            "Sechs Fragen zu gemeinsamen Dokumenten, Team-Chats, Besprechungen und "
            "gesunden Grenzen. Zu jeder Antwort gibt es eine kurze Erklärung."
        ),
        "pass_mark": 80,
        "max_attempts": 0,
        "counting": "best",
        "questions": [
            {
                "kind": "single",
                "text": "Eine Kollegin fragt nach dem aktuellen Dienstplan. Wie geben Sie ihn am besten weiter?",
                "options": [
                    {
                        "text": "Ich schicke ihr einen Link auf den Dienstplan in der gemeinsamen Ablage.",
                        "correct": True,
                        "feedback": "Richtig. Jedes Dokument hat genau einen Ort. So arbeiten alle mit derselben Version.",
                    },
                    {
                        "text": "Ich schicke ihn ihr als Anhang per E-Mail.",
                        "correct": False,
                        "feedback": "Das funktioniert, erzeugt aber eine weitere Kopie. Ändert sich der Plan, ist ihre Version veraltet.",
                    },
                    {
                        "text": "Ich fotografiere den Aushang und stelle das Foto in den Team-Chat.",
                        "correct": False,
                        "feedback": "Schnell, aber das Foto veraltet bei der nächsten Änderung, und Dienstpläne mit Namen gehören nicht in jeden Chat.",
                    },
                ],
            },
            {
                "kind": "multiple",
                "text": "Welche Regeln helfen beim Vergeben von Zugriffsrechten auf gemeinsame Ordner?",
                "options": [
                    {
                        "text": "Wer nur informiert sein muss, bekommt Leserechte.",
                        "correct": True,
                        "feedback": "Richtig. Bearbeiten dürfen nur die, die wirklich mitschreiben.",
                    },
                    {
                        "text": "Jeder Ordner hat eine verantwortliche Person, die die Rechte im Blick behält.",
                        "correct": True,
                        "feedback": "Richtig. Sonst fühlt sich niemand zuständig.",
                    },
                    {
                        "text": "Verlässt jemand das Team, werden die Rechte am letzten Tag entzogen.",
                        "correct": True,
                        "feedback": "Richtig. Das gilt für Hauptamtliche und Ehrenamtliche.",
                    },
                    {
                        "text": "Protokolle der Fallbesprechung werden für „alle mit dem Link“ freigegeben, damit niemand nach einem Zugang fragen muss.",
                        "correct": False,
                        "feedback": "Nein. Solche Freigaben sind nur für Inhalte gedacht, die jeder sehen darf. Fallbesprechungen gehören nicht dazu.",
                    },
                ],
            },
            {
                "kind": "true_false",
                "text": "Der Team-Chat ist der richtige Kanal für dringende Notfälle.",
                "options": [
                    {
                        "text": "Richtig",
                        "correct": False,
                        "feedback": "Nein. Im Chat kann eine Nachricht untergehen oder erst Stunden später gelesen werden. Dringendes gehört ans Telefon.",
                    },
                    {
                        "text": "Falsch",
                        "correct": True,
                        "feedback": "Richtig. Der Chat ist kein Notfallkanal. Rufen Sie an, wenn es eilt.",
                    },
                ],
            },
            {
                "kind": "single",
                "text": "In einer hybriden Teamsitzung sind zwei Kolleginnen online dabei. Was hilft ihnen am meisten?",
                "options": [
                    {
                        "text": "Die Moderation fragt die Online-Teilnehmenden oft zuerst nach ihrer Meinung, und die Notizen entstehen in einem geteilten Dokument.",
                        "correct": True,
                        "feedback": "Richtig. So gehen die Stimmen der Online-Teilnehmenden nicht unter, und alle sehen dieselben Notizen.",
                    },
                    {
                        "text": "Im Raum wird wie gewohnt am Flipchart gearbeitet, am Ende gibt es eine Zusammenfassung.",
                        "correct": False,
                        "feedback": "Eine Zusammenfassung ist gut, reicht aber nicht. Wer nur am Ende informiert wird, kann nicht mitdiskutieren.",
                    },
                    {
                        "text": "Die Online-Teilnehmenden schalten ihr Mikrofon stumm und schreiben Beiträge in den Chat.",
                        "correct": False,
                        "feedback": "Stummschalten gegen Nebengeräusche ist sinnvoll. Nur im Chat zu schreiben, macht Online-Teilnehmende aber zu Zuschauern.",
                    },
                ],
            },
            {
                "kind": "multiple",
                "text": "Was gehört nicht in einen normalen Team-Chat?",
                "options": [
                    {
                        "text": "Namen und Diagnosen von Klientinnen und Klienten",
                        "correct": True,
                        "feedback": "Richtig. Ausnahme ist nur ein geschützter Kanal, den die Organisation dafür freigegeben hat, und auch dort nur das Nötige.",
                    },
                    {
                        "text": "Fotos von Bewohnerinnen und Bewohnern",
                        "correct": True,
                        "feedback": "Richtig. Fotos zeigen Menschen oft in verletzlichen Momenten und gehören nicht in den Chat.",
                    },
                    {
                        "text": "Kritik an einer einzelnen Kollegin",
                        "correct": True,
                        "feedback": "Richtig. Konflikte klären Sie im Gespräch, nicht vor allen im Chat.",
                    },
                    {
                        "text": "Die Frage „Wer tauscht mit mir am 12. den Dienst?“",
                        "correct": False,
                        "feedback": "Das passt gut in den Chat, am besten in den Kanal für den Dienstplan.",
                    },
                ],
            },
            {
                "kind": "true_false",
                "text": "Zeitversetztes Senden hilft, dass Kolleginnen und Kollegen abends keine dienstlichen Nachrichten bekommen.",
                "options": [
                    {
                        "text": "Richtig",
                        "correct": True,
                        "feedback": "Genau. Was Sie abends schreiben, kommt erst am nächsten Morgen an. So schützen Sie die Erholung der anderen.",
                    },
                    {
                        "text": "Falsch",
                        "correct": False,
                        "feedback": "Doch. Viele E-Mail- und Chat-Programme können Nachrichten zu einer festgelegten Zeit senden, zum Beispiel am nächsten Morgen.",
                    },
                ],
            },
        ],
        "lesson_slug": "gesunde-grenzen",
    },
]
