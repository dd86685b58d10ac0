"""Which DigComp 2.2 competences the demo learning develops, and to which
level, and the targets HR has set for the demo organisation.

A whole course brings a learner one level further than a single activity in
it: passing the quiz shows the basics (level 2), completing the course shows
routine use on one's own (level 3, DigComp's first "Intermediate" level)."""

from lms.people.models import StaffType

# Page slug → [(competence code, level)]; courses and lessons alike.
PAGE_LINKS = {
    "datenschutz-im-sozialwesen": [("4.2", 3)],
    "geraete-und-fotos": [("4.1", 2)],
    "digitale-ethik": [("2.5", 3), ("4.3", 2)],
    "digital-zusammenarbeiten": [("2.4", 3)],
}

# (lesson slug, block type, title of the quiz, deck or case or None for the
# only block of that type in the lesson, [(competence code, level)])
ACTIVITY_LINKS = [
    (
        "datenpannen-melden",
        "quiz",
        "Abschlussquiz: Datenschutz im Sozialwesen",
        [("4.2", 2)],
    ),
    (
        "automatisierung-und-ueberwachung",
        "quiz",
        "Quiz: Digitale Ethik im Arbeitsalltag",
        [("2.5", 2)],
    ),
    (
        "beratung-per-video",
        "case",
        "Karen und die Wohnbegleitung per Video",
        [("2.1", 2)],
    ),
    (
        "wuerde-und-selbstbestimmung",
        "deck",
        "Dialogkarten: Digitale Ethik in der Arbeit mit Menschen",
        [("2.4", 2)],
    ),
    (
        "regeln-fuer-team-chats",
        "deck",
        "Dialogkarten: Gut digital zusammenarbeiten",
        [("2.4", 2)],
    ),
    ("gesunde-grenzen", "quiz", "Quiz: Digital zusammenarbeiten", [("2.4", 2)]),
    ("dokumente-gemeinsam-nutzen", "h5p", None, [("2.2", 2)]),
]

# (competence code, level, unit code, staff type or "" for everyone); each
# target reaches the unit and everything below it.
TARGETS = [
    ("4.2", 2, "verband", StaffType.VOLUNTEER),
    ("4.2", 3, "verband", StaffType.PAID),
    ("4.1", 2, "st-anna", StaffType.PAID),
    ("2.5", 2, "verband", ""),
]

# Volker (volunteer) has assessed himself; nobody has rated him yet.
VOLKER_SELF_ASSESSMENT = {"2.1": 3, "2.5": 3, "4.1": 2, "4.2": 1, "5.4": 2}
