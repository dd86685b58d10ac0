"""DigComp 2.2, the EU's Digital Competence Framework for Citizens (European
Commission, Joint Research Centre, 2022), as the platform ships it.

The texts are stored in German, the platform's language, with English as a
translation; the English is the JRC's own wording, the German a faithful
translation of it. Identifiers are UUIDv5 of a fixed namespace and the code,
so that every installation exports the same CASE identifiers and an export
re-imports onto the same items.

Self-assessment statements ("I can …") follow the DigComp 2.1/2.2 pattern: a
lead-in per level that carries complexity and autonomy ("On my own and
solving straightforward problems, I can …") joined to one phrase per
competence, so each of the 21 competences gets eight statements.

`digcomp_load(apps)` runs from the data migration with historical models as
well as from seed_demo with the real ones, so it uses nothing but the managers.
"""

import uuid

SLUG = "digcomp-2-2"

#: Fixed for good: changing it would give every item a new identifier.
NAMESPACE = uuid.UUID("5b0f7c1e-2d2a-5c8e-9f43-d1c0a2022202")

#: From level 3, the first "Intermediate" level, a competence counts as
#: achieved: the person manages routine tasks on their own, which is what a
#: welfare organisation expects before someone handles clients' data or
#: devices unsupervised; at levels 1 and 2 they still need guidance.
PROFICIENT_LEVEL = 3
DEFAULT_LEVEL = 1

FRAMEWORK = {
    "name": "DigComp 2.2",
    "source": "European Commission, Joint Research Centre (JRC)",
    "version": "2.2",
    "language": "de",
    "description": (
        "Der Europäische Referenzrahmen für die digitale Kompetenz der "
        "Bürgerinnen und Bürger: 21 Kompetenzen in fünf Kompetenzbereichen, "
        "jeweils auf acht Kompetenzstufen. Herausgegeben 2022 von der "
        "Gemeinsamen Forschungsstelle (JRC) der Europäischen Kommission."
    ),
    "en": {
        "name": "DigComp 2.2",
        "description": (
            "The Digital Competence Framework for Citizens: 21 competences in "
            "five areas, each on eight proficiency levels. Published in 2022 "
            "by the European Commission's Joint Research Centre (JRC)."
        ),
    },
}

