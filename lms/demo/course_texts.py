"""German demo courses for seed_demo: real lesson text, not lorem ipsum.

Trainers, testers and reviewers judge the platform by what a learner reads, so
the demo ships short, accurate, plain-language lessons from everyday welfare work.
"""

COURSES = [
    # ------------------------------------------------------------------
    # 1. Digitale Ethik
    # ------------------------------------------------------------------
    {
        "slug": "digitale-ethik",
        "title": "Digitale Ethik in der Sozialen Arbeit",
        "summary": (
            "Messenger, Videoberatung, Algorithmen: Dieser Kurs zeigt, wie Sie "
            "digitale Werkzeuge so nutzen, dass Würde und Selbstbestimmung der "
            "Menschen, die Sie begleiten, gewahrt bleiben."
        ),
        "audience": "both",
        "estimated_minutes": 90,
        "self_enrolment": True,
        "mandatory": False,
        "recertification_months": None,
        "topics": ["Digitale Ethik", "Kommunikation"],
        "modules": [
            {
                "slug": "kommunikation-mit-klienten",
                "title": "Digitale Kommunikation mit Klientinnen und Klienten",
                "intro": (
                    "Viele Menschen erreichen wir heute am Handy oder per Video. "
                    "In diesem Modul lernen Sie, welche Wege sicher sind und wo "
                    "die Grenzen liegen."
                ),
                "lessons": [
                    {
                        "slug": "messenger-im-arbeitsalltag",
                        "title": "Messenger im Arbeitsalltag",
                        "estimated_minutes": 20,
                        "body": [
                            (
                                "text",
                                (
                                    "<h2>Warum Messenger so verlockend sind</h2>"
                                    "<p>Viele Klientinnen und Klienten schreiben lieber kurz, "
                                    "als anzurufen. Ein Foto vom Brief des Jobcenters ist schnell "
                                    "geschickt. Ein Termin ist schnell verschoben. Das ist praktisch. "
                                    "Aber es hat Folgen für den Datenschutz und für das Vertrauen.</p>"
                                    "<h2>Das Problem mit WhatsApp</h2>"
                                    "<p>WhatsApp gehört zum Konzern Meta. Erlaubt man der App den "
                                    "Zugriff auf die Kontakte, lädt sie das Adressbuch des Handys auf "
                                    "Server von Meta hoch. Dazu gehören auch Nummern von Menschen, die "
                                    "WhatsApp gar nicht nutzen. Außerdem fallen Metadaten an: Wer "
                                    "schreibt wann mit wem, und wie oft.</p>"
                                    "<p>Für die Soziale Arbeit heißt das: Schon die Nummer einer "
                                    "Klientin in Ihrem Handy verrät etwas. Steht dort "
                                    "„Frau S. Suchtberatung“, ist das eine Gesundheitsinformation. "
                                    "Solche Daten sind besonders geschützt.</p>"
                                    "<h2>Was Sie tun können</h2>"
                                    "<ul>"
                                    "<li>Nutzen Sie nur Apps, die Ihre Organisation freigegeben hat. "
                                    "Das sind zum Beispiel Threema, Signal oder eine eigene Lösung "
                                    "der Organisation, etwa eine Online-Beratungsplattform.</li>"
                                    "<li>Nutzen Sie ein Diensthandy und trennen Sie Arbeit und "
                                    "Privates.</li>"
                                    "<li>Fragen Sie die Person vorher, ob sie Kontakt per Messenger "
                                    "möchte. Erklären Sie, welche Daten dabei anfallen. Halten Sie "
                                    "die Einwilligung schriftlich fest.</li>"
                                    "<li>Schreiben Sie nur das Nötigste: Termine und kurze Rückfragen. "
                                    "Inhalte der Beratung gehören ins Gespräch und in die Akte.</li>"
                                    "<li>Bieten Sie immer auch einen Weg ohne App an: Telefon, Brief "
                                    "oder ein persönliches Gespräch.</li>"
                                    "<li>Endet die Begleitung, löschen Sie Kontakt und Verlauf so, "
                                    "wie es Ihre Organisation vorsieht.</li>"
                                    "</ul>"
                                    "<h3>Und wenn die Person nur WhatsApp hat?</h3>"
                                    "<p>Das kommt oft vor. Drängen Sie niemanden. Erklären Sie kurz, "
                                    "warum Sie eine andere App nutzen. Threema funktioniert sogar ohne "
                                    "Telefonnummer. Helfen Sie beim Installieren, wenn die Person das "
                                    "möchte. Gibt es keinen sicheren Weg, rufen Sie lieber an. Ihre "
                                    "Organisation sollte dazu eine klare Regel haben. Fragen Sie Ihre "
                                    "Leitung oder die Datenschutzbeauftragte.</p>"
                                ),
                            ),
                            (
                                "callout",
                                {
                                    "kind": "tip",
                                    "title": "Kleiner Check für Ihr Diensthandy",
                                    "text": (
                                        "<p>Öffnen Sie die Einstellungen und prüfen Sie: Welche "
                                        "Apps dürfen auf Ihre Kontakte zugreifen? Nehmen Sie allen "
                                        "Apps den Zugriff, die ihn für ihre Aufgabe nicht brauchen.</p>"
                                    ),
                                },
                            ),
                        ],
                    },
                    {
                        "slug": "beratung-per-video",
                        "title": "Beratung per Video: Was geht, was nicht?",
                        "estimated_minutes": 25,
                        "body": [
                            (
                                "text",
                                (
                                    "<h2>Ein Beispiel</h2>"
                                    "<p>Frau Krüger ist Sozialarbeiterin im ambulant betreuten "
                                    "Wohnen. Sie hat 30 Jahre Erfahrung. Jetzt soll sie einen Teil "
                                    "ihrer Termine per Video machen. Das spart Fahrzeit. Frau Krüger "
                                    "ist unsicher: Kann sie so genauso gut helfen wie bisher?</p>"
                                    "<p>Die ehrliche Antwort ist: teilweise. Video ist ein Werkzeug. "
                                    "Es ersetzt nicht alles.</p>"
                                    "<h2>Was Video gut kann</h2>"
                                    "<ul>"
                                    "<li>Kurze, regelmäßige Kontakte, zum Beispiel zur "
                                    "Wochenplanung.</li>"
                                    "<li>Schnelle Hilfe bei der Post: Die Person hält den Brief in "
                                    "die Kamera, Sie erklären ihn.</li>"
                                    "<li>Kontakt halten, wenn der Weg weit ist oder jemand krank "
                                    "ist.</li>"
                                    "<li>Menschen erreichen, denen der Weg in die Beratungsstelle "
                                    "schwerfällt, etwa aus Scham oder Angst.</li>"
                                    "</ul>"
                                    "<h2>Was Video nicht kann</h2>"
                                    "<ul>"
                                    "<li>Sie sehen nur einen Ausschnitt. Schimmel, ein leerer "
                                    "Kühlschrank oder unbezahlte Rechnungen auf dem Tisch bleiben "
                                    "verborgen.</li>"
                                    "<li>Sie spüren wenig von der Stimmung in der Wohnung.</li>"
                                    "<li>Sie wissen nicht sicher, wer noch im Raum ist. Vielleicht "
                                    "hört ein Partner mit.</li>"
                                    "<li>Sie können nicht mit zum Amt gehen oder beim Ausfüllen "
                                    "direkt neben der Person sitzen.</li>"
                                    "<li>Vertrauen aufbauen dauert am Bildschirm oft länger.</li>"
                                    "<li>Nicht jede Person hat ein passendes Gerät, genug "
                                    "Datenvolumen oder die nötige Übung.</li>"
                                    "</ul>"
                                    "<h2>Gute Praxis</h2>"
                                    "<ol>"
                                    "<li>Entscheiden Sie gemeinsam mit der Person, welche Termine "
                                    "per Video stattfinden.</li>"
                                    "<li>Planen Sie feste Hausbesuche ein, auch wenn vieles digital "
                                    "läuft.</li>"
                                    "<li>Nutzen Sie nur das Videotool, das Ihre Organisation "
                                    "freigegeben hat.</li>"
                                    "<li>Fragen Sie zu Beginn: „Können Sie gerade frei sprechen?“ "
                                    "Vereinbaren Sie ein Zeichen für den Fall, dass jemand "
                                    "dazukommt.</li>"
                                    "<li>Sprechen Sie selbst aus einem geschlossenen Raum, nicht aus "
                                    "dem Großraumbüro oder dem Zug.</li>"
                                    "</ol>"
                                    "<h2>Zum Nachdenken</h2>"
                                    "<p>Denken Sie an eine Person, die Sie begleiten. Welche Termine "
                                    "könnten Sie per Video machen? Wann würden Sie trotzdem lieber "
                                    "hinfahren, und warum? Sprechen Sie auch mit der Person selbst "
                                    "darüber. Sie weiß oft am besten, was ihr hilft.</p>"
                                ),
                            ),
                            (
                                "callout",
                                {
                                    "kind": "tip",
                                    "title": "Im Team besprechen",
                                    "text": (
                                        "<p>Machen Sie im Team zwei Listen: „Das geht gut per "
                                        "Video“ und „Dafür brauchen wir den Besuch vor Ort“. "
                                        "Überprüfen Sie die Listen nach drei Monaten gemeinsam.</p>"
                                    ),
                                },
                            ),
                        ],
                    },
                ],
            },
            {
                "slug": "technik-und-menschenwuerde",
                "title": "Technik, Daten und Menschenwürde",
                "intro": (
                    "Programme entscheiden immer öfter mit. Dieses Modul hilft Ihnen, "
                    "Technik kritisch zu prüfen und den Menschen in den Mittelpunkt zu "
                    "stellen."
                ),
                "lessons": [
                    {
                        "slug": "automatisierung-und-ueberwachung",
                        "title": "Automatisierung, Algorithmen und Überwachung",
                        "estimated_minutes": 25,
                        "body": [
                            (
                                "text",
                                (
                                    "<h2>Wo Technik schon mitentscheidet</h2>"
                                    "<p>Auch in der Sozialen Arbeit übernehmen Programme Aufgaben. "
                                    "Eine Software plant die Touren im ambulanten Pflegedienst. Ein "
                                    "Programm schlägt vor, welche Familie zuerst einen Termin "
                                    "bekommt. Ein KI-Werkzeug schreibt aus Stichworten einen Bericht. "
                                    "Das kann Zeit sparen. Es kann aber auch Fehler machen, die "
                                    "niemand bemerkt.</p>"
                                    "<h2>Was ein Algorithmus ist</h2>"
                                    "<p>Ein Algorithmus ist eine feste Folge von Rechenschritten. Er "
                                    "arbeitet mit den Daten, die er bekommt. Sind die Daten einseitig, "
                                    "ist auch das Ergebnis einseitig. Ein Beispiel: Ein Programm lernt "
                                    "aus alten Akten, welche Fälle „schwierig“ waren. Wurden "
                                    "bestimmte Gruppen früher strenger beurteilt, wiederholt das "
                                    "Programm diese Ungerechtigkeit. Es wirkt dabei nur neutraler.</p>"
                                    "<h2>Fragen, die Sie stellen dürfen</h2>"
                                    "<ul>"
                                    "<li>Wer hat entschieden, dieses Programm zu nutzen, und "
                                    "warum?</li>"
                                    "<li>Welche Daten nutzt es? Wissen die betroffenen Menschen "
                                    "davon?</li>"
                                    "<li>Kann ein Mensch das Ergebnis prüfen und ändern?</li>"
                                    "<li>An wen wende ich mich, wenn mir ein Ergebnis falsch "
                                    "vorkommt?</li>"
                                    "</ul>"
                                    "<p>Sie kennen die Menschen, mit denen Sie arbeiten. Ein Programm "
                                    "kennt nur Daten. Passen Ihr fachlicher Eindruck und das Ergebnis "
                                    "der Software nicht zusammen, sprechen Sie es an. Halten Sie fest, "
                                    "warum Sie anders entscheiden. Die Verantwortung bleibt beim "
                                    "Menschen.</p>"
                                    "<h2>Überwachung mit guten Absichten</h2>"
                                    "<p>In Pflegeheimen gibt es Sensormatten, Kameras oder "
                                    "GPS-Sender für Menschen mit Demenz. Sie sollen schützen. Sie "
                                    "können aber auch die Freiheit einschränken und die Privatsphäre "
                                    "verletzen. Wägen Sie deshalb immer ab:</p>"
                                    "<ul>"
                                    "<li>Wie groß ist die Gefahr wirklich?</li>"
                                    "<li>Gibt es ein milderes Mittel, zum Beispiel eine Begleitung "
                                    "beim Spaziergang?</li>"
                                    "<li>Was will die Person selbst, oder was hätte sie gewollt?</li>"
                                    "</ul>"
                                    "<p>Beziehen Sie Angehörige und rechtliche Betreuerinnen und "
                                    "Betreuer ein. Maßnahmen, die die Freiheit einschränken, können "
                                    "eine rechtliche Genehmigung brauchen. Das klärt die Leitung, "
                                    "bevor ein Gerät zum Einsatz kommt.</p>"
                                ),
                            ),
                            (
                                "callout",
                                {
                                    "kind": "warning",
                                    "title": "Keine Klientendaten in frei verfügbare KI-Chats",
                                    "text": (
                                        "<p>Geben Sie keine Namen, Diagnosen oder Lebensgeschichten "
                                        "in öffentlich verfügbare KI-Werkzeuge ein. Die Daten können "
                                        "auf fremden Servern landen. Nutzen Sie nur Werkzeuge, die "
                                        "Ihre Organisation freigegeben hat. Prüfen Sie jeden Text, "
                                        "bevor er in die Akte geht.</p>"
                                    ),
                                },
                            ),
                        ],
                    },
                    {
                        "slug": "wuerde-und-selbstbestimmung",
                        "title": "Würde und Selbstbestimmung im digitalen Alltag",
                        "estimated_minutes": 20,
                        "body": [
                            (
                                "text",
                                (
                                    "<h2>Der Mensch steht im Mittelpunkt, auch digital</h2>"
                                    "<p>Personenzentriert arbeiten heißt: Die Person bestimmt mit, "
                                    "was geschieht. Ihre Wünsche, ihre Geschichte und ihre Stärken "
                                    "zählen. Das gilt auch, wenn Technik ins Spiel kommt. Technik "
                                    "soll dem Menschen dienen, nicht umgekehrt.</p>"
                                    "<h2>Drei Beispiele aus dem Alltag</h2>"
                                    "<h3>Im Pflegeheim</h3>"
                                    "<p>Herr Yilmaz möchte abends mit seiner Tochter in Izmir per "
                                    "Video sprechen. Er kann das Tablet nicht allein bedienen. Eine "
                                    "Pflegekraft hilft ihm beim Start. Danach verlässt sie den Raum, "
                                    "damit das Gespräch privat bleibt.</p>"
                                    "<h3>In der Beratungsstelle</h3>"
                                    "<p>Eine junge Frau möchte ihre Unterlagen nur auf Papier. Sie "
                                    "misstraut Apps. Das ist ihr gutes Recht. Sie bekommt die gleiche "
                                    "Beratung wie alle anderen, ohne Nachteile.</p>"
                                    "<h3>Im Ehrenamt</h3>"
                                    "<p>Ein Ehrenamtlicher möchte beim Sommerfest Fotos für die "
                                    "Website machen. Er fragt jede Person vorher. Wer nicht "
                                    "fotografiert werden will, wird nicht fotografiert, ohne "
                                    "Diskussion.</p>"
                                    "<h2>Leitfragen für Ihre Arbeit</h2>"
                                    "<ul>"
                                    "<li>Hat die Person wirklich die Wahl? Gibt es einen Weg ohne "
                                    "Technik?</li>"
                                    "<li>Versteht sie, was mit ihren Daten passiert? Erklären Sie es "
                                    "in einfachen Worten.</li>"
                                    "<li>Wird sie durch die Technik selbstständiger oder "
                                    "abhängiger?</li>"
                                    "<li>Würden Sie das für sich selbst oder Ihre Eltern auch so "
                                    "wollen?</li>"
                                    "<li>Wem nützt die Technik am meisten: der Person, dem Team oder "
                                    "der Verwaltung?</li>"
                                    "</ul>"
                                    "<h2>Teilhabe fördern, ohne zu drängen</h2>"
                                    "<p>Digitale Teilhabe ist wichtig. Viele Menschen brauchen heute "
                                    "ein Handy für Behörden, Bank und den Kontakt zur Familie. "
                                    "Unterstützen Sie dabei, wo es gewünscht ist: ein Termin beim "
                                    "Bürgeramt online, ein Videoanruf mit den Enkeln, eine App für den "
                                    "Busfahrplan. Zeigen Sie die Schritte, statt sie schnell selbst "
                                    "zu erledigen. Vielerorts gibt es dafür auch "
                                    "Digital-Sprechstunden oder ehrenamtliche Digital-Lotsen. Aber "
                                    "zwingen Sie niemanden.</p>"
                                ),
                            ),
                            (
                                "callout",
                                {
                                    "kind": "tip",
                                    "title": "Fragen statt vermuten",
                                    "text": (
                                        "<p>Wir glauben oft zu wissen, was ältere Menschen oder "
                                        "Menschen mit Behinderung können oder wollen. Fragen Sie "
                                        "nach. Manche sind digital fitter als gedacht, andere "
                                        "brauchen mehr Zeit. Beides ist in Ordnung.</p>"
                                    ),
                                },
                            ),
                        ],
                    },
                ],
            },
        ],
    },
    # ------------------------------------------------------------------
    # 2. Datenschutz
    # ------------------------------------------------------------------
    {
        "slug": "datenschutz-im-sozialwesen",
        "title": "Datenschutz im Sozialwesen",
        "summary": (
            "Die jährliche Pflichtschulung zu DSGVO, kirchlichem Datenschutz, "
            "Schweigepflicht und Datenpannen, mit vielen Beispielen aus Pflege, "
            "Beratung und Ehrenamt."
        ),
        "audience": "both",
        "estimated_minutes": 120,
        "self_enrolment": False,
        "mandatory": True,
        "recertification_months": 12,
        "topics": ["Datenschutz"],
        "modules": [
            {
                "slug": "rechtliche-grundlagen",
                "title": "Rechtliche Grundlagen",
                "intro": (
                    "Welche Gesetze gelten für Ihre Arbeit, und was bedeuten sie im "
                    "Alltag? Hier lernen Sie die Grundregeln und die Schweigepflicht "
                    "kennen."
                ),
                "lessons": [
                    {
                        "slug": "dsgvo-kdg-dsg-ekd",
                        "title": "DSGVO, KDG und DSG-EKD: Welche Regeln gelten?",
                        "estimated_minutes": 30,
                        "body": [
                            (
                                "text",
                                (
                                    "<h2>Worum es beim Datenschutz geht</h2>"
                                    "<p>Datenschutz schützt Menschen, nicht Daten. Wer zu uns kommt, "
                                    "vertraut uns oft sehr Persönliches an: Schulden, Krankheit, "
                                    "Gewalt in der Familie, den eigenen Glauben. Die "
                                    "Datenschutz-Grundverordnung (DSGVO) sorgt dafür, dass wir damit "
                                    "sorgsam umgehen.</p>"
                                    "<h2>Die wichtigsten Grundsätze</h2>"
                                    "<ul>"
                                    "<li><b>Rechtsgrundlage:</b> Wir brauchen einen Grund, den das "
                                    "Gesetz erlaubt, zum Beispiel einen Vertrag, eine gesetzliche "
                                    "Pflicht oder eine Einwilligung.</li>"
                                    "<li><b>Zweckbindung:</b> Daten aus der Schuldnerberatung nutzen "
                                    "wir nicht einfach für den Spendenbrief.</li>"
                                    "<li><b>Datenminimierung:</b> Wir erfragen nur, was wir wirklich "
                                    "brauchen.</li>"
                                    "<li><b>Speicherbegrenzung:</b> Wir löschen Daten, wenn wir sie "
                                    "nicht mehr brauchen und keine Aufbewahrungspflicht besteht.</li>"
                                    "<li><b>Vertraulichkeit:</b> Nur wer die Daten für seine Arbeit "
                                    "braucht, sieht sie.</li>"
                                    "<li><b>Transparenz:</b> Die Menschen erfahren, was wir mit ihren "
                                    "Daten tun.</li>"
                                    "</ul>"
                                    "<h2>Besonders geschützte Daten (Art. 9 DSGVO)</h2>"
                                    "<p>Manche Daten sind besonders sensibel, zum Beispiel Angaben "
                                    "zur Gesundheit, zur Religion, zur ethnischen Herkunft oder zur "
                                    "sexuellen Orientierung. Sie dürfen nur unter engen "
                                    "Voraussetzungen verarbeitet werden. In Pflege und Beratung haben "
                                    "wir fast täglich damit zu tun: Diagnosen, Medikamente, eine "
                                    "Suchterkrankung, die Konfession im Heimvertrag.</p>"
                                    "<h2>Kirchliches Datenschutzrecht (Art. 91 DSGVO)</h2>"
                                    "<p>Kirchen dürfen eigene Datenschutzgesetze anwenden, wenn diese "
                                    "mit der DSGVO im Einklang stehen. Deshalb gilt:</p>"
                                    "<ul>"
                                    "<li>Caritas und andere katholische Einrichtungen: das Gesetz "
                                    "über den Kirchlichen Datenschutz (KDG).</li>"
                                    "<li>Diakonie und andere evangelische Einrichtungen: das "
                                    "Datenschutzgesetz der EKD (DSG-EKD).</li>"
                                    "<li>AWO, DRK, Paritätischer und ihre Mitglieder: in der Regel "
                                    "direkt die DSGVO und das Bundesdatenschutzgesetz.</li>"
                                    "</ul>"
                                    "<p>Die Grundsätze sind sehr ähnlich. Unterschiede gibt es im "
                                    "Detail und bei der Aufsicht: Für kirchliche Einrichtungen sind "
                                    "kirchliche Datenschutzaufsichten zuständig, sonst die staatlichen "
                                    "Datenschutzbehörden.</p>"
                                    "<h2>Rechte der Menschen, die wir begleiten</h2>"
                                    "<p>Jede Person kann fragen, welche Daten wir über sie speichern. "
                                    "Sie kann falsche Angaben berichtigen lassen und unter bestimmten "
                                    "Voraussetzungen die Löschung verlangen. Leiten Sie solche Anfragen "
                                    "sofort an die zuständige Stelle weiter. Für die Antwort gelten "
                                    "Fristen.</p>"
                                ),
                            ),
                            (
                                "callout",
                                {
                                    "kind": "info",
                                    "title": "Ihre Ansprechperson",
                                    "text": (
                                        "<p>In Ihrer Organisation gibt es eine Stelle, die beim "
                                        "Datenschutz berät, meist die oder der "
                                        "Datenschutzbeauftragte. Notieren Sie sich Namen und "
                                        "Kontakt. Sie brauchen die Angaben spätestens, wenn etwas "
                                        "schiefgeht.</p>"
                                    ),
                                },
                            ),
                        ],
                    },
                    {
                        "slug": "sozialgeheimnis-und-schweigepflicht",
                        "title": "Sozialgeheimnis und Schweigepflicht",
                        "estimated_minutes": 30,
                        "body": [
                            (
                                "text",
                                (
                                    "<h2>Vertrauen braucht Verschwiegenheit</h2>"
                                    "<p>Menschen erzählen uns Dinge, die sie sonst niemandem sagen. "
                                    "Das tun sie nur, wenn sie sicher sind: Es bleibt unter uns. "
                                    "Deshalb gibt es neben dem Datenschutz weitere Regeln zur "
                                    "Verschwiegenheit.</p>"
                                    "<h2>Das Sozialgeheimnis (§ 35 SGB I)</h2>"
                                    "<p>Jeder Mensch hat Anspruch darauf, dass seine Sozialdaten "
                                    "geschützt werden. Sozialdaten sind zum Beispiel Angaben beim "
                                    "Jobcenter, beim Jugendamt oder bei der Pflegekasse. Das "
                                    "Sozialgeheimnis bindet zuerst diese Stellen. Bekommen freie "
                                    "Träger Sozialdaten von ihnen, oder arbeiten sie in ihrem "
                                    "Auftrag, müssen sie die Daten ebenso schützen.</p>"
                                    "<h2>Die berufliche Schweigepflicht (§ 203 StGB)</h2>"
                                    "<p>Bestimmte Berufe dürfen fremde Geheimnisse nicht unbefugt "
                                    "weitergeben. Dazu gehören zum Beispiel staatlich anerkannte "
                                    "Sozialarbeiterinnen und Sozialpädagogen, Beraterinnen und "
                                    "Berater in anerkannten Beratungsstellen, Pflegefachkräfte sowie "
                                    "Ärztinnen und Ärzte. Auch Personen, die an ihrer Arbeit "
                                    "mitwirken, können erfasst sein. Ein Verstoß kann strafbar "
                                    "sein.</p>"
                                    "<p>Unbefugt heißt: ohne Einwilligung der Person und ohne "
                                    "gesetzliche Erlaubnis. Das gilt auch gegenüber Angehörigen, "
                                    "Nachbarn, der Polizei oder Kollegen aus einem anderen Dienst. "
                                    "Klären Sie erst, ob Sie etwas sagen dürfen.</p>"
                                    "<p>Ein Beispiel: Die Tochter einer Bewohnerin ruft an und fragt "
                                    "nach der Diagnose ihrer Mutter. Geben Sie nur Auskunft, wenn die "
                                    "Mutter eingewilligt hat oder die Tochter dazu berechtigt ist, "
                                    "zum Beispiel durch eine Vollmacht. Im Zweifel notieren Sie die "
                                    "Frage und rufen später zurück.</p>"
                                    "<h2>Auch Ehrenamtliche sind verpflichtet</h2>"
                                    "<p>Ehrenamtliche erfahren oft viel: im Besuchsdienst, bei der "
                                    "Tafel, in der Hausaufgabenhilfe. Sie verpflichten sich deshalb "
                                    "vor dem ersten Einsatz schriftlich zur Vertraulichkeit. Diese "
                                    "Pflicht gilt auch nach dem Ende des Ehrenamts.</p>"
                                    "<h3>Typische Fallen im Alltag</h3>"
                                    "<ul>"
                                    "<li>Ein Gespräch über eine Bewohnerin im Aufzug oder an der "
                                    "Bushaltestelle.</li>"
                                    "<li>„Rate mal, wen ich heute in der Schuldnerberatung gesehen "
                                    "habe“, erzählt beim Abendessen.</li>"
                                    "<li>Ein Foto vom Dienstplan mit Namen in einer privaten "
                                    "Chatgruppe.</li>"
                                    "</ul>"
                                ),
                            ),
                            (
                                "callout",
                                {
                                    "kind": "warning",
                                    "title": "Im Zweifel: erst fragen, dann sprechen",
                                    "text": (
                                        "<p>Sie sind unsicher, ob Sie eine Information weitergeben "
                                        "dürfen? Sagen Sie zunächst nichts und fragen Sie Ihre "
                                        "Leitung oder die Datenschutzbeauftragte. Bei akuter Gefahr "
                                        "für Leben oder Gesundheit holen Sie sofort Hilfe über den "
                                        "Notruf 112 und informieren danach Ihre Leitung.</p>"
                                    ),
                                },
                            ),
                            (
                                "acknowledgement",
                                {
                                    "statement": (
                                        "Ich habe verstanden, dass ich alles, was ich bei meiner "
                                        "Arbeit über Klientinnen, Klienten, Bewohnerinnen und "
                                        "Bewohner erfahre, vertraulich behandeln muss, auch "
                                        "gegenüber meiner Familie und auch nach dem Ende meiner "
                                        "Tätigkeit."
                                    ),
                                },
                            ),
                        ],
                    },
                ],
            },
            {
                "slug": "datenschutz-in-der-praxis",
                "title": "Datenschutz in der Praxis",
                "intro": (
                    "Die meisten Datenschutzprobleme entstehen im Alltag, nicht im "
                    "Serverraum. Dieses Modul zeigt, wie Sie Geräte und Fotos sicher "
                    "nutzen und was bei einer Datenpanne zu tun ist."
                ),
                "lessons": [
                    {
                        "slug": "geraete-und-fotos",
                        "title": "Handy, Tablet und Fotos sicher nutzen",
                        "estimated_minutes": 30,
                        "body": [
                            (
                                "text",
                                (
                                    "<h2>Geräte, die viele Hände nutzen</h2>"
                                    "<p>Im Pflegeheim liegt ein Tablet für die Dokumentation im "
                                    "Dienstzimmer. In der Wohngruppe teilen sich drei Kolleginnen ein "
                                    "Diensthandy. Das ist praktisch, aber riskant. Wer das Gerät in "
                                    "die Hand nimmt, sieht, was gerade offen ist.</p>"
                                    "<h3>Regeln für geteilte Tablets und Handys</h3>"
                                    "<ul>"
                                    "<li>Jede Person meldet sich mit dem eigenen Zugang an und am "
                                    "Ende wieder ab.</li>"
                                    "<li>Das Gerät sperrt sich nach kurzer Zeit von selbst. Der Code "
                                    "klebt nicht auf einem Zettel daneben.</li>"
                                    "<li>Keine privaten Apps, keine private Cloud und kein privates "
                                    "E-Mail-Konto auf Dienstgeräten.</li>"
                                    "<li>Installieren Sie Updates zeitnah, oder melden Sie der IT, "
                                    "wenn das Gerät danach fragt.</li>"
                                    "<li>Das Gerät bleibt nie unbeaufsichtigt im Flur oder im Auto "
                                    "liegen.</li>"
                                    "</ul>"
                                    "<h2>Fotos von Klientinnen und Klienten</h2>"
                                    "<p>Ein Foto vom Ausflug, vom Geburtstag im Heim oder von einer "
                                    "Wunde für die Dokumentation ist schnell gemacht. Fotos zeigen "
                                    "aber Menschen, oft in verletzlichen Momenten. Ein Wundfoto ist "
                                    "außerdem ein Gesundheitsdatum.</p>"
                                    "<ul>"
                                    "<li>Fotografieren Sie nur mit Dienstgeräten und nur für einen "
                                    "klaren Zweck.</li>"
                                    "<li>Für Fotos auf der Website, in der Zeitung oder am Aushang "
                                    "brauchen Sie eine Einwilligung. Holen Sie sie schriftlich ein, "
                                    "damit Sie sie nachweisen können. Die Person kann sie jederzeit "
                                    "widerrufen.</li>"
                                    "<li>Kann eine Person nicht selbst einwilligen, klären Sie mit "
                                    "der Leitung, wer für sie entscheiden darf.</li>"
                                    "<li>Dokumentationsfotos gehören in die Dokumentation, nicht in "
                                    "die Galerie des Handys. Löschen Sie sie dort nach dem "
                                    "Übertragen.</li>"
                                    "<li>Achten Sie auf den Hintergrund: Namensschilder, Dienstpläne "
                                    "oder andere Bewohnerinnen und Bewohner.</li>"
                                    "</ul>"
                                    "<h2>Wenn das Handy weg ist</h2>"
                                    "<p>Ein verlorenes Diensthandy ist mehr als ein Sachschaden. "
                                    "Darauf können Kontakte, Nachrichten und Fotos von Klienten sein. "
                                    "Melden Sie den Verlust sofort. Dann kann die IT das Gerät aus "
                                    "der Ferne sperren oder löschen, wenn das eingerichtet ist. Mehr "
                                    "dazu erfahren Sie in der nächsten Lektion.</p>"
                                ),
                            ),
                            (
                                "callout",
                                {
                                    "kind": "tip",
                                    "title": "Der Zwei-Sekunden-Blick",
                                    "text": (
                                        "<p>Bevor Sie ein Foto machen oder ein Gerät weitergeben: "
                                        "Schauen Sie kurz, was auf dem Bild oder auf dem Bildschirm "
                                        "zu sehen ist. Das verhindert viele Pannen.</p>"
                                    ),
                                },
                            ),
                        ],
                    },
                    {
                        "slug": "datenpannen-melden",
                        "title": "Datenpannen erkennen und melden",
                        "estimated_minutes": 30,
                        "body": [
                            (
                                "text",
                                (
                                    "<h2>Was ist eine Datenpanne?</h2>"
                                    "<p>Eine Datenpanne liegt vor, wenn personenbezogene Daten "
                                    "verloren gehen, in falsche Hände geraten, verändert oder "
                                    "zerstört werden. Das gilt für Versehen genauso wie für "
                                    "Angriffe. Beispiele aus dem Alltag:</p>"
                                    "<ul>"
                                    "<li>Das Diensthandy bleibt im Bus liegen.</li>"
                                    "<li>Eine E-Mail mit dem Hilfeplan geht an die falsche "
                                    "Adresse.</li>"
                                    "<li>Ein Brief mit Befunden landet im falschen Briefkasten.</li>"
                                    "<li>Auf dem geteilten Tablet war die Akte eines Bewohners "
                                    "offen, und Besucher haben sie gesehen.</li>"
                                    "<li>Ein Laptop ist mit Schadsoftware befallen.</li>"
                                    "</ul>"
                                    "<h2>Was das Gesetz verlangt</h2>"
                                    "<p>Die Organisation muss eine Datenpanne der zuständigen "
                                    "Aufsichtsbehörde unverzüglich melden, möglichst innerhalb von "
                                    "72 Stunden, nachdem sie ihr bekannt geworden ist (Art. 33 DSGVO). "
                                    "Die Meldung entfällt nur, wenn voraussichtlich kein Risiko für "
                                    "die betroffenen Menschen besteht. Ist das Risiko hoch, müssen "
                                    "auch die betroffenen Personen informiert werden (Art. 34 DSGVO). "
                                    "Jede Panne wird dokumentiert, auch wenn keine Meldung nötig ist. "
                                    "KDG und DSG-EKD sehen vergleichbare Pflichten vor. Zuständig ist "
                                    "dort die kirchliche Datenschutzaufsicht.</p>"
                                    "<p>72 Stunden sind kurz. Wochenenden und Feiertage zählen mit. "
                                    "Deshalb kommt es auf Ihre schnelle Meldung an.</p>"
                                    "<h2>Was Sie konkret tun</h2>"
                                    "<ol>"
                                    "<li>Melden Sie die Panne sofort intern, so wie es in Ihrer "
                                    "Organisation geregelt ist. Meist geht die Meldung an die Leitung "
                                    "und die Datenschutzbeauftragte. Das gilt auch am "
                                    "Freitagnachmittag.</li>"
                                    "<li>Beschreiben Sie kurz: Was ist passiert, und wann? Welche "
                                    "Daten sind betroffen, und von wie vielen Personen? Notieren "
                                    "Sie auch, wann Sie es bemerkt haben.</li>"
                                    "<li>Begrenzen Sie den Schaden. Bitten Sie zum Beispiel die "
                                    "falsche Empfängerin, die E-Mail zu löschen. Lassen Sie ein "
                                    "verlorenes Handy sperren.</li>"
                                    "<li>Verschweigen und beschönigen Sie nichts. Die Bewertung und "
                                    "die Meldung an die Behörde übernimmt die Organisation.</li>"
                                    "</ol>"
                                    "<h3>Ein Beispiel</h3>"
                                    "<p>Eine Beraterin schickt am Freitag um 16 Uhr einen Bericht an "
                                    "den falschen Herrn Müller. Sie bemerkt es sofort. Sie ruft ihre "
                                    "Leitung an, schreibt dem Empfänger und bittet ihn, die E-Mail zu "
                                    "löschen. Die Organisation prüft noch am selben Tag, ob eine "
                                    "Meldung nötig ist.</p>"
                                ),
                            ),
                            (
                                "callout",
                                {
                                    "kind": "info",
                                    "title": "Fehler passieren, Schweigen ist das Problem",
                                    "text": (
                                        "<p>Eine schnell gemeldete Panne lässt sich meist gut in den "
                                        "Griff bekommen. Gefährlich wird es, wenn niemand etwas sagt "
                                        "und die Frist verstreicht. Gute Teams gehen offen mit "
                                        "Fehlern um und lernen daraus.</p>"
                                    ),
                                },
                            ),
                        ],
                    },
                ],
            },
        ],
    },
    # ------------------------------------------------------------------
    # 3. Zusammenarbeit
    # ------------------------------------------------------------------
    {
        "slug": "digital-zusammenarbeiten",
        "title": "Digital zusammenarbeiten",
        "summary": (
            "Gemeinsame Dokumente, Team-Chats und Online-Besprechungen gut nutzen, "
            "Ehrenamtliche einbinden und dabei die eigenen Grenzen wahren."
        ),
        "audience": "both",
        "estimated_minutes": 75,
        "self_enrolment": True,
        "mandatory": False,
        "recertification_months": None,
        "topics": ["Zusammenarbeit", "Kommunikation"],
        "modules": [
            {
                "slug": "dokumente-und-chat",
                "title": "Dokumente und Chat im Team",
                "intro": (
                    "Gute Absprachen sparen Zeit und Nerven. In diesem Modul geht es "
                    "um gemeinsame Ablagen und um klare Regeln für den Team-Chat."
                ),
                "lessons": [
                    {
                        "slug": "dokumente-gemeinsam-nutzen",
                        "title": "Dokumente gemeinsam ablegen und bearbeiten",
                        "estimated_minutes": 20,
                        "body": [
                            (
                                "text",
                                (
                                    "<h2>Ein Ort für jedes Dokument</h2>"
                                    "<p>Kennen Sie das? Der Dienstplan liegt dreimal vor: im "
                                    "E-Mail-Anhang, auf dem Desktop und im Teamordner. Welche Version "
                                    "stimmt? In gemeinsamen Ablagen gilt deshalb: Jedes Dokument hat "
                                    "genau einen Ort. Sie verschicken einen Link statt einer "
                                    "Kopie.</p>"
                                    "<h2>Versionen im Griff</h2>"
                                    "<ul>"
                                    "<li>Arbeiten Sie direkt im gemeinsamen Dokument, statt Kopien "
                                    "herunterzuladen.</li>"
                                    "<li>Nutzen Sie den Versionsverlauf. Dort sehen Sie, wer was "
                                    "geändert hat, und können ältere Stände zurückholen.</li>"
                                    "<li>Vereinbaren Sie einfache Dateinamen nach dem Muster "
                                    "Datum, Thema, Art, etwa „2025-03-12 Teamsitzung Protokoll“. "
                                    "Dann sortieren sich die Dateien von selbst.</li>"
                                    "<li>Vermeiden Sie Namen wie „final_neu_2_wirklich_final“.</li>"
                                    "</ul>"
                                    "<h2>Rechte bewusst vergeben</h2>"
                                    "<p>Nicht jede Person braucht Zugriff auf alles. Die "
                                    "Ehrenamtlichen im Besuchsdienst brauchen den Einsatzplan, aber "
                                    "nicht die Protokolle der Fallbesprechung. Vergeben Sie Rechte so "
                                    "knapp wie möglich:</p>"
                                    "<ul>"
                                    "<li><b>Lesen</b> für alle, die nur informiert sein müssen.</li>"
                                    "<li><b>Bearbeiten</b> nur für die, die wirklich "
                                    "mitschreiben.</li>"
                                    "<li>Freigaben für „alle mit dem Link“ nur bei Inhalten, die "
                                    "jeder sehen darf.</li>"
                                    "<li>Jeder Ordner hat eine verantwortliche Person, die die "
                                    "Rechte im Blick behält.</li>"
                                    "<li>Verlässt jemand das Team, werden die Rechte am letzten Tag "
                                    "entzogen.</li>"
                                    "</ul>"
                                    "<h3>Vorlagen nutzen</h3>"
                                    "<p>Für Dinge, die oft vorkommen, lohnen sich Vorlagen: "
                                    "Protokoll der Teamsitzung, Übergabe, Einsatzplan. Legen Sie sie "
                                    "in einem eigenen Ordner ab. Dann sieht jedes Protokoll gleich "
                                    "aus, und alle finden schneller, was sie suchen.</p>"
                                    "<h2>Keine Klientendaten in private Clouds</h2>"
                                    "<p>Private Dienste wie ein eigenes Dropbox- oder Google-Konto "
                                    "sind für Klientendaten tabu. Ihre Organisation hat dafür keinen "
                                    "Vertrag mit dem Anbieter. Sie weiß nicht, wo die Daten liegen, "
                                    "und kann sie nicht löschen. Nutzen Sie nur die Ablage, die Ihre "
                                    "Organisation freigegeben hat, auch wenn der private Weg "
                                    "schneller scheint.</p>"
                                ),
                            ),
                            (
                                "callout",
                                {
                                    "kind": "tip",
                                    "title": "Aufräumen als Teamaufgabe",
                                    "text": (
                                        "<p>Planen Sie zweimal im Jahr 30 Minuten in der "
                                        "Teamsitzung ein. Jede Person prüft ihre Ordner: Was ist "
                                        "veraltet? Was darf gelöscht werden? Was muss nach den "
                                        "Aufbewahrungsregeln bleiben?</p>"
                                    ),
                                },
                            ),
                        ],
                    },
                    {
                        "slug": "regeln-fuer-team-chats",
                        "title": "Regeln für Team-Chats",
                        "estimated_minutes": 20,
                        "body": [
                            (
                                "text",
                                (
                                    "<h2>Chat ist schnell, und schnell zu viel</h2>"
                                    "<p>Ein Team-Chat ersetzt viele Anrufe und Zettel. Gleichzeitig "
                                    "piept das Handy ständig. Wichtiges geht zwischen "
                                    "Geburtstagsgrüßen unter. Gute Absprachen helfen allen, den "
                                    "Hauptamtlichen wie den Ehrenamtlichen.</p>"
                                    "<h2>Erreichbarkeit und Antwortzeiten</h2>"
                                    "<ul>"
                                    "<li>Legen Sie fest, wann der Chat gelesen wird, zum Beispiel "
                                    "nur während der Dienstzeit.</li>"
                                    "<li>Niemand muss in der Freizeit oder im Urlaub antworten. "
                                    "Tragen Sie Abwesenheiten in Ihren Status ein.</li>"
                                    "<li>Vereinbaren Sie eine übliche Antwortzeit, etwa „bis zum "
                                    "Ende des nächsten Arbeitstags“.</li>"
                                    "<li>Dringendes gehört ans Telefon. Der Chat ist kein "
                                    "Notfallkanal.</li>"
                                    "</ul>"
                                    "<h2>Was nicht in den Chat gehört</h2>"
                                    "<ul>"
                                    "<li>Namen, Diagnosen oder Geschichten von Klientinnen und "
                                    "Klienten. Ausnahme: ein geschützter Kanal, den Ihre "
                                    "Organisation dafür freigegeben hat, und auch dort nur das "
                                    "Nötige.</li>"
                                    "<li>Fotos von Bewohnern, Briefen oder Bildschirmen.</li>"
                                    "<li>Konflikte und Kritik an einzelnen Personen. Das klären Sie "
                                    "im Gespräch.</li>"
                                    "<li>Entscheidungen, die festgehalten werden müssen. Sie gehören "
                                    "ins Protokoll oder in die Akte.</li>"
                                    "</ul>"
                                    "<h2>Ordnung im Chat</h2>"
                                    "<ul>"
                                    "<li>Ein Kanal pro Thema, zum Beispiel „Dienstplan“, "
                                    "„Organisatorisches“ und „Kaffeeküche“.</li>"
                                    "<li>Antworten Sie im Thread, damit ein Gespräch "
                                    "zusammenbleibt.</li>"
                                    "<li>Erwähnen Sie Personen mit @ nur, wenn genau diese Person "
                                    "etwas tun muss.</li>"
                                    "<li>Eine klare erste Zeile hilft: „Frage zum Dienstplan Mai: "
                                    "Wer tauscht mit mir am 12.?“</li>"
                                    "<li>Ein Daumen hoch reicht als Bestätigung. Das spart lange "
                                    "Antworten.</li>"
                                    "<li>Dienstliches läuft über den Chat der Organisation, nicht "
                                    "über private Gruppen.</li>"
                                    "</ul>"
                                    "<h2>Ein freundlicher Ton</h2>"
                                    "<p>Im Chat fehlen Stimme und Gesicht. Ein kurzer Satz wirkt "
                                    "schnell schroff. Schreiben Sie lieber einen Satz mehr, und lesen "
                                    "Sie Nachrichten wohlwollend. Ärgert Sie etwas, warten Sie mit der "
                                    "Antwort oder greifen Sie zum Telefon. Emojis können helfen, "
                                    "ersetzen aber kein Gespräch.</p>"
                                ),
                            ),
                            (
                                "callout",
                                {
                                    "kind": "tip",
                                    "title": "Chat-Regeln auf einer Seite",
                                    "text": (
                                        "<p>Schreiben Sie Ihre Regeln gemeinsam im Team auf, auf "
                                        "höchstens einer Seite. Heften Sie sie im Chat oben an. So "
                                        "finden neue Kolleginnen und Ehrenamtliche sie sofort.</p>"
                                    ),
                                },
                            ),
                        ],
                    },
                ],
            },
            {
                "slug": "besprechungen-ehrenamt-grenzen",
                "title": "Besprechungen, Ehrenamt und gesunde Grenzen",
                "intro": (
                    "Gute Zusammenarbeit schließt alle ein, auch wer nicht im Raum ist. "
                    "Und sie endet dort, wo Erholung beginnt."
                ),
                "lessons": [
                    {
                        "slug": "online-besprechungen-und-ehrenamt",
                        "title": "Online-Besprechungen, auch mit Ehrenamtlichen",
                        "estimated_minutes": 15,
                        "body": [
                            (
                                "text",
                                (
                                    "<h2>Gute Besprechungen beginnen vorher</h2>"
                                    "<p>Ein Teil des Teams sitzt im Büro. Eine Kollegin ist im "
                                    "Homeoffice. Ein Kollege wählt sich nach dem Hausbesuch aus dem "
                                    "geparkten Auto ein. So sehen viele Teamsitzungen heute aus. "
                                    "Damit alle gut mitmachen können, braucht es Vorbereitung:</p>"
                                    "<ul>"
                                    "<li>Verschicken Sie die Tagesordnung vorher, mit Link und "
                                    "Telefonnummer zur Einwahl.</li>"
                                    "<li>Prüfen Sie Kamera, Mikrofon und Lautsprecher im Raum zehn "
                                    "Minuten vor Beginn.</li>"
                                    "<li>Bestimmen Sie eine Moderation und eine Person, die Chat und "
                                    "Wortmeldungen im Blick behält.</li>"
                                    "</ul>"
                                    "<h2>Fair für alle, die nicht im Raum sind</h2>"
                                    "<p>Bei hybriden Sitzungen gehen Online-Teilnehmende leicht "
                                    "unter. Im Raum wird geflüstert, gelacht und auf das Flipchart "
                                    "gezeigt. Wer online ist, bekommt davon wenig mit.</p>"
                                    "<ul>"
                                    "<li>Die Moderation fragt die Online-Teilnehmenden oft zuerst "
                                    "nach ihrer Meinung.</li>"
                                    "<li>Alle im Raum sprechen ins Mikrofon. Seitengespräche gibt es "
                                    "nicht.</li>"
                                    "<li>Notizen entstehen in einem geteilten Dokument, das alle "
                                    "sehen.</li>"
                                    "<li>Planen Sie bei langen Sitzungen nach etwa 45 Minuten eine "
                                    "kurze Pause ein.</li>"
                                    "</ul>"
                                    "<h2>Datenschutz in der Sitzung</h2>"
                                    "<p>Fallbesprechungen per Video sind möglich, wenn das Tool "
                                    "freigegeben ist. Achten Sie darauf, wer mithört: Im Homeoffice "
                                    "schließen Sie die Tür. Im Café oder im Zug besprechen Sie keine "
                                    "Fälle. Nutzen Sie Initialen statt voller Namen, wo es geht.</p>"
                                    "<h2>Ehrenamtliche dazuholen</h2>"
                                    "<p>Ehrenamtliche haben oft wenig Übung mit Videokonferenzen "
                                    "oder nur ein älteres Handy.</p>"
                                    "<ul>"
                                    "<li>Bieten Sie eine Einwahl per Telefon an.</li>"
                                    "<li>Machen Sie vor dem ersten Treffen einen kurzen "
                                    "Technik-Test.</li>"
                                    "<li>Verlangen Sie nicht, dass Ehrenamtliche private Geräte oder "
                                    "Konten nutzen, wenn sie das nicht möchten.</li>"
                                    "<li>Schicken Sie wichtige Ergebnisse auch schriftlich, für alle, "
                                    "die nicht dabei sein konnten.</li>"
                                    "</ul>"
                                    "<p>Und: Ein Treffen vor Ort ab und zu stärkt den Zusammenhalt "
                                    "mehr als jedes Tool.</p>"
                                ),
                            ),
                            (
                                "callout",
                                {
                                    "kind": "info",
                                    "title": "Kamera an oder aus?",
                                    "text": (
                                        "<p>Gesichter machen Gespräche lebendiger. Manche Menschen "
                                        "fühlen sich vor der Kamera aber unwohl, oder das Netz ist "
                                        "schwach. Vereinbaren Sie im Team eine Regel, zum Beispiel: "
                                        "Kamera an zur Begrüßung und bei Diskussionen, aus bei "
                                        "schlechter Verbindung.</p>"
                                    ),
                                },
                            ),
                        ],
                    },
                    {
                        "slug": "gesunde-grenzen",
                        "title": "Gesunde Grenzen im digitalen Alltag",
                        "estimated_minutes": 20,
                        "body": [
                            (
                                "text",
                                (
                                    "<h2>Immer erreichbar, nie fertig?</h2>"
                                    "<p>In der Sozialen Arbeit und in der Pflege ist die Arbeit nie "
                                    "ganz erledigt. Digitale Werkzeuge machen es leicht, nach "
                                    "Feierabend „nur kurz“ in den Chat oder die E-Mails zu schauen. "
                                    "Auf Dauer kostet das Kraft. Wer nicht abschalten kann, erholt "
                                    "sich schlecht. Und erschöpfte Menschen können anderen weniger "
                                    "gut helfen.</p>"
                                    "<h2>Was Sie selbst tun können</h2>"
                                    "<ul>"
                                    "<li>Schalten Sie Benachrichtigungen von Dienst-Apps nach "
                                    "Dienstende aus. Viele Handys haben dafür einen Ruhemodus.</li>"
                                    "<li>Trennen Sie Dienstliches und Privates, mit eigenen Geräten "
                                    "oder zumindest getrennten Profilen.</li>"
                                    "<li>Lesen Sie E-Mails zu festen Zeiten, statt ständig "
                                    "nachzusehen.</li>"
                                    "<li>Machen Sie echte Pausen ohne Bildschirm. Fünf Minuten am "
                                    "Fenster helfen mehr als fünf Minuten am Handy.</li>"
                                    "<li>Achten Sie auf Warnzeichen: schlechter Schlaf, "
                                    "Gereiztheit, das Gefühl, ständig etwas zu verpassen.</li>"
                                    "</ul>"
                                    "<h2>Was Team und Leitung tun können</h2>"
                                    "<ul>"
                                    "<li>Vereinbaren Sie: Nach Dienstschluss erwartet niemand eine "
                                    "Antwort.</li>"
                                    "<li>Nutzen Sie zeitversetztes Senden. Was Sie abends schreiben, "
                                    "kommt erst am Morgen an.</li>"
                                    "<li>Führungskräfte gehen mit gutem Beispiel voran, zum Beispiel "
                                    "mit E-Mail-freien Sonntagen.</li>"
                                    "<li>Regeln Sie Rufbereitschaft klar, mit festen Zeiten.</li>"
                                    "<li>Ehrenamtliche schenken uns ihre freie Zeit. Für sie gilt "
                                    "erst recht: keine Erwartung, ständig erreichbar zu sein.</li>"
                                    "</ul>"
                                    "<h2>Grenzen gegenüber Klientinnen und Klienten</h2>"
                                    "<p>Klientinnen und Klienten schreiben manchmal spät abends oder "
                                    "am Wochenende. Sie meinen es selten böse. Sagen Sie gleich zu "
                                    "Beginn der Zusammenarbeit, wann Sie erreichbar sind. Nennen Sie "
                                    "Stellen für Notfälle, zum Beispiel den örtlichen Krisendienst "
                                    "oder die Telefonseelsorge. Eine automatische Abwesenheitsnotiz "
                                    "hilft dabei.</p>"
                                    "<h2>Zum Nachdenken</h2>"
                                    "<p>Wann haben Sie zuletzt nach Feierabend dienstliche "
                                    "Nachrichten gelesen? Was hat Sie dazu gebracht? Besprechen Sie im "
                                    "Team, welche Regel Ihnen allen helfen würde. Probieren Sie sie "
                                    "einen Monat lang aus.</p>"
                                ),
                            ),
                            (
                                "callout",
                                {
                                    "kind": "tip",
                                    "title": "Ihr Feierabend-Ritual",
                                    "text": (
                                        "<p>Suchen Sie sich ein kleines Ritual für das Dienstende: "
                                        "das Diensthandy in die Schublade legen, den Laptop "
                                        "zuklappen, einmal tief durchatmen. Es klingt einfach, und "
                                        "es wirkt.</p>"
                                    ),
                                },
                            ),
                        ],
                    },
                ],
            },
        ],
    },
]