# (value, German band, English band, German description, English description)
# The description combines the level's complexity of tasks, autonomy and
# cognitive domain, as DigComp 2.1 and 2.2 define them.
LEVELS = [
    (
        1,
        "Grundlegend",
        "Foundation",
        "Komplexität: einfache Aufgaben. Selbstständigkeit: mit Anleitung. "
        "Kognitiver Bereich: Erinnern.",
        "Complexity: simple tasks. Autonomy: with guidance. "
        "Cognitive domain: remembering.",
    ),
    (
        2,
        "Grundlegend",
        "Foundation",
        "Komplexität: einfache Aufgaben. Selbstständigkeit: selbstständig und "
        "bei Bedarf mit Anleitung. Kognitiver Bereich: Erinnern.",
        "Complexity: simple tasks. Autonomy: autonomy and with guidance where "
        "needed. Cognitive domain: remembering.",
    ),
    (
        3,
        "Selbstständig",
        "Intermediate",
        "Komplexität: klar umrissene Routineaufgaben und einfache Probleme. "
        "Selbstständigkeit: allein. Kognitiver Bereich: Verstehen.",
        "Complexity: well-defined and routine tasks, and straightforward "
        "problems. Autonomy: on my own. Cognitive domain: understanding.",
    ),
    (
        4,
        "Selbstständig",
        "Intermediate",
        "Komplexität: Aufgaben sowie klar umrissene, nicht routinemäßige "
        "Probleme. Selbstständigkeit: unabhängig und nach meinen Bedürfnissen. "
        "Kognitiver Bereich: Verstehen.",
        "Complexity: tasks, and well-defined and non-routine problems. "
        "Autonomy: independent and according to my needs. "
        "Cognitive domain: understanding.",
    ),
    (
        5,
        "Fortgeschritten",
        "Advanced",
        "Komplexität: unterschiedliche Aufgaben und Probleme. "
        "Selbstständigkeit: andere anleiten. Kognitiver Bereich: Anwenden.",
        "Complexity: different tasks and problems. Autonomy: guiding others. "
        "Cognitive domain: applying.",
    ),
    (
        6,
        "Fortgeschritten",
        "Advanced",
        "Komplexität: die jeweils am besten geeigneten Aufgaben. "
        "Selbstständigkeit: sich in komplexen Zusammenhängen auf andere "
        "einstellen. Kognitiver Bereich: Bewerten.",
        "Complexity: most appropriate tasks. Autonomy: able to adapt to others "
        "in a complex context. Cognitive domain: evaluating.",
    ),
    (
        7,
        "Hoch spezialisiert",
        "Highly specialised",
        "Komplexität: komplexe Probleme mit wenigen Lösungen lösen. "
        "Selbstständigkeit: Wissen einbringen, um zur Fachpraxis beizutragen "
        "und andere anzuleiten. Kognitiver Bereich: Erschaffen.",
        "Complexity: resolve complex problems with limited solutions. "
        "Autonomy: integrate to contribute to the professional practice and "
        "to guide others. Cognitive domain: creating.",
    ),
    (
        8,
        "Hoch spezialisiert",
        "Highly specialised",
        "Komplexität: komplexe Probleme mit vielen zusammenwirkenden Faktoren "
        "lösen. Selbstständigkeit: dem Fachgebiet neue Ideen und Verfahren "
        "vorschlagen. Kognitiver Bereich: Erschaffen.",
        "Complexity: resolve complex problems with many interacting factors. "
        "Autonomy: propose new ideas and processes to the field. "
        "Cognitive domain: creating.",
    ),
]

#: Per level, the start of an "I can" statement (German, English). The German
#: ends in "kann ich" so that the competence's infinitive phrase follows.
LEAD_INS = {
    1: (
        "Auf grundlegendem Niveau und mit Anleitung kann ich",
        "At basic level and with guidance, I can",
    ),
    2: (
        "Auf grundlegendem Niveau, selbstständig und bei Bedarf mit passender "
        "Anleitung kann ich",
        "At basic level and with autonomy and appropriate guidance where needed, I can",
    ),
    3: (
        "Allein und indem ich einfache Probleme selbst löse, kann ich",
        "On my own and solving straightforward problems, I can",
    ),
    4: (
        "Unabhängig, nach meinen eigenen Bedürfnissen und indem ich klar "
        "umrissene, nicht routinemäßige Probleme löse, kann ich",
        "Independently, according to my own needs, and solving well-defined "
        "and non-routine problems, I can",
    ),
    5: (
        "Auf fortgeschrittenem Niveau und indem ich auch andere anleite, kann ich",
        "As well as guiding others, I can",
    ),
    6: (
        "Auf fortgeschrittenem Niveau, nach meinen Bedürfnissen und denen "
        "anderer und in komplexen Zusammenhängen kann ich",
        "At advanced level, according to my own needs and those of others, "
        "and in complex contexts, I can",
    ),
    7: (
        "Auf hoch spezialisiertem Niveau, bei komplexen Problemen mit wenigen "
        "Lösungen, als Beitrag zur Fachpraxis und in der Anleitung anderer "
        "kann ich",
        "At highly specialised level, solving complex problems with limited "
        "solutions, contributing to professional practice and guiding "
        "others, I can",
    ),
    8: (
        "Auf höchstem, spezialisiertem Niveau, bei komplexen Problemen mit "
        "vielen zusammenwirkenden Faktoren und mit neuen Ideen und Verfahren "
        "für das Fachgebiet kann ich",
        "At the most advanced and specialised level, solving complex problems "
        "with many interacting factors and proposing new ideas and processes "
        "to the field, I can",
    ),
}

# (code, German name, English name, German description, English description)
AREAS = [
    (
        "1",
        "Umgang mit Informationen und Daten",
        "Information and data literacy",
        "Informationsbedarf formulieren, digitale Daten, Informationen und "
        "Inhalte finden und abrufen. Die Relevanz der Quelle und ihres Inhalts "
        "beurteilen. Digitale Daten, Informationen und Inhalte speichern, "
        "verwalten und ordnen.",
        "To articulate information needs, to locate and retrieve digital data, "
        "information and content. To judge the relevance of the source and its "
        "content. To store, manage, and organise digital data, information and "
        "content.",
    ),
    (
        "2",
        "Kommunikation und Zusammenarbeit",
        "Communication and collaboration",
        "Mithilfe digitaler Technologien interagieren, kommunizieren und "
        "zusammenarbeiten und dabei kulturelle und generationenbezogene "
        "Vielfalt beachten. Über öffentliche und private digitale Dienste und "
        "bürgerschaftliche Beteiligung an der Gesellschaft teilhaben. Die "
        "eigene digitale Präsenz, Identität und den eigenen Ruf steuern.",
        "To interact, communicate and collaborate through digital technologies "
        "while being aware of cultural and generational diversity. To "
        "participate in society through public and private digital services "
        "and participatory citizenship. To manage one's digital presence, "
        "identity and reputation.",
    ),
    (
        "3",
        "Erstellung digitaler Inhalte",
        "Digital content creation",
        "Digitale Inhalte erstellen und bearbeiten. Informationen und Inhalte "
        "verbessern und in vorhandenes Wissen einbinden und dabei verstehen, "
        "wie Urheberrecht und Lizenzen anzuwenden sind. Verständliche "
        "Anweisungen für ein Computersystem geben können.",
        "To create and edit digital content. To improve and integrate "
        "information and content into an existing body of knowledge while "
        "understanding how copyright and licences are to be applied. To know "
        "how to give understandable instructions for a computer system.",
    ),
    (
        "4",
        "Sicherheit",
        "Safety",
        "Geräte, Inhalte, personenbezogene Daten und die Privatsphäre in "
        "digitalen Umgebungen schützen. Die körperliche und seelische "
        "Gesundheit schützen und digitale Technologien für soziales "
        "Wohlergehen und soziale Inklusion kennen. Die Umweltauswirkungen "
        "digitaler Technologien und ihrer Nutzung kennen.",
        "To protect devices, content, personal data and privacy in digital "
        "environments. To protect physical and psychological health, and to be "
        "aware of digital technologies for social well-being and social "
        "inclusion. To be aware of the environmental impact of digital "
        "technologies and their use.",
    ),
    (
        "5",
        "Problemlösung",
        "Problem solving",
        "Bedürfnisse und Probleme erkennen und konzeptionelle Probleme und "
        "Problemsituationen in digitalen Umgebungen lösen. Digitale Werkzeuge "
        "nutzen, um Prozesse und Produkte zu erneuern. Mit der digitalen "
        "Entwicklung Schritt halten.",
        "To identify needs and problems, and to resolve conceptual problems and "
        "problem situations in digital environments. To use digital tools to "
        "innovate processes and products. To keep up-to-date with the digital "
        "evolution.",
    ),
]

# (code, German name, English name, German description, English description,
#  German "I can" phrase (infinitive), English "I can" phrase)
COMPETENCES = [
    (
        "1.1",
        "Daten, Informationen und digitale Inhalte recherchieren, suchen und filtern",
        "Browsing, searching and filtering data, information and digital content",
        "Informationsbedarf formulieren, in digitalen Umgebungen nach Daten, "
        "Informationen und Inhalten suchen, auf sie zugreifen und zwischen "
        "ihnen navigieren. Persönliche Suchstrategien entwickeln und "
        "aktualisieren.",
        "To articulate information needs, to search for data, information and "
        "content in digital environments, to access them and to navigate "
        "between them. To create and update personal search strategies.",
        "die Daten, Informationen und digitalen Inhalte, die ich brauche, "
        "suchen, auf sie zugreifen und zwischen ihnen navigieren",
        "search for the data, information and digital content I need, access "
        "them and navigate between them",
    ),
    (
        "1.2",
        "Daten, Informationen und digitale Inhalte bewerten",
        "Evaluating data, information and digital content",
        "Die Glaubwürdigkeit und Zuverlässigkeit von Quellen für Daten, "
        "Informationen und digitale Inhalte analysieren, vergleichen und "
        "kritisch bewerten. Daten, Informationen und digitale Inhalte "
        "analysieren, interpretieren und kritisch bewerten.",
        "To analyse, compare and critically evaluate the credibility and "
        "reliability of sources of data, information and digital content. To "
        "analyse, interpret and critically evaluate the data, information and "
        "digital content.",
        "beurteilen, wie glaubwürdig und zuverlässig Quellen von Daten, "
        "Informationen und digitalen Inhalten sind, und deren Aussagen "
        "kritisch deuten",
        "judge how credible and reliable sources of data, information and "
        "digital content are, and critically interpret what they say",
    ),
    (
        "1.3",
        "Daten, Informationen und digitale Inhalte verwalten",
        "Managing data, information and digital content",
        "Daten, Informationen und Inhalte in digitalen Umgebungen ordnen, "
        "speichern und wiederfinden. Sie in einer strukturierten Umgebung "
        "ordnen und verarbeiten.",
        "To organise, store and retrieve data, information and content in "
        "digital environments. To organise and process them in a structured "
        "environment.",
        "Daten, Informationen und digitale Inhalte ordnen, speichern und wiederfinden",
        "organise, store and retrieve data, information and digital content",
    ),
    (
        "2.1",
        "Mithilfe digitaler Technologien interagieren",
        "Interacting through digital technologies",
        "Mithilfe verschiedener digitaler Technologien interagieren und "
        "verstehen, welche digitalen Kommunikationsmittel in einem bestimmten "
        "Zusammenhang angemessen sind.",
        "To interact through a variety of digital technologies and to "
        "understand appropriate digital communication means for a given "
        "context.",
        "über verschiedene digitale Technologien mit anderen interagieren und "
        "das Kommunikationsmittel wählen, das zur Situation passt",
        "interact with others through a variety of digital technologies and "
        "choose the means of communication that suits the situation",
    ),
    (
        "2.2",
        "Mithilfe digitaler Technologien teilen",
        "Sharing through digital technologies",
        "Daten, Informationen und digitale Inhalte mithilfe geeigneter "
        "digitaler Technologien mit anderen teilen. Als Vermittlerin oder "
        "Vermittler handeln und die Regeln für Quellenangaben und "
        "Namensnennung kennen.",
        "To share data, information and digital content with others through "
        "appropriate digital technologies. To act as an intermediary, to know "
        "about referencing and attribution practices.",
        "Daten, Informationen und digitale Inhalte mit geeigneten digitalen "
        "Technologien mit anderen teilen und dabei die Quellen angeben",
        "share data, information and digital content with others through "
        "appropriate digital technologies and credit my sources",
    ),
    (
        "2.3",
        "Mithilfe digitaler Technologien an der Gesellschaft teilhaben",
        "Engaging in citizenship through digital technologies",
        "Durch die Nutzung öffentlicher und privater digitaler Dienste an der "
        "Gesellschaft teilhaben. Mithilfe geeigneter digitaler Technologien "
        "nach Möglichkeiten suchen, sich selbst zu stärken und sich als "
        "Bürgerin oder Bürger zu beteiligen.",
        "To participate in society through the use of public and private "
        "digital services. To seek opportunities for self-empowerment and for "
        "participatory citizenship through appropriate digital technologies.",
        "öffentliche und private digitale Dienste nutzen, um an der "
        "Gesellschaft teilzuhaben und mich als Bürgerin oder Bürger "
        "einzubringen",
        "use public and private digital services to take part in society and "
        "to have my say as a citizen",
    ),
    (
        "2.4",
        "Mithilfe digitaler Technologien zusammenarbeiten",
        "Collaborating through digital technologies",
        "Digitale Werkzeuge und Technologien für gemeinsame Arbeitsprozesse "
        "und für das gemeinsame Erarbeiten und Gestalten von Daten, Ressourcen "
        "und Wissen nutzen.",
        "To use digital tools and technologies for collaborative processes, "
        "and for co-construction and co-creation of data, resources and "
        "knowledge.",
        "digitale Werkzeuge und Technologien nutzen, um mit anderen "
        "zusammenzuarbeiten und gemeinsam Daten, Ressourcen und Wissen zu "
        "erarbeiten",
        "use digital tools and technologies to work together with others and "
        "to create data, resources and knowledge jointly",
    ),
    (
        "2.5",
        "Netiquette",
        "Netiquette",
        "Verhaltensnormen und das nötige Wissen für den Umgang mit digitalen "
        "Technologien und die Interaktion in digitalen Umgebungen kennen. "
        "Kommunikationsstrategien an das jeweilige Publikum anpassen und sich "
        "der kulturellen und generationenbezogenen Vielfalt in digitalen "
        "Umgebungen bewusst sein.",
        "To be aware of behavioural norms and know-how while using digital "
        "technologies and interacting in digital environments. To adapt "
        "communication strategies to the specific audience and to be aware of "
        "cultural and generational diversity in digital environments.",
        "mich an die Verhaltensregeln in digitalen Umgebungen halten und meine "
        "Kommunikation an das Publikum und seine kulturelle und "
        "generationenbezogene Vielfalt anpassen",
        "follow the rules of conduct in digital environments and adapt how I "
        "communicate to my audience and its cultural and generational "
        "diversity",
    ),
    (
        "2.6",
        "Digitale Identität verwalten",
        "Managing digital identity",
        "Eine oder mehrere digitale Identitäten anlegen und verwalten, den "
        "eigenen Ruf schützen und mit den Daten umgehen, die man mit "
        "verschiedenen digitalen Werkzeugen, Umgebungen und Diensten erzeugt.",
        "To create and manage one or multiple digital identities, to be able "
        "to protect one's own reputation, to deal with the data that one "
        "produces through several digital tools, environments and services.",
        "meine digitalen Identitäten anlegen und verwalten, meinen Ruf "
        "schützen und mit den Daten umgehen, die ich mit digitalen Werkzeugen, "
        "Umgebungen und Diensten erzeuge",
        "create and manage my digital identities, protect my reputation and "
        "deal with the data I produce through digital tools, environments and "
        "services",
    ),
    (
        "3.1",
        "Digitale Inhalte entwickeln",
        "Developing digital content",
        "Digitale Inhalte in verschiedenen Formaten erstellen und bearbeiten "
        "und sich mit digitalen Mitteln ausdrücken.",
        "To create and edit digital content in different formats, to express "
        "oneself through digital means.",
        "digitale Inhalte in verschiedenen Formaten erstellen und bearbeiten "
        "und mich mit digitalen Mitteln ausdrücken",
        "create and edit digital content in different formats and express "
        "myself through digital means",
    ),
    (
        "3.2",
        "Digitale Inhalte integrieren und neu erarbeiten",
        "Integrating and re-elaborating digital content",
        "Informationen und Inhalte verändern, verfeinern, verbessern und in "
        "vorhandenes Wissen einbinden, um neue, eigenständige und relevante "
        "Inhalte und neues Wissen zu schaffen.",
        "To modify, refine, improve and integrate information and content into "
        "an existing body of knowledge to create new, original and relevant "
        "content and knowledge.",
        "vorhandene Informationen und Inhalte verändern, verbessern und "
        "einbinden, um neue, eigenständige und relevante Inhalte zu schaffen",
        "modify, improve and integrate existing information and content to "
        "create new, original and relevant content",
    ),
    (
        "3.3",
        "Urheberrecht und Lizenzen",
        "Copyright and licences",
        "Verstehen, wie Urheberrecht und Lizenzen für Daten, digitale "
        "Informationen und Inhalte gelten.",
        "To understand how copyright and licences apply to data, digital "
        "information and content.",
        "die Regeln von Urheberrecht und Lizenzen auf Daten, digitale "
        "Informationen und Inhalte anwenden",
        "apply the rules of copyright and licences to data, digital "
        "information and content",
    ),
    (
        "3.4",
        "Programmieren",
        "Programming",
        "Eine Folge verständlicher Anweisungen für ein Computersystem planen "
        "und entwickeln, um ein bestimmtes Problem zu lösen oder eine "
        "bestimmte Aufgabe auszuführen.",
        "To plan and develop a sequence of understandable instructions for a "
        "computing system to solve a given problem or to perform a specific "
        "task.",
        "eine Folge verständlicher Anweisungen für ein Computersystem planen "
        "und entwickeln, um ein Problem zu lösen oder eine Aufgabe zu erledigen",
        "plan and develop a sequence of understandable instructions for a "
        "computing system to solve a problem or perform a task",
    ),
    (
        "4.1",
        "Geräte schützen",
        "Protecting devices",
        "Geräte und digitale Inhalte schützen und Risiken und Bedrohungen in "
        "digitalen Umgebungen verstehen. Schutz- und Sicherheitsmaßnahmen "
        "kennen und dabei Zuverlässigkeit und Privatsphäre gebührend "
        "berücksichtigen.",
        "To protect devices and digital content, and to understand risks and "
        "threats in digital environments. To know about safety and security "
        "measures and to have due regard to reliability and privacy.",
        "Geräte und digitale Inhalte schützen, Risiken und Bedrohungen in "
        "digitalen Umgebungen erkennen und Schutzmaßnahmen ergreifen",
        "protect devices and digital content, recognise risks and threats in "
        "digital environments and take safety and security measures",
    ),
    (
        "4.2",
        "Personenbezogene Daten und Privatsphäre schützen",
        "Protecting personal data and privacy",
        "Personenbezogene Daten und die Privatsphäre in digitalen Umgebungen "
        "schützen. Verstehen, wie man personenbezogene Informationen nutzt und "
        "teilt und dabei sich selbst und andere vor Schaden bewahrt. "
        "Verstehen, dass digitale Dienste in einer Datenschutzerklärung "
        "darüber informieren, wie sie personenbezogene Daten verwenden.",
        "To protect personal data and privacy in digital environments. To "
        "understand how to use and share personally identifiable information "
        "while being able to protect oneself and others from damages. To "
        "understand that digital services use a “Privacy policy” to inform "
        "how personal data is used.",
        "personenbezogene Daten und die Privatsphäre in digitalen Umgebungen "
        "schützen und personenbezogene Informationen so nutzen und teilen, "
        "dass weder mir noch anderen ein Schaden entsteht",
        "protect personal data and privacy in digital environments and use and "
        "share personal information without harm to myself or others",
    ),
    (
        "4.3",
        "Gesundheit und Wohlbefinden schützen",
        "Protecting health and well-being",
        "Gesundheitsrisiken und Gefahren für das körperliche und seelische "
        "Wohlbefinden bei der Nutzung digitaler Technologien vermeiden. Sich "
        "selbst und andere vor möglichen Gefahren in digitalen Umgebungen "
        "schützen (z. B. Cybermobbing). Digitale Technologien für soziales "
        "Wohlergehen und soziale Inklusion kennen.",
        "To be able to avoid health-risks and threats to physical and "
        "psychological well-being while using digital technologies. To be able "
        "to protect oneself and others from possible dangers in digital "
        "environments (e.g. cyber bullying). To be aware of digital "
        "technologies for social well-being and social inclusion.",
        "Risiken für die körperliche und seelische Gesundheit bei der Nutzung "
        "digitaler Technologien vermeiden und mich und andere vor Gefahren in "
        "digitalen Umgebungen wie Cybermobbing schützen",
        "avoid risks to physical and psychological health when using digital "
        "technologies and protect myself and others from dangers in digital "
        "environments such as cyberbullying",
    ),
    (
        "4.4",
        "Umwelt schützen",
        "Protecting the environment",
        "Die Umweltauswirkungen digitaler Technologien und ihrer Nutzung kennen.",
        "To be aware of the environmental impact of digital technologies and "
        "their use.",
        "die Umweltauswirkungen digitaler Technologien und ihrer Nutzung "
        "berücksichtigen",
        "take the environmental impact of digital technologies and their use "
        "into account",
    ),
    (
        "5.1",
        "Technische Probleme lösen",
        "Solving technical problems",
        "Technische Probleme beim Bedienen von Geräten und bei der Nutzung "
        "digitaler Umgebungen erkennen und lösen (von der einfachen "
        "Fehlerbehebung bis zur Lösung komplexerer Probleme).",
        "To identify technical problems when operating devices and using "
        "digital environments, and to solve them (from trouble-shooting to "
        "solving more complex problems).",
        "technische Probleme beim Bedienen von Geräten und in digitalen "
        "Umgebungen erkennen und lösen",
        "identify and solve technical problems when operating devices and "
        "using digital environments",
    ),
    (
        "5.2",
        "Bedürfnisse und technologische Antworten darauf erkennen",
        "Identifying needs and technological responses",
        "Bedürfnisse einschätzen und digitale Werkzeuge und mögliche "
        "technologische Antworten darauf erkennen, bewerten, auswählen und "
        "nutzen. Digitale Umgebungen an persönliche Bedürfnisse anpassen "
        "(z. B. Barrierefreiheit).",
        "To assess needs and to identify, evaluate, select and use digital "
        "tools and possible technological responses to solve them. To adjust "
        "and customise digital environments to personal needs (e.g. "
        "accessibility).",
        "Bedürfnisse einschätzen, passende digitale Werkzeuge auswählen und "
        "nutzen und digitale Umgebungen an persönliche Bedürfnisse wie "
        "Barrierefreiheit anpassen",
        "assess needs, select and use digital tools that meet them, and adjust "
        "digital environments to personal needs such as accessibility",
    ),
    (
        "5.3",
        "Digitale Technologien kreativ nutzen",
        "Creatively using digital technologies",
        "Digitale Werkzeuge und Technologien nutzen, um Wissen zu schaffen und "
        "Prozesse und Produkte zu erneuern. Sich allein und gemeinsam mit "
        "anderen gedanklich damit befassen, konzeptionelle Probleme und "
        "Problemsituationen in digitalen Umgebungen zu verstehen und zu lösen.",
        "To use digital tools and technologies to create knowledge and to "
        "innovate processes and products. To engage individually and "
        "collectively in cognitive processing to understand and resolve "
        "conceptual problems and problem situations in digital environments.",
        "digitale Werkzeuge und Technologien kreativ nutzen, um Wissen zu "
        "schaffen und Abläufe und Produkte zu verbessern",
        "use digital tools and technologies creatively to create knowledge and "
        "to improve processes and products",
    ),
    (
        "5.4",
        "Digitale Kompetenzlücken erkennen",
        "Identifying digital competence gaps",
        "Verstehen, wo die eigene digitale Kompetenz verbessert oder "
        "aktualisiert werden muss. Andere bei der Entwicklung ihrer digitalen "
        "Kompetenz unterstützen. Nach Möglichkeiten zur eigenen "
        "Weiterentwicklung suchen und mit der digitalen Entwicklung Schritt "
        "halten.",
        "To understand where one's own digital competence needs to be improved "
        "or updated. To be able to support others with their digital "
        "competence development. To seek opportunities for self-development "
        "and to keep up-to-date with the digital evolution.",
        "erkennen, wo meine digitale Kompetenz besser oder aktueller werden "
        "muss, nach Möglichkeiten zur Weiterentwicklung suchen und mit der "
        "digitalen Entwicklung Schritt halten",
        "recognise where my digital competence needs to improve, look for ways "
        "to develop it and keep up with the digital evolution",
    ),
]

#: Item types are keys that exports (CASE CFItemType) and code match on, so
#: they stay in English ("Kompetenzbereich", "Kompetenz").
AREA_TYPE = "Area"
COMPETENCE_TYPE = "Competence"


def identifier(code: str) -> uuid.UUID:
    """The stable identifier of the framework ("") or of the item with `code`."""
    return uuid.uuid5(NAMESPACE, f"{SLUG}/{code}")


def statement(level: int, phrase_de: str, phrase_en: str) -> tuple[str, str]:
    """The "I can" statement for one level: (German, English)."""
    lead_de, lead_en = LEAD_INS[level]
    return f"{lead_de} {phrase_de}.", f"{lead_en} {phrase_en}."


def level_name(value: int, band: str) -> str:
    """DigComp calls its levels by band and number: "Foundation 1"."""
    return f"{band} {value}"


def _models(apps, *names):
    if apps is None:
        from django.apps import apps
    return [apps.get_model("competencies", name) for name in names]


def digcomp_load(apps=None):
    """Create DigComp 2.2 unless it is there already (by slug, or by identifier
    after a CASE import under another slug); returns the framework."""
    Framework, ScaleLevel, Competency, LevelDescriptor = _models(
        apps, "Framework", "ScaleLevel", "Competency", "LevelDescriptor"
    )
    existing = Framework.objects.filter(slug=SLUG).first() or (
        Framework.objects.filter(identifier=identifier("")).first()
    )
    if existing is not None:
        return existing
    framework = Framework.objects.create(
        slug=SLUG,
        name=FRAMEWORK["name"],
        source=FRAMEWORK["source"],
        version=FRAMEWORK["version"],
        language=FRAMEWORK["language"],
        description=FRAMEWORK["description"],
        identifier=identifier(""),
        default_level=DEFAULT_LEVEL,
        proficient_level=PROFICIENT_LEVEL,
        translations={"en": FRAMEWORK["en"]},
    )
    ScaleLevel.objects.bulk_create(
        ScaleLevel(
            framework=framework,
            value=value,
            name=level_name(value, band_de),
            band=band_de,
            description=description_de,
            translations={
                "en": {
                    "name": level_name(value, band_en),
                    "band": band_en,
                    "description": description_en,
                }
            },
        )
        for value, band_de, band_en, description_de, description_en in LEVELS
    )
    order = 0
    descriptors = []
    for area_code, name_de, name_en, description_de, description_en in AREAS:
        area = Competency.objects.create(
            framework=framework,
            code=area_code,
            short_name=name_de,
            description=description_de,
            item_type=AREA_TYPE,
            identifier=identifier(area_code),
            sort_order=order,
            depth=1,
            translations={"en": {"short_name": name_en, "description": description_en}},
        )
        order += 1
        for (
            code,
            name_de,
            name_en,
            desc_de,
            desc_en,
            phrase_de,
            phrase_en,
        ) in COMPETENCES:
            if code.split(".")[0] != area_code:
                continue
            competence = Competency.objects.create(
                framework=framework,
                parent=area,
                code=code,
                short_name=name_de,
                description=desc_de,
                item_type=COMPETENCE_TYPE,
                identifier=identifier(code),
                sort_order=order,
                depth=2,
                translations={"en": {"short_name": name_en, "description": desc_en}},
            )
            order += 1
            for level in LEAD_INS:
                text_de, text_en = statement(level, phrase_de, phrase_en)
                descriptors.append(
                    LevelDescriptor(
                        competency=competence,
                        level=level,
                        text_value=text_de,
                        translations={"en": {"text_value": text_en}},
                    )
                )
    LevelDescriptor.objects.bulk_create(descriptors)
    return framework


def digcomp_unload(apps=None) -> bool:
    """Remove DigComp 2.2 unless someone has evidence for it (evidence is
    never deleted, and it protects its competency); returns whether it was
    removed."""
    Framework, Evidence = _models(apps, "Framework", "Evidence")
    framework = Framework.objects.filter(slug=SLUG).first()
    if framework is None:
        return False
    if Evidence.objects.filter(competency__framework=framework).exists():
        return False
    framework.delete()
    return True
