"""The words of the demo guidance, in English and Norwegian bokmål.

Written for the project from the facts of a Norwegian county's booklet on
special intake to upper secondary school (reference 001) and from the design
notes on each jurisdiction plugin. Every county, school and person here is
fictional. Section numbers follow the Education Act of 1998 as the source
cites it; the Education Act of 2023 (in force from August 2024) renumbered
them, and each explanation says so where it matters.
"""

from __future__ import annotations

import datetime


def pick(language: str):
    """``t(en, nb)`` returns the text in ``language``."""

    def t(en: str, nb: str) -> str:
        return nb if language == "nb" else en

    return t


LOVDATA_ACT = "https://lovdata.no/lov/1998-07-17-61/"
LOVDATA_REGULATIONS = "https://lovdata.no/forskrift/2006-06-23-724/"

# -- legal references -------------------------------------------------------

_ACT = {"en": "Education Act 1998", "nb": "Opplæringslova 1998"}
_REG = {"en": "Regulations to the Education Act", "nb": "Forskrift til opplæringslova"}


def _ref(law, section, url, en_title, en_text, nb_title, nb_text):
    return {
        "url": url,
        "en": {"law": law["en"], "section": section, "title": en_title, "explanation": en_text},
        "nb": {"law": law["nb"], "section": section, "title": nb_title, "explanation": nb_text},
    }


LEGAL_REFERENCES = {
    "act-2-1": _ref(
        _ACT,
        "§ 2-1",
        LOVDATA_ACT + "§2-1",
        "Right and duty to primary and lower secondary education",
        "Children and young people of compulsory school age have both the right and the duty "
        "to go to school. It applies wherever they live, also in a child-welfare institution.",
        "Rett og plikt til grunnskoleopplæring",
        "Barn og unge i opplæringspliktig alder har både rett og plikt til å gå på skole. "
        "Det gjelder uansett hvor de bor, også på en barnevernsinstitusjon.",
    ),
    "act-3-1": _ref(
        _ACT,
        "§ 3-1",
        LOVDATA_ACT + "§3-1",
        "Right to upper secondary education",
        "Young people who have finished lower secondary school have the right to three years of "
        "upper secondary education, in one of the three programmes they applied for. The fifth "
        "paragraph gives students with a right to special education up to two extra years when "
        "they need them to reach their own goals; an expert assessment comes first.",
        "Rett til videregående opplæring",
        "Ungdom som har fullført grunnskolen, har rett til tre års videregående opplæring i ett "
        "av de tre utdanningsprogrammene de søkte på. Femte ledd gir elever med rett til "
        "spesialundervisning inntil to år ekstra når de trenger det for å nå sine egne mål; "
        "først må det foreligge en sakkyndig vurdering.",
    ),
    "act-3-9": _ref(
        _ACT,
        "§ 3-9",
        LOVDATA_ACT + "§3-9",
        "Teaching in and through sign language",
        "Students whose first language is sign language, or who need it after an expert "
        "assessment, have the right to be taught in and through sign language. They may also get "
        "extra years of upper secondary education.",
        "Opplæring i og på tegnspråk",
        "Elever som har tegnspråk som førstespråk, eller som trenger det etter en sakkyndig "
        "vurdering, har rett til opplæring i og på tegnspråk. De kan også få ekstra år i "
        "videregående opplæring.",
    ),
    "act-3-10": _ref(
        _ACT,
        "§ 3-10",
        LOVDATA_ACT + "§3-10",
        "Teaching in braille",
        "Blind and severely visually impaired students have the right to be taught braille and "
        "to learn to use the aids they need. They may also get extra years.",
        "Opplæring i punktskrift",
        "Blinde og sterkt svaksynte elever har rett til opplæring i punktskrift og i bruk av "
        "nødvendige hjelpemidler. De kan også få ekstra år.",
    ),
    "act-3-12": _ref(
        _ACT,
        "§ 3-12",
        LOVDATA_ACT + "§3-12",
        "Special language tuition for minority-language students",
        "Students with another first language than Norwegian or Sami have the right to special "
        "Norwegian tuition until they can follow ordinary teaching, and if needed mother-tongue "
        "teaching or bilingual subject teaching.",
        "Særskilt språkopplæring for elever fra språklige minoriteter",
        "Elever med et annet morsmål enn norsk og samisk har rett til særskilt norskopplæring "
        "til de kan følge den vanlige opplæringen, og om nødvendig morsmålsopplæring eller "
        "tospråklig fagopplæring.",
    ),
    "act-ch-4": {
        "url": LOVDATA_ACT + "KAPITTEL_4",
        "en": {
            "law": _ACT["en"],
            "section": "chapter 4",
            "title": "Upper secondary education in a company",
            "explanation": "The rules for apprentices and training candidates: the "
            "apprenticeship contract, the training company's duties and the county's "
            "follow-up. Category C on the attachment form concerns this training.",
        },
        "nb": {
            "law": _ACT["nb"],
            "section": "kapittel 4",
            "title": "Videregående opplæring i bedrift",
            "explanation": "Reglene for lærlinger og lærekandidater: lærekontrakten, "
            "lærebedriftens plikter og fylkets oppfølging. Kategori C på vedleggsskjemaet "
            "gjelder denne opplæringen.",
        },
    },
    "act-4-2": _ref(
        _ACT,
        "§ 4-2",
        LOVDATA_ACT + "§4-2",
        "Rights and duties of apprentices and training candidates",
        "Apprentices and training candidates have rights and duties in their training much like "
        "students at school, and the rules on special education apply to them too. That is why "
        "an applicant in category C attaches an expert assessment.",
        "Rettigheter og plikter for lærlinger og lærekandidater",
        "Lærlinger og lærekandidater har rettigheter og plikter i opplæringen omtrent som elever "
        "i skolen, og reglene om spesialundervisning gjelder også for dem. Derfor legger en "
        "søker i kategori C ved en sakkyndig vurdering.",
    ),
    "act-5-1": _ref(
        _ACT,
        "§ 5-1",
        LOVDATA_ACT + "§5-1",
        "Right to special education",
        "A student who does not, or cannot, get satisfactory benefit from ordinary teaching has "
        "the right to special education. The school decides in an individual decision, based on "
        "an expert assessment from PPT. (In the Education Act 2023: chapter 11.)",
        "Rett til spesialundervisning",
        "En elev som ikke har eller ikke kan få tilfredsstillende utbytte av den ordinære "
        "opplæringen, har rett til spesialundervisning. Skolen avgjør det i et enkeltvedtak "
        "etter sakkyndig vurdering fra PPT. (I opplæringsloven 2023: kapittel 11.)",
    ),
    "act-5-5": _ref(
        _ACT,
        "§ 5-5",
        LOVDATA_ACT + "§5-5",
        "The individual education plan (IOP)",
        "Every student who receives special education has an individual education plan with "
        "goals, content and how the teaching is organised. The school writes a report on the "
        "student's progress twice a year.",
        "Individuell opplæringsplan (IOP)",
        "Alle elever som får spesialundervisning, skal ha en individuell opplæringsplan med "
        "mål, innhold og organisering av opplæringen. Skolen skriver en rapport om elevens "
        "utvikling to ganger i året.",
    ),
    "act-5-6": _ref(
        _ACT,
        "§ 5-6",
        LOVDATA_ACT + "§5-6",
        "The educational-psychological service (PPT)",
        "Every municipality and county has an educational-psychological service. It helps "
        "schools adapt teaching for students with particular needs and writes the expert "
        "assessments the law requires.",
        "Pedagogisk-psykologisk tjeneste (PPT)",
        "Hver kommune og fylkeskommune skal ha en pedagogisk-psykologisk tjeneste. Den hjelper "
        "skolene med å legge opplæringen til rette for elever med særlige behov og skriver de "
        "sakkyndige vurderingene loven krever.",
    ),
    "act-8-1": _ref(
        _ACT,
        "§ 8-1",
        LOVDATA_ACT + "§8-1",
        "Which school a pupil attends",
        "Pupils go to the school nearest to where they live. A pupil may be placed at another "
        "school when the interests of the pupil or the other pupils call for it.",
        "Skolen eleven sokner til",
        "Elever går på den skolen som ligger nærmest der de bor. En elev kan få plass ved en "
        "annen skole når hensynet til eleven eller de andre elevene tilsier det.",
    ),
    "act-13-2": _ref(
        _ACT,
        "§ 13-2",
        LOVDATA_ACT + "§13-2",
        "Education in child-welfare institutions",
        "The county must make sure that children and young people living in child-welfare "
        "institutions get primary and lower secondary education, special-needs support and "
        "upper secondary education.",
        "Opplæring i barnevernsinstitusjoner",
        "Fylkeskommunen skal sørge for at barn og unge som bor på barnevernsinstitusjon, får "
        "grunnskoleopplæring, spesialpedagogisk hjelp og videregående opplæring.",
    ),
    "act-15-2": _ref(
        _ACT,
        "§ 15-2",
        LOVDATA_ACT + "§15-2",
        "Appeals against decisions",
        "Decisions about a student's rights under the act can be appealed. For upper secondary "
        "education the appeal goes to the county governor.",
        "Klage på enkeltvedtak",
        "Vedtak om en elevs rettigheter etter loven kan påklages. For videregående opplæring "
        "er statsforvalteren klageinstans.",
    ),
    "reg-3-32": _ref(
        _REG,
        "§ 3-32",
        LOVDATA_REGULATIONS + "§3-32",
        "Adapted tests and exams",
        "Students with a particular need can get adaptations at tests and exams, such as aids "
        "or extra time. An expert assessment may be needed.",
        "Tilrettelegging av prøver og eksamen",
        "Elever med særlige behov kan få tilrettelegging ved prøver og eksamen, for eksempel "
        "hjelpemidler eller utvidet tid. Det kan kreve en sakkyndig vurdering.",
    ),
    "reg-6-7": _ref(
        _REG,
        "§ 6-7",
        LOVDATA_REGULATIONS + "§6-7",
        "Application deadline",
        "Applicants who need an individual assessment, or who apply on special grounds, apply by "
        "1 February. Other applicants apply by 1 March.",
        "Søknadsfrist",
        "Søkere som trenger individuell behandling, eller som søker på særskilt grunnlag, har "
        "frist 1. februar. Andre søkere har frist 1. mars.",
    ),
    "reg-6-13": _ref(
        _REG,
        "§ 6-13",
        LOVDATA_REGULATIONS + "§6-13",
        "Order of admission to Vg1",
        "Sets the order in which applicants are admitted to the first year of upper secondary "
        "school: applicants with a right to priority admission and applicants assessed "
        "individually come first, the others compete with their grade points.",
        "Inntaksrekkefølgen til Vg1",
        "Fastsetter rekkefølgen søkerne tas inn i på første år i videregående: søkere med "
        "fortrinnsrett og søkere som vurderes individuelt kommer først, de andre konkurrerer "
        "med karakterpoeng.",
    ),
    "reg-6-18": _ref(
        _REG,
        "§ 6-18",
        LOVDATA_REGULATIONS + "§6-18",
        "Who gives the expert recommendation for priority admission",
        "The recommendation behind a priority admission to one programme at Vg1 comes from an "
        "expert body, which is the educational-psychological service (PPT).",
        "Hvem som er sakkyndig ved tilråding om fortrinnsrett",
        "Tilrådingen som ligger til grunn for fortrinnsrett til ett utdanningsprogram på Vg1, "
        "kommer fra en sakkyndig instans, og det er pedagogisk-psykologisk tjeneste (PPT).",
    ),
    "reg-6-21": _ref(
        _REG,
        "§ 6-21",
        LOVDATA_REGULATIONS + "§6-21",
        "Order of priority admission to Vg1",
        "How applicants with a right to a priority programme are admitted to Vg1. When places "
        "are short, the county may give priority to the applicants with the greatest need.",
        "Rekkefølgen ved fortrinnsrett til Vg1",
        "Hvordan søkere med fortrinnsrett til et utdanningsprogram tas inn på Vg1. Når det er "
        "for få plasser, kan fylket prioritere søkerne med størst behov.",
    ),
    "reg-3-67": _ref(
        _REG,
        "§ 3-67",
        LOVDATA_REGULATIONS + "§3-67",
        "Exemption from common core subjects before a trade certificate",
        "Point c lets a candidate be exempted from passing up to two common core subjects before "
        "the trade or journeyman's certificate is issued. An expert assessment from PPT is the "
        "basis.",
        "Fritak fra fellesfag før fagbrev",
        "Bokstav c gir adgang til fritak fra kravet om bestått i inntil to fellesfag før fag- "
        "eller svennebrev utstedes. Grunnlaget er en sakkyndig vurdering fra PPT.",
    ),
    "reg-6-19": _ref(
        _REG,
        "§ 6-19",
        LOVDATA_REGULATIONS + "§6-19",
        "What the expert recommendation must contain",
        "The expert assessment behind a priority admission must explain why one particular "
        "programme is recommended and judge how the student would manage it and the others.",
        "Innholdet i den sakkyndige tilrådingen",
        "Den sakkyndige vurderingen som ligger til grunn for fortrinnsrett, skal begrunne hvorfor "
        "ett bestemt utdanningsprogram anbefales, og vurdere hvordan eleven vil mestre dette og "
        "de andre programmene.",
    ),
    "reg-6-20": _ref(
        _REG,
        "§ 6-20",
        LOVDATA_REGULATIONS + "§6-20",
        "Priority admission to a programme at Vg1",
        "An applicant with a right to special education and a documented particular need for "
        "one programme is admitted to that programme at Vg1 before the ordinary intake.",
        "Fortrinnsrett til et utdanningsprogram på Vg1",
        "En søker med rett til spesialundervisning og dokumentert særlig behov for ett "
        "utdanningsprogram, blir tatt inn på dette programmet på Vg1 før det ordinære inntaket.",
    ),
    "reg-6-24": _ref(
        _REG,
        "§ 6-24",
        LOVDATA_REGULATIONS + "§6-24",
        "Admission to Vg2 and Vg3 on individual assessment",
        "An applicant who needs special education and has no grades from the level before is "
        "admitted after an overall assessment that weighs the expert assessment and the "
        "applicant's own priorities.",
        "Inntak til Vg2 og Vg3 etter individuell vurdering",
        "En søker som trenger spesialundervisning og ikke har karakterer fra trinnet før, blir "
        "tatt inn etter en helhetsvurdering der sakkyndig vurdering og søkerens egne ønsker "
        "teller.",
    ),
    "pa-18": _ref(
        {"en": "Public Administration Act", "nb": "Forvaltningsloven"},
        "§ 18",
        "https://lovdata.no/lov/1967-02-10/§18",
        "Right to see the documents of one's case",
        "A party to a case may see the documents of the case, with a few exceptions.",
        "Rett til innsyn i egen sak",
        "Den en sak gjelder, har rett til å se sakens dokumenter, med noen få unntak.",
    ),
    "pa-28": _ref(
        {"en": "Public Administration Act", "nb": "Forvaltningsloven"},
        "§ 28",
        "https://lovdata.no/lov/1967-02-10/§28",
        "Right to appeal an individual decision",
        "An individual decision can be appealed to the authority above the one that made it. "
        "The deadline is three weeks from when the decision was received.",
        "Rett til å klage på enkeltvedtak",
        "Et enkeltvedtak kan påklages til organet over det som traff vedtaket. Klagefristen er "
        "tre uker fra vedtaket kom fram.",
    ),
    "foi-13": _ref(
        {"en": "Freedom of Information Act", "nb": "Offentleglova"},
        "§ 13",
        "https://lovdata.no/lov/2006-05-19-16/§13",
        "Information subject to a duty of confidentiality",
        "Documents with personal information that staff must keep confidential are exempt from "
        "public access. Forms about a student's needs are marked this way.",
        "Opplysninger underlagt taushetsplikt",
        "Dokumenter med personopplysninger som er underlagt taushetsplikt, er unntatt fra "
        "offentlighet. Skjemaer om en elevs behov merkes slik.",
    ),
    "priv-3": _ref(
        {"en": "Private Schools Act", "nb": "Privatskolelova"},
        "chapter 3",
        "https://lovdata.no/lov/2003-07-04-84",
        "Admission, rights and duties of students at private schools",
        "Private schools admit students by their own admission rules. Students at private "
        "schools have the right to special education, decided by the county where they live.",
        "Inntak, rettigheter og plikter for elever ved private skoler",
        "Private skoler tar inn elever etter sitt eget inntaksreglement. Elever ved private "
        "skoler har rett til spesialundervisning, og det er hjemfylket som fatter vedtak.",
    ),
}

# -- form templates (PDF) ------------------------------------------------------

_NOTICE = {
    "en": "Exempt from public access: Freedom of Information Act § 13, cf. Public Administration Act § 13",
    "nb": "Unntatt offentlighet: offentleglova § 13, jf. forvaltningsloven § 13",
}
_FOOTER = {
    "en": "Template from the demo guidance of Nordvik County (demo). Fictional county.",
    "nb": "Mal fra demo-veiledningen til Nordvik fylkeskommune (demo). Oppdiktet fylke.",
}

FORM_TEMPLATES = {
    "half-year-report": {
        "en": {
            "lang": "en",
            "filename": "half-year-report-template-en",
            "title": "Half-year report (template)",
            "notice": _NOTICE["en"],
            "intro": "Written by the contact teacher twice a year (by 1 February and 1 July) "
            "for every student with an individual decision on special education. "
            "A copy goes to PPT.",
            "sections": [
                ("Student", ["School year", "Student", "Date of birth"]),
                (
                    "Education plan",
                    [
                        "Upper secondary year 1",
                        "Year 2",
                        "Year 3",
                        "Extended right: years 4 to 6",
                        "Main goal…",
                    ],
                ),
                (
                    "Individual decision as of (date)",
                    ["Scope", "Content", "Organisation", "Other"],
                ),
                (
                    "This period",
                    [
                        "Goals for the period…",
                        "Attendance and the student's own follow-up…",
                        "Social assessment…",
                        "Academic assessment…",
                        "Overall assessment against the goals…",
                        "Proposed improvements and next steps…",
                    ],
                ),
                ("Signatures", ["Date", "Contact teacher", "Student"]),
            ],
            "footer": _FOOTER["en"],
        },
        "nb": {
            "lang": "nb",
            "filename": "halvarsrapport-mal-nb",
            "title": "Halvårsrapport (mal)",
            "notice": _NOTICE["nb"],
            "intro": "Skrives av kontaktlæreren to ganger i året (innen 1. februar og 1. juli) "
            "for alle elever med enkeltvedtak om spesialundervisning. Kopi sendes PPT.",
            "sections": [
                ("Elev", ["Skoleår", "Elev", "Fødselsdato"]),
                (
                    "Utdanningsplan",
                    [
                        "Videregående, 1. skoleår",
                        "2. skoleår",
                        "3. skoleår",
                        "Utvidet rett: 4. til 6. skoleår",
                        "Hovedmål…",
                    ],
                ),
                ("Enkeltvedtak per (dato)", ["Omfang", "Innhold", "Organisering", "Annet"]),
                (
                    "Denne perioden",
                    [
                        "Mål for perioden…",
                        "Oppmøte og elevens egen oppfølging…",
                        "Sosial vurdering…",
                        "Faglig vurdering…",
                        "Helhetsvurdering opp mot målene…",
                        "Forslag til forbedringer og videre tiltak…",
                    ],
                ),
                ("Underskrifter", ["Dato", "Kontaktlærer", "Elev"]),
            ],
            "footer": _FOOTER["nb"],
        },
    },
    "individual-decision": {
        "en": {
            "lang": "en",
            "filename": "individual-decision-template-en",
            "title": "Individual decision on special education (template)",
            "notice": _NOTICE["en"],
            "intro": "The school's decision after a student's application for special education. "
            "It is based on the Education Act §§ 5-1, 5-3 and 5-4 (and § 3-9 or § 3-10 where "
            "they apply) and means that an individual education plan is written (§ 5-5).",
            "sections": [
                (
                    "Recipient and student",
                    ["Recipient", "School year", "Student (name and date of birth)", "Class"],
                ),
                ("Documents the decision is based on", ["Documents…"]),
                (
                    "The school has decided",
                    [
                        "Scope",
                        "Content and subjects",
                        "Organisation",
                        "Other follow-up…",
                        "[] The measure starts at the start of the school year.",
                        "[] The decision departs from PPT's expert recommendation. Reasons:",
                        "Reasons for departing from the recommendation…",
                    ],
                ),
                (
                    "Follow-up and your rights",
                    [
                        "[] The teaching is evaluated in student talks, three-way talks, subject "
                        "evaluations and half-year reports.",
                        "[] You may see the documents of your case (Public Administration Act § 18).",
                        "[] You may appeal within three weeks (Public Administration Act § 28, "
                        "Education Act § 15-2). Send the appeal to the school; the county governor "
                        "decides it.",
                    ],
                ),
                ("Signatures", ["Date", "Principal", "Head of department"]),
            ],
            "footer": _FOOTER["en"],
        },
        "nb": {
            "lang": "nb",
            "filename": "enkeltvedtak-mal-nb",
            "title": "Enkeltvedtak om spesialundervisning (mal)",
            "notice": _NOTICE["nb"],
            "intro": "Skolens vedtak etter en elevs søknad om spesialundervisning. Vedtaket "
            "bygger på opplæringslova §§ 5-1, 5-3 og 5-4 (og § 3-9 eller § 3-10 der de gjelder) "
            "og innebærer at det skrives en individuell opplæringsplan (§ 5-5).",
            "sections": [
                (
                    "Mottaker og elev",
                    ["Mottaker", "Skoleår", "Elev (navn og fødselsdato)", "Klasse"],
                ),
                ("Dokumenter vedtaket bygger på", ["Dokumenter…"]),
                (
                    "Skolen har vedtatt",
                    [
                        "Omfang",
                        "Innhold og fag",
                        "Organisering",
                        "Annen oppfølging…",
                        "[] Tiltaket gjelder fra skolestart.",
                        "[] Vedtaket avviker fra PPTs sakkyndige tilråding. Begrunnelse:",
                        "Begrunnelse for avviket…",
                    ],
                ),
                (
                    "Oppfølging og dine rettigheter",
                    [
                        "[] Opplæringen evalueres i elevsamtaler, trepartssamtaler, fagevalueringer "
                        "og halvårsrapporter.",
                        "[] Du har rett til å se sakens dokumenter (forvaltningsloven § 18).",
                        "[] Du kan klage innen tre uker (forvaltningsloven § 28, opplæringslova "
                        "§ 15-2). Klagen sendes skolen; statsforvalteren avgjør den.",
                    ],
                ),
                ("Underskrifter", ["Dato", "Rektor", "Avdelingsleder"]),
            ],
            "footer": _FOOTER["nb"],
        },
    },
    "extension": {
        "en": {
            "lang": "en",
            "filename": "extension-of-right-application-en",
            "title": "Application for an extended right to upper secondary education",
            "notice": _NOTICE["en"],
            "intro": "Deadline 15 January. Send to Nordvik County (demo), education department. "
            "Education Act § 3-1, fifth paragraph.",
            "sections": [
                (
                    "Applicant",
                    [
                        "Name",
                        "Date of birth",
                        "Address",
                        "Student at (school)",
                        "[] Not in education at the moment",
                    ],
                ),
                ("Upper secondary education so far", ["School year, school and programme…"]),
                (
                    "Why more time is needed",
                    [
                        "[] Individual decision on special education (§ 5-1)",
                        "[] Teaching in sign language (§ 3-9)",
                        "[] Teaching in braille (§ 3-10)",
                        "[] Decision on special language tuition (§ 3-12)",
                        "[] Other reasons, for example medical reasons:",
                        "Explanation…",
                    ],
                ),
                (
                    "What the student wants to achieve",
                    [
                        "Complete and pass this programme or subject area",
                        "Basic competence within this programme or subject area",
                        "Goals in the curriculum…",
                    ],
                ),
                (
                    "Documentation attached",
                    ["Expert assessment from PPT, medical certificate, other…"],
                ),
                ("Signatures", ["Date", "Applicant", "Counsellor or follow-up service"]),
            ],
            "footer": _FOOTER["en"],
        },
        "nb": {
            "lang": "nb",
            "filename": "soknad-utvidet-opplaeringsrett-nb",
            "title": "Søknad om utvidet rett til videregående opplæring",
            "notice": _NOTICE["nb"],
            "intro": "Frist 15. januar. Sendes Nordvik fylkeskommune (demo), utdanningsavdelingen. "
            "Opplæringslova § 3-1 femte ledd.",
            "sections": [
                (
                    "Søker",
                    [
                        "Navn",
                        "Fødselsdato",
                        "Adresse",
                        "Elev ved (skole)",
                        "[] Er ikke i opplæring nå",
                    ],
                ),
                ("Videregående opplæring så langt", ["Skoleår, skole og programområde…"]),
                (
                    "Hvorfor eleven trenger mer tid",
                    [
                        "[] Enkeltvedtak om spesialundervisning (§ 5-1)",
                        "[] Opplæring på tegnspråk (§ 3-9)",
                        "[] Opplæring i punktskrift (§ 3-10)",
                        "[] Vedtak om særskilt språkopplæring (§ 3-12)",
                        "[] Andre grunner, for eksempel medisinske:",
                        "Forklaring…",
                    ],
                ),
                (
                    "Hva eleven ønsker å oppnå",
                    [
                        "Fullføre og bestå dette programmet eller fagområdet",
                        "Grunnkompetanse innenfor dette programmet eller fagområdet",
                        "Mål i læreplanen…",
                    ],
                ),
                ("Vedlagt dokumentasjon", ["Sakkyndig vurdering fra PPT, legeerklæring, annet…"]),
                ("Underskrifter", ["Dato", "Søker", "Rådgiver eller oppfølgingstjenesten"]),
            ],
            "footer": _FOOTER["nb"],
        },
    },
}

# -- county, index and booklet --------------------------------------------------

# -- the attachment form (a fillable form page) -----------------------------------


def _field(label, kind="text", options=(), help_text="", required=False):
    return {
        "label": label,
        "kind": kind,
        "options": list(options),
        "help_text": help_text,
        "required": required,
    }


def attachment_form(language: str) -> dict:
    """The attachment form to the application (categories A, B, C, M and O), as form sections.

    The facts (what the form asks, who fills it in, what must be attached)
    come from the source booklet's form; the wording is the project's own.
    """
    t = pick(language)
    expert = t("Attach the expert assessment from PPT.", "Legg ved sakkyndig vurdering fra PPT.")
    return {
        "title": t(
            "Attachment form to the application for upper secondary education",
            "Vedleggsskjema til søknad om videregående opplæring",
        ),
        "slug": "attachment-form",
        "summary": t(
            "The form that goes with the online application when a student asks for special "
            "intake, special education or adaptations: fill it in here and download it as a PDF.",
            "Skjemaet som følger nettsøknaden når en elev søker særskilt inntak, "
            "spesialundervisning eller tilrettelegging: fyll det ut her og last det ned som PDF.",
        ),
        "intro": t(
            "<p>The school the student comes from, or the follow-up service, fills in this form "
            "together with the student. Tick the categories that apply (A, B or C, and M or O "
            "in addition) and fill in part I in full. Add a copy of the online application, "
            "sign the consent and send the form by 1 February: one copy to the first-choice "
            "school and one to the education department.</p>",
            "<p>Skolen eleven kommer fra, eller oppfølgingstjenesten, fyller ut skjemaet sammen "
            "med eleven. Kryss av for kategoriene som gjelder (A, B eller C, og M eller O i "
            "tillegg), og fyll ut hele del I. Legg ved en kopi av nettsøknaden, skriv under "
            "samtykket og send skjemaet innen 1. februar: ett eksemplar til skolen som er "
            "førsteønske, og ett til utdanningsavdelingen.</p>",
        ),
        "confidentiality": _NOTICE[language],
        "sections": [
            (
                t("Personal details", "Personopplysninger"),
                "",
                [
                    _field(t("Surname, first name", "Etternavn, fornavn"), required=True),
                    _field(
                        t("National identity number", "Fødselsnummer"),
                        "national_id",
                        help_text=t("11 digits.", "11 siffer."),
                    ),
                    _field(
                        t(
                            "Sending school or follow-up service",
                            "Avgiverskole eller oppfølgingstjeneste",
                        )
                    ),
                ],
            ),
            (
                t("A: Special intake (answer in May)", "A: Særskilt inntak (svar i mai)"),
                expert,
                [
                    _field(
                        t("Admission applied for", "Inntak det søkes om"),
                        "single_choice",
                        [
                            t(
                                "Priority programme at Vg1 (regulations § 6-20), tailored group",
                                "Prioritert utdanningsprogram Vg1 (forskriften § 6-20), "
                                "tilrettelagt gruppe",
                            ),
                            t(
                                "Priority programme at Vg1 (regulations § 6-20), ordinary group",
                                "Prioritert utdanningsprogram Vg1 (forskriften § 6-20), "
                                "ordinær gruppe",
                            ),
                            t(
                                "Individual assessment for Vg2/Vg3 (regulations § 6-24), "
                                "continuing in a tailored group",
                                "Individuell vurdering til Vg2/Vg3 (forskriften § 6-24), "
                                "videreføring i tilrettelagt gruppe",
                            ),
                            t(
                                "Individual assessment for Vg2/Vg3 (regulations § 6-24), "
                                "continuing in an ordinary group",
                                "Individuell vurdering til Vg2/Vg3 (forskriften § 6-24), "
                                "videreføring i ordinær gruppe",
                            ),
                        ],
                        t(
                            "Leave it empty when the student does not apply in category A.",
                            "La feltet stå tomt når eleven ikke søker i kategori A.",
                        ),
                    ),
                    _field(
                        t("Tailored group wanted", "Ønsket tilrettelagt tilbud"),
                        "multiple_choice",
                        [
                            t("Everyday-life training (H)", "Hverdagslivstrening (H)"),
                            t("Work-life training (A)", "Arbeidslivstrening (A)"),
                            t("Basic competence track (G)", "Grunnkompetanseløp (G)"),
                        ],
                        t(
                            "Only for a tailored group. Applicants to everyday-life training "
                            "name at least two schools.",
                            "Bare for tilrettelagt gruppe. Søkere til hverdagslivstrening "
                            "oppgir minst to skoler.",
                        ),
                    ),
                    _field(
                        t("Schools wished for the tailored group", "Ønskede skoler for gruppen")
                    ),
                ],
            ),
            (
                t(
                    "B: Ordinary intake with special education (answer in July)",
                    "B: Ordinært inntak med spesialundervisning (svar i juli)",
                ),
                expert,
                [
                    _field(
                        t(
                            "B: The student applies for special education (Education Act § 5-1)",
                            "B: Eleven søker spesialundervisning (opplæringslova § 5-1)",
                        ),
                        "checkbox",
                    )
                ],
            ),
            (
                t("C: Apprentice or training candidate", "C: Lærling eller lærekandidat"),
                t(
                    "Attach an updated expert assessment from PPT.",
                    "Legg ved oppdatert sakkyndig vurdering fra PPT.",
                ),
                [
                    _field(
                        t(
                            "C: Apprentice or training candidate who needs adaptations "
                            "during the training",
                            "C: Lærling eller lærekandidat med behov for tilrettelegging i "
                            "læretiden",
                        ),
                        "checkbox",
                    ),
                    _field(
                        t(
                            "School place wanted as an alternative",
                            "Ønsket skoleplass som alternativ",
                        )
                    ),
                ],
            ),
            (
                t(
                    "I. About the application (fill in all)",
                    "I. Opplysninger om søknaden (fylles ut av alle)",
                ),
                "",
                [
                    _field(t("Reason for the application", "Søknadsgrunn"), "long_text"),
                    _field(
                        t(
                            "Special education and other adaptations in the last school year",
                            "Spesialundervisning og annen tilrettelegging siste skoleår",
                        ),
                        "long_text",
                    ),
                    _field(
                        t(
                            "Is the student at risk of dropping out?",
                            "Er eleven i risikosonen for bortvalg eller frafall?",
                        ),
                        "single_choice",
                        [t("Yes", "Ja"), t("No", "Nei"), t("Unsure", "Usikkert")],
                    ),
                    _field(
                        t("The judgement is based on", "Vurderingen bygger på"),
                        help_text=t(
                            "E.g. a screening tool, or say what else.",
                            "For eksempel et kartleggingsverktøy, eller skriv hva annet.",
                        ),
                    ),
                    _field(
                        t(
                            "Proposed special education or other adaptations for the coming "
                            "school year",
                            "Forslag til spesialundervisning eller annen tilrettelegging "
                            "kommende skoleår",
                        ),
                        "long_text",
                    ),
                    _field(
                        t(
                            "Realistic goal for the education",
                            "Realistisk mål for opplæringen",
                        ),
                        "single_choice",
                        [
                            t(
                                "Trade or journeyman's certificate",
                                "Fag- eller svennebrev",
                            ),
                            t("Higher education entrance qualification", "Studiekompetanse"),
                            t("Basic competence", "Grunnkompetanse"),
                        ],
                    ),
                    _field(
                        t(
                            "Plan for further education: year, school or company, programme "
                            "area or trade",
                            "Plan for videre opplæring: år, skole eller bedrift, "
                            "programområde eller fag",
                        ),
                        "long_text",
                    ),
                ],
            ),
            (
                t("M: Language level (part II)", "M: Språklig nivå (del II)"),
                t(
                    "For students with a minority-language background: required with less than "
                    "two years in Norwegian school, or when weak Norwegian calls for adaptations.",
                    "For elever med minoritetsspråklig bakgrunn: må fylles ut ved mindre enn to "
                    "år i norsk skole, eller når svake norskferdigheter krever tilrettelegging.",
                ),
                [
                    _field(
                        t(
                            "M: The student has a minority-language background",
                            "M: Eleven har minoritetsspråklig bakgrunn",
                        ),
                        "checkbox",
                    ),
                    _field(
                        t(
                            "Years in Norwegian primary and lower secondary school",
                            "Antall år i norsk grunnskole",
                        ),
                        "number",
                    ),
                    _field(
                        t(
                            "Years in school in the home country",
                            "Antall år i hjemlandets grunnskole",
                        ),
                        "number",
                    ),
                    _field(t("Home country", "Hjemland")),
                    _field(
                        t(
                            "Mapping of language skills carried out: description",
                            "Kartlegging av språklige ferdigheter er gjennomført: beskrivelse",
                        ),
                        "long_text",
                    ),
                    _field(
                        t("Needs in upper secondary school", "Behov i videregående skole"),
                        "multiple_choice",
                        [
                            t(
                                "The curriculum in basic Norwegian for language minorities",
                                "Læreplan i grunnleggende norsk for språklige minoriteter",
                            ),
                            t("Mother-tongue teaching", "Morsmålsopplæring"),
                            t("Bilingual subject teaching", "Tospråklig fagopplæring"),
                        ],
                    ),
                ],
            ),
            (
                t("O: Other information (part III)", "O: Andre opplysninger (del III)"),
                t(
                    "For students without a right to special education who have something the "
                    "school should know to adapt the teaching. Attach documentation.",
                    "For elever uten rett til spesialundervisning som har noe skolen bør vite "
                    "for å tilrettelegge opplæringen. Legg ved dokumentasjon.",
                ),
                [
                    _field(
                        t(
                            "O: The student gives other information",
                            "O: Eleven gir andre opplysninger",
                        ),
                        "checkbox",
                    ),
                    _field(
                        t(
                            "Support services or responsibility groups outside school",
                            "Hjelpeinstanser eller ansvarsgrupper utenom skolen",
                        ),
                        "long_text",
                    ),
                    _field(
                        t(
                            "Strengths the new school or company can build on",
                            "Sterke sider mottakerskolen eller bedriften kan bygge på",
                        ),
                        "long_text",
                    ),
                    _field(
                        t(
                            "Other information the school should know",
                            "Annen informasjon skolen bør kjenne til",
                        ),
                        "long_text",
                    ),
                ],
            ),
            (
                t("Consent and signatures", "Samtykke og underskrifter"),
                t(
                    "The applicant agrees that the expert bodies who comment on this application "
                    "may give the information needed without being held back by their duty of "
                    "confidentiality, that the application may be sent to the school or company "
                    "applied to, and that the information may be passed on to the county's PPT.",
                    "Søkeren samtykker i at de sakkyndige instansene som uttaler seg om søknaden, "
                    "kan gi nødvendige opplysninger uten hinder av taushetsplikt, at søknaden kan "
                    "sendes til skolen eller bedriften det søkes til, og at opplysningene kan "
                    "overføres til fylkets PPT.",
                ),
                [
                    _field(
                        t(
                            "The applicant gives this consent",
                            "Søkeren gir dette samtykket",
                        ),
                        "checkbox",
                    ),
                    _field(t("Place", "Sted")),
                    _field(t("Date", "Dato"), "date"),
                    _field(t("Applicant's signature", "Søkerens underskrift"), "signature"),
                    _field(
                        t(
                            "The student's guardians are informed",
                            "Elevens foresatte er informert",
                        ),
                        "single_choice",
                        [t("Yes", "Ja"), t("No", "Nei")],
                    ),
                    _field(
                        t(
                            "Filled in together with the student by (name and position)",
                            "Fylt ut sammen med eleven av (navn og stilling)",
                        )
                    ),
                    _field(
                        t(
                            "School or follow-up service",
                            "Skole eller oppfølgingstjeneste",
                        )
                    ),
                    _field(t("Date filled in", "Dato utfylt"), "date"),
                ],
            ),
        ],
    }


COUNTY = {
    "en": {
        "title": "Nordvik County (demo)",
        "summary": "Guidance from the education department of Nordvik County, a fictional county.",
        "intro": "<p>Nordvik County (demo) runs the upper secondary schools in Elvdal and "
        "Bjørkås. Here you find the yearly booklet on applying to upper secondary school when a "
        "student needs special education, and plain-language articles on how each kind of "
        "education plan works.</p>",
    },
    "nb": {
        "title": "Nordvik fylkeskommune (demo)",
        "summary": "Veiledning fra utdanningsavdelingen i Nordvik fylkeskommune, et oppdiktet fylke.",
        "intro": "<p>Nordvik fylkeskommune (demo) driver de videregående skolene i Elvdal og "
        "Bjørkås. Her finner du det årlige heftet om å søke videregående opplæring når en elev "
        "trenger spesialundervisning, og artikler med enkle ord om hvordan de ulike "
        "opplæringsplanene fungerer.</p>",
    },
}

GUIDANCE_INDEX = {
    "en": {
        "title": "Guidance",
        "summary": "Booklets for each school year and articles for families.",
        "intro": "<p>The booklet for the current school year is marked. Earlier booklets stay "
        "here so you can see what applied before.</p>",
    },
    "nb": {
        "title": "Veiledning",
        "summary": "Hefter for hvert skoleår og artikler for foresatte og elever.",
        "intro": "<p>Heftet for inneværende skoleår er merket. Eldre hefter ligger her "
        "fortsatt, så du kan se hva som gjaldt før.</p>",
    },
}

_CONTACT_ORG = {
    "en": "Nordvik County (demo), education department, intake and counselling",
    "nb": "Nordvik fylkeskommune (demo), utdanningsavdelingen, inntak og rådgiving",
}


def booklet(language: str, y0: int) -> dict:
    t = pick(language)
    label = f"{y0}/{(y0 + 1) % 100:02d}"
    org = _CONTACT_ORG[language]
    return {
        "title": t(
            f"Special intake to upper secondary school {label}",
            f"Særskilt inntak til videregående skole {label}",
        ),
        "subtitle": t(
            "A booklet for counsellors, families and support services",
            "Et hefte for rådgivere, foresatte og støttetjenester",
        ),
        "summary": t(
            "How students who need special education or an individual assessment apply to "
            "upper secondary school, with every deadline of the year.",
            "Hvordan elever som trenger spesialundervisning eller individuell behandling, søker "
            "videregående opplæring, med alle årets frister.",
        ),
        "introduction": t(
            f"<p>This booklet gathers what counsellors, families and support services need when a "
            f"student who needs special education, adapted teaching or an individual assessment "
            f"applies to upper secondary school. It covers the {label} school year in Nordvik "
            f"County (demo).</p>"
            f"<p>Applicants who need an individual assessment apply by <b>1 February</b>, the same "
            f"deadline as everywhere else in the country. Applications to extend the right to "
            f"upper secondary education are due by <b>15 January</b>. The annual wheel in chapter "
            f"4 lists every step with its date and who is responsible.</p>"
            f"<p>Each chapter can be read on its own. Forms and templates are linked where they "
            f"are needed, and every law cited is explained in plain words in the appendix.</p>"
            f"<p><i>Demo content: the county, schools and people are fictional. The facts come from "
            f"a Norwegian county's intake booklet; its section numbers follow the Education Act of "
            f"1998, which the Education Act of 2023 replaced with new numbering.</i></p>",
            f"<p>Dette heftet samler det rådgivere, foresatte og støttetjenester trenger når en "
            f"elev som har behov for spesialundervisning, tilrettelegging eller individuell "
            f"behandling, skal søke videregående opplæring. Heftet gjelder skoleåret {label} i "
            f"Nordvik fylkeskommune (demo).</p>"
            f"<p>Søkere som trenger individuell behandling, har søknadsfrist <b>1. februar</b>, den "
            f"samme fristen som ellers i landet. Søknad om utvidet opplæringsrett må være sendt "
            f"innen <b>15. januar</b>. Årshjulet i kapittel 4 viser hvert trinn med dato og hvem "
            f"som har ansvaret.</p>"
            f"<p>Kapitlene kan leses hver for seg. Skjemaer og maler er lenket der de trengs, og "
            f"alle lovhenvisninger er forklart med enkle ord i vedlegget.</p>"
            f"<p><i>Demoinnhold: fylket, skolene og personene er oppdiktet. Fakta er hentet fra et "
            f"norsk fylkes inntakshefte; paragrafnumrene følger opplæringslova av 1998, som "
            f"opplæringsloven av 2023 har erstattet med ny nummerering.</i></p>",
        ),
        "contacts": [
            {
                "name": "Ingrid Nordmo",
                "role": t("Head of section", "Seksjonsleder"),
                "organisation": org,
                "phone": "+47 70 00 10 01",
                "email": "ingrid.nordmo@nordvik-county.example",
                "note": t(
                    "Questions about the intake rules and the annual wheel.",
                    "Spørsmål om inntaksreglene og årshjulet.",
                ),
            },
            {
                "name": "Anders Vollan",
                "role": t("Senior adviser, special intake", "Seniorrådgiver, særskilt inntak"),
                "organisation": org,
                "phone": "+47 70 00 10 02",
                "email": "anders.vollan@nordvik-county.example",
                "note": t(
                    "Categories A, B and C, tailored groups and extended rights.",
                    "Kategori A, B og C, tilrettelagte grupper og utvidet rett.",
                ),
            },
            {
                "name": "Silje Aune",
                "role": t("Case officer, special intake", "Saksbehandler, særskilt inntak"),
                "organisation": org,
                "phone": "+47 70 00 10 03",
                "email": "silje.aune@nordvik-county.example",
                "note": t(
                    "Attachment forms, missing documents and the lists sent to schools.",
                    "Vedleggsskjema, manglende dokumentasjon og lister til skolene.",
                ),
            },
        ],
    }


def _d(year: int, month: int, day: int) -> datetime.date:
    return datetime.date(year, month, day)


def _week(year: int, week: int, weekday: int) -> datetime.date:
    return datetime.date.fromisocalendar(year, week, weekday)


# -- chapters -----------------------------------------------------------------
# Each chapter function fills a StreamBuilder and returns (title, slug, summary).


def chapter_applying(b, language, y0):
    t = pick(language)
    b.text(
        t(
            "<h2>Everyone applies online</h2>"
            "<p>All applicants use the national online application service for upper secondary "
            "education (vigo.no) and sign in with their electronic ID (MinID). Students in year 10 "
            "receive MinID by post; students who are already in upper secondary use the one they "
            "have. Anyone who has lost their codes gets new ones from the MinID user support.</p>"
            "<p>Every applicant lists <b>three choices</b> of programme, and that includes the "
            "applicants for special intake (category A). Applicants to the everyday-life training "
            "groups name at least two schools.</p>"
            "<h2>The attachment form</h2>"
            "<p>The attachment form tells the county what the online application cannot: that the "
            "applicant asks for an individual assessment, needs special education, or has other "
            "information the new school should have. The school the student comes from, or the "
            "follow-up service, fills it in together with the student, who signs the consent on "
            "it.</p>"
            "<ul><li>When category A is ticked on the form, answer <b>YES</b> in the online "
            "application's field for admission on special grounds or on individual assessment.</li>"
            "<li>Everyone else who sends the form writes a short note about it under <i>other "
            "information</i> in the online application.</li></ul>",
            "<h2>Alle søker på nett</h2>"
            "<p>Alle søkere bruker den nasjonale søknadstjenesten for videregående opplæring "
            "(vigo.no) og logger inn med MinID. Elever i 10. trinn får MinID i posten; elever som "
            "allerede går i videregående, bruker den de har. Den som har mistet kodene, får nye "
            "hos brukerstøtten for MinID.</p>"
            "<p>Alle søkere fører opp <b>tre ønsker</b> om utdanningsprogram, også de som søker "
            "særskilt inntak (kategori A). Søkere til hverdagslivstrening oppgir minst to "
            "skoler.</p>"
            "<h2>Vedleggsskjemaet</h2>"
            "<p>Vedleggsskjemaet forteller fylket det nettsøknaden ikke får fram: at søkeren ber om "
            "individuell behandling, trenger spesialundervisning eller har andre opplysninger den "
            "nye skolen bør få. Skolen eleven kommer fra, eller oppfølgingstjenesten, fyller det ut "
            "sammen med eleven, som signerer samtykket på skjemaet.</p>"
            "<ul><li>Når kategori A er krysset av på skjemaet, svarer søkeren <b>JA</b> i "
            "nettsøknadens felt for inntak på særskilt grunnlag eller etter individuell "
            "vurdering.</li><li>Alle andre som sender skjemaet, skriver en kort merknad om det under "
            "<i>andre opplysninger</i> i nettsøknaden.</li></ul>",
        )
    )
    b.fillable(
        "attachment",
        t("The attachment form", "Vedleggsskjemaet"),
        t(
            "Fill it in on the portal and download it as a PDF to sign, or print it blank. "
            "Nothing typed into it is stored.",
            "Fyll det ut i portalen og last det ned som PDF for underskrift, eller skriv det ut "
            "blankt. Ingenting som skrives i det, blir lagret.",
        ),
    )
    b.info(
        t("Where the papers go", "Hvor papirene skal"),
        t(
            "<ul><li>Application for a school place: one copy to the first-choice school and one "
            "to the education department.</li><li>Application for training in a company "
            "(apprentices and training candidates): two copies to the education department.</li>"
            "<li>Earlier IOPs and half-year reports: to the first-choice school only.</li></ul>",
            "<ul><li>Søknad om skoleplass: ett eksemplar til skolen som er førsteønske, og ett "
            "til utdanningsavdelingen.</li><li>Søknad om opplæring i bedrift (lærlinger og "
            "lærekandidater): to eksemplarer til utdanningsavdelingen.</li><li>Tidligere IOP og "
            "halvårsrapporter: bare til skolen som er førsteønske.</li></ul>",
        ),
    )
    b.text(
        t(
            "<h2>The expert assessment</h2>"
            "<p>An expert assessment from the educational-psychological service (PPT) must come with "
            "the application when the student applies for special education, for a priority "
            "programme at Vg1, or for admission on individual assessment to Vg2 or Vg3. It must be "
            "recent, and its recommendations must be about the coming school year.</p>"
            "<h2>When the answers come</h2>"
            "<p>Applicants in category A hear from the education department in late May. Other "
            "applicants for a school place get their answer in mid-July. Applicants for training in "
            "a company get answers as they come, until September.</p>",
            "<h2>Den sakkyndige vurderingen</h2>"
            "<p>En sakkyndig vurdering fra pedagogisk-psykologisk tjeneste (PPT) må ligge ved når "
            "eleven søker spesialundervisning, et prioritert utdanningsprogram på Vg1 eller inntak "
            "etter individuell vurdering til Vg2 eller Vg3. Den må være ny, og anbefalingene må "
            "gjelde det kommende skoleåret.</p>"
            "<h2>Når svarene kommer</h2>"
            "<p>Søkere i kategori A får svar fra utdanningsavdelingen i slutten av mai. Andre "
            "søkere til skoleplass får svar i midten av juli. Søkere til opplæring i bedrift får "
            "svar etter hvert, fram til september.</p>",
        )
    )
    b.tip(
        t("Ask everyone to apply", "Be alle om å søke"),
        t(
            "<p>Encourage every student leaving year 10, and every young person with a right to "
            "upper secondary education, to send an application even when they are unsure. It is "
            "how the follow-up service finds those who need it.</p>",
            "<p>Oppfordre alle som går ut av 10. trinn, og all ungdom med rett til videregående "
            "opplæring, til å sende søknad selv om de er usikre. Slik finner "
            "oppfølgingstjenesten dem som trenger den.</p>",
        ),
    )
    b.text(
        t(
            "<h2>Applying to school in another county</h2>"
            "<p>Students from Nordvik who want to go to school in another county apply through "
            "Nordvik County, which considers the guest-student guarantee. Their attachment form "
            "goes through the county as well.</p>"
            "<h2>Postponing the start</h2>"
            "<p>After admission, the county may let a student postpone the right to upper secondary "
            "education. The student applies through the school that offered the place, at any time "
            "of the year, with documentation such as a medical certificate or a call-up for "
            "military service.</p>",
            "<h2>Søke skole i et annet fylke</h2>"
            "<p>Elever fra Nordvik som vil gå på skole i et annet fylke, søker gjennom Nordvik "
            "fylkeskommune, som vurderer gjesteelevgaranti. Vedleggsskjemaet sendes også gjennom "
            "fylket.</p>"
            "<h2>Utsette oppstarten</h2>"
            "<p>Etter inntaket kan fylket la en elev utsette retten til videregående opplæring. "
            "Eleven søker gjennom skolen som har gitt plassen, når som helst i året, med "
            "dokumentasjon som legeerklæring eller innkalling til førstegangstjeneste.</p>",
        )
    )
    b.law(
        "reg-6-7",
        t(
            "The 1 February deadline applies to every applicant in this booklet.",
            "Fristen 1. februar gjelder alle søkerne dette heftet handler om.",
        ),
    )
    b.law("act-3-1")
    return (
        t("Applying: the essentials", "Slik søker du: det viktigste"),
        "applying",
        t(
            "Who applies how, what to attach, where to send it and when the answers come.",
            "Hvem som søker hvordan, hva som skal ligge ved, hvor det sendes og når svarene kommer.",
        ),
    )


def chapter_categories(b, language, y0):
    t = pick(language)
    b.text(
        t(
            "<p>The attachment form has three categories, A, B and C, and two kinds of extra "
            "information, M and O. Tick the category that fits; M or O can be ticked in addition.</p>"
            "<h2>A: Special intake, on individual assessment</h2>"
            "<h3>A priority programme at Vg1</h3>"
            "<p>An applicant who has the right to special education, and whose expert assessment "
            "shows a particular need for one programme, is admitted to that programme at Vg1 ahead "
            "of the ordinary intake. All three must hold:</p>"
            "<ol><li>the applicant has the right to upper secondary education;</li>"
            "<li>the applicant needs special education;</li>"
            "<li>a particular need for that programme is documented.</li></ol>"
            "<p>The expert assessment must say why this programme is recommended, and judge how the "
            "student would manage it and the other programmes. Tick whether the student wants to be "
            "taught in a tailored group or in an ordinary group. Applicants who want all their "
            "teaching in a tailored group write their wishes on page 2 of the form.</p>"
            "<h3>Individual assessment for Vg2 and Vg3</h3>"
            "<p>An applicant who needs special education and has no grades from Vg1 is admitted "
            "after an overall assessment that weighs the expert assessment and the applicant's own "
            "priorities. The new level must build on the one the applicant has completed.</p>"
            "<p>Students going on in a tailored group (basic competence or work-life training) tick "
            "for continuation. They need a new expert assessment only if its recommendation has "
            "changed a lot; the school's team for adapted education writes its recommendation on "
            "the form. Students in everyday-life training are admitted for three years: they apply "
            "online for years 2 and 3 but do not send the form again. Students who have been "
            "granted an extended right fill in the form, tick tailored or ordinary group and attach "
            "the expert assessment.</p>",
            "<p>Vedleggsskjemaet har tre kategorier, A, B og C, og to typer tilleggsopplysninger, M "
            "og O. Kryss av for kategorien som passer; M eller O kan krysses av i tillegg.</p>"
            "<h2>A: Særskilt inntak etter individuell vurdering</h2>"
            "<h3>Prioritert utdanningsprogram på Vg1</h3>"
            "<p>En søker som har rett til spesialundervisning, og der den sakkyndige vurderingen "
            "viser et særlig behov for ett bestemt program, tas inn på det programmet på Vg1 før "
            "det ordinære inntaket. Alle tre vilkårene må være oppfylt:</p>"
            "<ol><li>søkeren har rett til videregående opplæring;</li>"
            "<li>søkeren trenger spesialundervisning;</li>"
            "<li>det særlige behovet for programmet er dokumentert.</li></ol>"
            "<p>Den sakkyndige vurderingen skal begrunne hvorfor nettopp dette programmet anbefales, "
            "og vurdere hvordan eleven vil mestre det og de andre programmene. Kryss av for om "
            "eleven ønsker opplæring i tilrettelagt gruppe eller i ordinær gruppe. Søkere som vil ha "
            "all opplæring i tilrettelagt gruppe, skriver ønskene sine på side 2 i skjemaet.</p>"
            "<h3>Individuell vurdering til Vg2 og Vg3</h3>"
            "<p>En søker som trenger spesialundervisning og ikke har karakterer fra Vg1, tas inn "
            "etter en helhetsvurdering der den sakkyndige vurderingen og søkerens egne ønsker "
            "teller. Det nye trinnet må bygge på det søkeren har fullført.</p>"
            "<p>Elever som fortsetter i tilrettelagt gruppe (grunnkompetanse eller "
            "arbeidslivstrening), krysser av for videreføring. De trenger ny sakkyndig vurdering "
            "bare hvis tilrådingen er vesentlig endret; skolens team for tilpasset opplæring skriver "
            "sin anbefaling på skjemaet. Elever i hverdagslivstrening tas inn for tre år: de søker "
            "på nett for 2. og 3. år, men sender ikke skjemaet på nytt. Elever som har fått utvidet "
            "rett, fyller ut skjemaet, krysser av for tilrettelagt eller ordinær gruppe og legger "
            "ved sakkyndig vurdering.</p>",
        )
    )
    b.info(
        t("Tailored groups", "Tilrettelagte grupper"),
        t(
            "<p>Tailored groups have 4 to 10 students. Each student has an individual education "
            "plan with goals taken from the curricula, leading to basic competence at different "
            "levels.</p><ul><li><b>Everyday-life training (H)</b>: knowledge and skills for "
            "adult life at home, at leisure and at work.</li><li><b>Work-life training (A)</b>: "
            "builds towards ordinary or adapted work, with practice in a company one to four "
            "days a week.</li><li><b>Basic competence track (G)</b>: a vocational course with "
            "two years at school and two in a company, based on the training-candidate "
            "scheme.</li></ul>",
            "<p>Tilrettelagte grupper har 4 til 10 elever. Hver elev har en individuell "
            "opplæringsplan med mål hentet fra læreplanene, som fører fram til grunnkompetanse "
            "på ulike nivåer.</p><ul><li><b>Hverdagslivstrening (H)</b>: kunnskap og "
            "ferdigheter for voksenlivet hjemme, i fritiden og i arbeid.</li>"
            "<li><b>Arbeidslivstrening (A)</b>: bygger mot ordinært eller tilrettelagt arbeid, "
            "med praksis i bedrift én til fire dager i uka.</li><li><b>Grunnkompetanseløpet "
            "(G)</b>: et yrkesfaglig løp med to år i skole og to år i bedrift, bygd på "
            "lærekandidatordningen.</li></ul>",
        ),
    )
    b.law("reg-6-13")
    b.law("reg-6-20")
    b.law(
        "reg-6-18",
        t(
            "PPT gives the recommendation that must come with an A application.",
            "PPT gir tilrådingen som må følge en A-søknad.",
        ),
    )
    b.law("reg-6-19")
    b.law("reg-6-21")
    b.law("reg-6-24")
    b.text(
        t(
            "<h2>B: Ordinary intake with special education</h2>"
            "<p>Students who do not, or cannot, benefit enough from the ordinary teaching have the "
            "right to special education. They compete for places with their grade points like "
            "everyone else, and the school learns in good time what the student will need. Tick B "
            "and attach the expert assessment from PPT.</p>"
            "<h2>C: Apprentices and training candidates</h2>"
            "<p>Apprentices and training candidates who need adaptations during their training tick "
            "C and attach an updated expert assessment. A training candidate should already at "
            "school build a relation with a company where an agreement could follow. The applicant "
            "also names the school place they want as an alternative.</p>"
            "<h2>M: Language level</h2>"
            "<p>Students with a minority-language background tick M and describe their language "
            "level on page 4. This is required for students with less than two years in Norwegian "
            "school, and for everyone who needs adaptations because their Norwegian is still "
            "weak.</p>"
            "<h2>O: Other information</h2>"
            "<p>Students without a right to special education can tick O to tell the school "
            "something that matters for adapting the teaching. Documentation must be attached. "
            "Every student can also tell the school about needs for adaptation when school "
            "starts.</p>",
            "<h2>B: Ordinært inntak med spesialundervisning</h2>"
            "<p>Elever som ikke har eller ikke kan få godt nok utbytte av den ordinære opplæringen, "
            "har rett til spesialundervisning. De konkurrerer om plassene med karakterpoeng som alle "
            "andre, og skolen får vite i god tid hva eleven trenger. Kryss av for B og legg ved "
            "sakkyndig vurdering fra PPT.</p>"
            "<h2>C: Lærling og lærekandidat</h2>"
            "<p>Lærlinger og lærekandidater som trenger tilrettelegging i læretiden, krysser av for "
            "C og legger ved en oppdatert sakkyndig vurdering. En lærekandidat bør allerede i "
            "skoletiden knytte kontakt med en bedrift der det kan bli en avtale. Søkeren oppgir "
            "også hvilken skoleplass som ønskes som alternativ.</p>"
            "<h2>M: Språklig nivå</h2>"
            "<p>Elever med minoritetsspråklig bakgrunn krysser av for M og beskriver språknivået "
            "sitt på side 4. Det gjelder alle som har gått mindre enn to år i norsk skole, og alle "
            "som trenger tilrettelegging fordi norskferdighetene ennå er svake.</p>"
            "<h2>O: Andre opplysninger</h2>"
            "<p>Elever uten rett til spesialundervisning kan krysse av for O for å fortelle skolen "
            "noe som betyr noe for tilretteleggingen. Dokumentasjon må legges ved. Alle elever kan "
            "dessuten melde fra om behov for tilrettelegging når skolen starter.</p>",
        )
    )
    b.fillable(
        "attachment",
        t("The attachment form", "Vedleggsskjemaet"),
        t(
            "Parts A, B and C, with M and O, part I for everyone, and the consent.",
            "Delene A, B og C, med M og O, del I for alle, og samtykket.",
        ),
    )
    b.law("act-5-1")
    b.law(
        "act-ch-4",
        t(
            "Category C: training in a company.",
            "Kategori C: opplæring i bedrift.",
        ),
    )
    b.law("act-4-2")
    b.law("act-3-12", t("Applies to students who tick M.", "Gjelder elever som krysser av for M."))
    return (
        t("Categories A, B and C, with M and O", "Kategoriene A, B og C, med M og O"),
        "categories",
        t(
            "What each box on the attachment form means and what must be attached.",
            "Hva hver rute på vedleggsskjemaet betyr, og hva som må legges ved.",
        ),
    )


def chapter_ppt(b, language, y0):
    t = pick(language)
    b.text(
        t(
            "<p>Every municipality and county has an educational-psychological service (PPT). In "
            "Nordvik County (demo) the county's PPT serves all upper secondary schools and their "
            "students. Apprentices and training candidates have the same access as students. The "
            "county PPT also follows up lower secondary students who live in child-welfare "
            "institutions in the county.</p>"
            "<p>The service helps schools build competence and organise teaching so that students "
            "with particular needs learn better, and it writes the expert assessments the law "
            "asks for.</p>"
            "<h2>Three kinds of work</h2>"
            "<ul><li><b>With the student.</b> A student can reach PPT through staff at school or "
            "directly. Guardians and other services, such as child welfare or mental-health "
            "services, can also refer a student.</li>"
            "<li><b>With the school as a whole.</b> PPT looks not only at the student but at how the "
            "student and the learning environment work together. That needs close cooperation "
            "between school and PPT.</li>"
            "<li><b>Expert assessments.</b> PPT writes an expert assessment wherever the law "
            "requires one.</li></ul>"
            "<h2>When an expert assessment is required</h2>"
            "<ul><li>the right to special education;</li>"
            "<li>admission to upper secondary on individual assessment;</li>"
            "<li>aids and extra time in tests and exams;</li>"
            "<li>up to two extra years of upper secondary education;</li>"
            "<li>teaching in and through sign language;</li>"
            "<li>teaching in braille;</li>"
            "<li>exemption from passing up to two common core subjects before a trade or "
            "journeyman's certificate is issued.</li></ul>",
            "<p>Alle kommuner og fylkeskommuner har en pedagogisk-psykologisk tjeneste (PPT). I "
            "Nordvik fylkeskommune (demo) betjener fylkets PPT alle de videregående skolene og "
            "elevene deres. Lærlinger og lærekandidater har samme tilgang som elever. Fylkets PPT "
            "følger også opp grunnskoleelever som bor på barnevernsinstitusjon i fylket.</p>"
            "<p>Tjenesten hjelper skolene med kompetanse og organisering, slik at elever med "
            "særlige behov lærer bedre, og skriver de sakkyndige vurderingene loven krever.</p>"
            "<h2>Tre typer arbeid</h2>"
            "<ul><li><b>Med eleven.</b> En elev kan ta kontakt med PPT gjennom ansatte på skolen "
            "eller direkte. Foresatte og andre tjenester, som barnevernet eller psykisk "
            "helsevern, kan også melde opp en elev.</li>"
            "<li><b>Med skolen som helhet.</b> PPT ser ikke bare på eleven, men på samspillet mellom "
            "eleven og læringsmiljøet. Det krever tett samarbeid mellom skole og PPT.</li>"
            "<li><b>Sakkyndige vurderinger.</b> PPT skriver sakkyndig vurdering der loven krever "
            "det.</li></ul>"
            "<h2>Når det trengs sakkyndig vurdering</h2>"
            "<ul><li>rett til spesialundervisning;</li>"
            "<li>inntak til videregående etter individuell vurdering;</li>"
            "<li>hjelpemidler og utvidet tid på prøver og eksamen;</li>"
            "<li>inntil to år ekstra i videregående opplæring;</li>"
            "<li>opplæring i og på tegnspråk;</li>"
            "<li>opplæring i punktskrift;</li>"
            "<li>fritak fra krav om bestått i inntil to fellesfag før fag- eller svennebrev "
            "utstedes.</li></ul>",
        )
    )
    b.tip(
        t("Refer in the autumn", "Meld opp om høsten"),
        t(
            "<p>Students in year 10 need a recent expert assessment before 1 February. PPT for "
            "lower secondary writes these assessments from October to February, so refer "
            "students early in the autumn.</p>",
            "<p>Elever i 10. trinn trenger en ny sakkyndig vurdering før 1. februar. PPT for "
            "grunnskolen skriver disse vurderingene fra oktober til februar, så meld opp "
            "elevene tidlig på høsten.</p>",
        ),
    )
    b.law("act-5-6")
    b.law("act-5-1")
    b.law("reg-3-32")
    b.law(
        "act-3-1",
        t("The fifth paragraph: up to two extra years.", "Femte ledd: inntil to år ekstra."),
    )
    b.law("act-3-9")
    b.law("act-3-10")
    b.law(
        "reg-3-67",
        t(
            "Point c: exemption from up to two common core subjects.",
            "Bokstav c: fritak fra inntil to fellesfag.",
        ),
    )
    return (
        t("The educational-psychological service (PPT)", "Pedagogisk-psykologisk tjeneste (PPT)"),
        "ppt",
        t(
            "What PPT does for students, apprentices and students in institutions, and when its "
            "expert assessment is needed.",
            "Hva PPT gjør for elever, lærlinger og elever på institusjon, og når det trengs en "
            "sakkyndig vurdering fra PPT.",
        ),
    )


def chapter_annual_wheel(b, language, y0):
    t = pick(language)
    y1 = y0 + 1
    edu = t("Education department", "Utdanningsavdelingen")
    b.text(
        t(
            "<p>The annual wheel is the county's routine for making sure that students with a "
            "right to special education get it from their first day in upper secondary school. "
            "Dates marked <i>about</i> follow the national intake and may move by a few days.</p>",
            "<p>Årshjulet er fylkets rutine for å sikre at elever med rett til spesialundervisning "
            "får den fra første dag i videregående skole. Datoer merket <i>ca.</i> følger det "
            "nasjonale inntaket og kan flytte seg noen dager.</p>",
        )
    )
    b.calendar(
        t("When school starts", "Ved skolestart"),
        t(
            "For the students who started upper secondary school this autumn.",
            "For elevene som begynte i videregående skole denne høsten.",
        ),
        [
            {
                "action": t(
                    "Missing attachment forms sent to the schools",
                    "Manglende vedleggsskjema sendes skolene",
                ),
                "responsible": edu,
                "starts": _d(y0, 8, 10),
                "when_text": t("about", "ca."),
                "purpose": t(
                    "Complete files for every student", "Komplett dokumentasjon for hver elev"
                ),
            },
            {
                "action": t(
                    "Final individual decisions for students from lower secondary",
                    "Endelige enkeltvedtak for elever fra grunnskolen",
                ),
                "responsible": t(
                    "Principal, team for adapted education", "Rektor, team for tilpasset opplæring"
                ),
                "starts": _d(y0, 8, 15),
                "purpose": t(
                    "The decision is in place on the first day",
                    "Vedtaket er på plass første skoledag",
                ),
            },
            {
                "action": t(
                    "Mapping of basic skills and language level; start-up talks; the "
                    "counsellor tells every class about rights and options",
                    "Kartlegging av grunnleggende ferdigheter og språknivå; oppstartsamtaler; "
                    "rådgiveren informerer klassene om rettigheter og muligheter",
                ),
                "responsible": t("Upper secondary schools", "Videregående skoler"),
                "starts": _d(y0, 8, 18),
                "ends": _d(y0, 9, 12),
                "purpose": t(
                    "Information reaches the teachers", "Informasjon når fram til lærerne"
                ),
            },
            {
                "action": t(
                    "Individual decisions on special education for other students",
                    "Enkeltvedtak om spesialundervisning for øvrige elever",
                ),
                "responsible": t(
                    "Principal, team for adapted education", "Rektor, team for tilpasset opplæring"
                ),
                "starts": _d(y0, 8, 15),
                "ends": _d(y0, 10, 10),
                "purpose": t(
                    "A decision for every student who needs one", "Vedtak for alle som trenger det"
                ),
            },
            {
                "action": t(
                    "Individual education plans written by the subject teachers and the "
                    "contact teacher, in meetings with the student and guardians",
                    "IOP skrives av faglærerne og kontaktlæreren i fellesskap, i møter med "
                    "elev og foresatte",
                ),
                "responsible": t("Contact teacher, subject teachers", "Kontaktlærer, faglærere"),
                "starts": _d(y0, 8, 20),
                "ends": _d(y0, 10, 15),
                "purpose": t("A plan for every decision", "En plan for hvert vedtak"),
            },
            {
                "action": t(
                    "Copies of individual decisions sent to PPT", "Kopi av enkeltvedtak sendes PPT"
                ),
                "responsible": t("Upper secondary schools", "Videregående skoler"),
                "when_text": t("continuously", "fortløpende"),
                "purpose": t("PPT can follow up", "PPT kan følge opp"),
            },
        ],
    )
    b.calendar(
        t("Before the application deadline", "Før søknadsfristen"),
        t("Preparing next year's applicants.", "Forberedelser for neste års søkere."),
        [
            {
                "action": t(
                    "Budget and offer structure for tailored education",
                    "Budsjett og tilbudsstruktur for tilrettelagt opplæring",
                ),
                "responsible": edu,
                "starts": _d(y0, 10, 1),
                "ends": _d(y0, 12, 15),
                "purpose": t("Resources for next year", "Ressurser til neste år"),
            },
            {
                "action": t(
                    "Counsellors' conference on intake: offer structure, special intake and "
                    "apprenticeships",
                    "Rådgiversamling om inntak: tilbudsstruktur, særskilt inntak og formidling",
                ),
                "responsible": edu,
                "starts": _d(y0, 10, 20),
                "ends": _d(y0, 11, 10),
                "purpose": t("Shared information", "Felles informasjon"),
            },
            {
                "action": t(
                    "Assessing applicants for a priority Vg1, individual assessment for "
                    "Vg2/Vg3, and special education in the ordinary intake",
                    "Vurdering av søkere til prioritert Vg1, individuell vurdering til "
                    "Vg2/Vg3 og spesialundervisning i ordinært inntak",
                ),
                "responsible": t(
                    "Schools, follow-up service, PPT", "Skolene, oppfølgingstjenesten, PPT"
                ),
                "starts": _d(y0, 10, 1),
                "ends": _d(y0, 12, 20),
                "purpose": t("Clear guidelines", "Tydelige retningslinjer"),
            },
            {
                "action": t(
                    "Expert assessments for students leaving year 10",
                    "Sakkyndige vurderinger for elever i 10. trinn",
                ),
                "responsible": t("PPT for lower secondary", "PPT for grunnskolen"),
                "starts": _d(y0, 10, 1),
                "ends": _d(y1, 2, 1),
                "purpose": t("Documentation", "Dokumentasjon"),
            },
            {
                "action": t(
                    "Review of expert assessments for upper secondary students, apprentices "
                    "and training candidates",
                    "Gjennomgang av sakkyndige vurderinger for elever, lærlinger og "
                    "lærekandidater i videregående",
                ),
                "responsible": t("PPT for upper secondary", "PPT for videregående"),
                "starts": _d(y0, 10, 1),
                "ends": _d(y1, 2, 1),
                "purpose": t("Documentation", "Dokumentasjon"),
            },
            {
                "action": t(
                    "Information and forms published on the county's website",
                    "Informasjon og skjemaer legges ut på fylkets nettsider",
                ),
                "responsible": edu,
                "starts": _d(y0, 11, 1),
                "purpose": t("Everyone has the forms in time", "Alle har skjemaene i tide"),
            },
            {
                "action": t(
                    "Meeting between the county PPT and the municipal PPT services",
                    "Møte mellom fylkets PPT og PPT i kommunene",
                ),
                "responsible": t("Education department, PPT", "Utdanningsavdelingen, PPT"),
                "starts": _d(y0, 11, 1),
                "ends": _d(y0, 11, 30),
                "purpose": t("Shared guidelines", "Felles retningslinjer"),
            },
            {
                "action": t(
                    "School visits: every A applicant to an ordinary group visits before applying",
                    "Skolebesøk: alle A-søkere til ordinær gruppe besøker skolen før de søker",
                ),
                "responsible": t("Lower secondary schools", "Avgiverskolene"),
                "starts": _d(y0, 10, 15),
                "ends": _d(y1, 1, 31),
                "purpose": t("A well-founded choice", "Et gjennomtenkt valg"),
            },
            {
                "action": t(
                    "Mapping needs for more than three years and for special language tuition",
                    "Kartlegging av behov for mer enn tre år og for særskilt språkopplæring",
                ),
                "responsible": t("Upper secondary schools", "Videregående skoler"),
                "starts": _d(y1, 1, 2),
                "ends": _d(y1, 1, 14),
                "purpose": t("Overview sent to PPT", "Oversikt sendes PPT"),
            },
            {
                "action": t(
                    "Deadline: applications to extend the right to education",
                    "Frist: søknad om utvidet opplæringsrett",
                ),
                "responsible": t(
                    "Schools, follow-up service, PPT", "Skolene, oppfølgingstjenesten, PPT"
                ),
                "starts": _d(y1, 1, 15),
                "purpose": t(
                    "The right is clear before the intake", "Retten er avklart før inntaket"
                ),
            },
            {
                "action": t(
                    "Individual decisions on extension sent to applicants",
                    "Enkeltvedtak om utvidet rett sendes søkerne",
                ),
                "responsible": edu,
                "starts": _d(y1, 1, 25),
                "purpose": t("Decision", "Vedtak"),
            },
        ],
    )
    b.calendar(
        t("From application to decision", "Fra søknad til vedtak"),
        "",
        [
            {
                "action": t(
                    "Deadline: special intake (priority Vg1 and individual assessment)",
                    "Frist: særskilt inntak (prioritert Vg1 og individuell vurdering)",
                ),
                "responsible": t(
                    "Counsellors at the lower secondary school", "Rådgivere ved avgiverskolen"
                ),
                "starts": _d(y1, 2, 1),
                "purpose": t("Application", "Søknad"),
            },
            {
                "action": t(
                    "Transfer meetings with new applicants and their families",
                    "Overføringsmøter med nye søkere og familiene deres",
                ),
                "responsible": t("Upper secondary schools", "Videregående skoler"),
                "starts": _d(y1, 2, 1),
                "ends": _d(y1, 5, 31),
                "when_text": t("from 1 February", "fra 1. februar"),
                "purpose": t(
                    "Information passes on; families take part",
                    "Informasjon overføres; familien deltar",
                ),
            },
            {
                "action": t(
                    "Attachment forms registered; lists of A and B applicants sent to "
                    "schools, PPT and training offices",
                    "Vedleggsskjema registreres; lister over A- og B-søkere sendes skolene, "
                    "PPT og opplæringskontorene",
                ),
                "responsible": edu,
                "starts": _week(y1, 5, 1),
                "ends": _week(y1, 10, 5),
                "when_text": t(
                    "weeks 5 to 10; A lists in week 7, B lists in week 11",
                    "uke 5 til 10; A-lister i uke 7, B-lister i uke 11",
                ),
                "purpose": t("Registration", "Registrering"),
            },
            {
                "action": t(
                    "Schools and PPT review applications and expert assessments; incomplete "
                    "applications are returned",
                    "Skolene og PPT går gjennom søknader og sakkyndige vurderinger; "
                    "ufullstendige søknader returneres",
                ),
                "responsible": t(
                    "Schools, PPT, education department", "Skolene, PPT, utdanningsavdelingen"
                ),
                "starts": _d(y1, 2, 1),
                "ends": _d(y1, 3, 31),
                "purpose": t("Quality assurance", "Kvalitetssikring"),
            },
            {
                "action": t(
                    "Deadline: other applicants, including those asking for special "
                    "education or giving extra information",
                    "Frist: øvrige søkere, også de som søker spesialundervisning eller gir "
                    "tilleggsopplysninger",
                ),
                "responsible": t("Applicants, counsellors", "Søkere, rådgivere"),
                "starts": _d(y1, 3, 1),
                "purpose": t("Application", "Søknad"),
            },
            {
                "action": t(
                    "Preliminary intake to everyday-life training",
                    "Foreløpig inntak til hverdagslivstrening",
                ),
                "responsible": edu,
                "starts": _d(y1, 3, 10),
                "when_text": t("about", "ca."),
                "purpose": t("Early notice", "Foreløpig melding"),
            },
            {
                "action": t(
                    "Intake meetings between schools, PPT and the education department",
                    "Inntaksmøter mellom skolene, PPT og utdanningsavdelingen",
                ),
                "responsible": edu,
                "starts": _d(y1, 3, 15),
                "ends": _d(y1, 4, 30),
                "purpose": t("Quality assurance", "Kvalitetssikring"),
            },
            {
                "action": t(
                    "Time-limited individual decisions for students coming from lower secondary",
                    "Tidsbegrensede enkeltvedtak for elever som kommer fra grunnskolen",
                ),
                "responsible": t(
                    "Principal, team for adapted education", "Rektor, team for tilpasset opplæring"
                ),
                "starts": _d(y1, 4, 1),
                "ends": _d(y1, 6, 30),
                "purpose": t(
                    "Teaching ready from the first day", "Opplæringen er klar fra første dag"
                ),
            },
            {
                "action": t(
                    "Special intake: decisions sent to applicants",
                    "Særskilt inntak: melding om vedtak til søkerne",
                ),
                "responsible": edu,
                "starts": _d(y1, 5, 27),
                "when_text": t("about", "ca."),
                "purpose": t("Decision", "Vedtak"),
            },
            {
                "action": t(
                    "Appeals against the special intake handled",
                    "Klager på særskilt inntak behandles",
                ),
                "responsible": edu,
                "starts": _d(y1, 6, 1),
                "ends": _d(y1, 6, 30),
                "purpose": t("Case handling", "Saksbehandling"),
            },
            {
                "action": t(
                    "Half-year reports (the county's common template), copy to PPT",
                    "Halvårsrapporter (fylkets felles mal), kopi til PPT",
                ),
                "responsible": t("Contact teacher", "Kontaktlærer"),
                "starts": _d(y1, 2, 1),
                "purpose": t("Follow-up of the plan", "Oppfølging av planen"),
            },
            {
                "action": t(
                    "Follow-up talks in the spring: three-way talks with the student and "
                    "guardians, student talks and subject evaluations",
                    "Oppfølgingssamtaler om våren: trepartssamtaler med elev og foresatte, "
                    "elevsamtaler og fagevalueringer",
                ),
                "responsible": t("Contact teacher, subject teachers", "Kontaktlærer, faglærere"),
                "starts": _d(y1, 2, 1),
                "ends": _d(y1, 7, 1),
                "when_text": t(
                    "spring term, before the half-year report of 1 July",
                    "vårhalvåret, før halvårsrapporten 1. juli",
                ),
                "purpose": t(
                    "The plan is evaluated with the family",
                    "Planen evalueres sammen med familien",
                ),
            },
            {
                "action": t(
                    "Extra resources granted on application from schools, independent schools "
                    "and training companies",
                    "Tilleggsressurser tildeles etter søknad fra skolene, friskolene og bedriftene",
                ),
                "responsible": edu,
                "starts": _d(y1, 5, 1),
                "ends": _d(y1, 9, 30),
                "purpose": t(
                    "Quality assurance of budget and resources",
                    "Kvalitetssikring av budsjett og ressurser",
                ),
            },
            {
                "action": t(
                    "Applications from other counties, the follow-up service and child-welfare "
                    "institutions handled",
                    "Søknader fra andre fylker, oppfølgingstjenesten og barnevernsinstitusjoner "
                    "behandles",
                ),
                "responsible": edu,
                "when_text": t("continuously", "fortløpende"),
                "purpose": t(
                    "Case handling and notice of decision", "Saksbehandling og melding om vedtak"
                ),
            },
            {
                "action": t(
                    "Half-year reports for the spring term, copy to PPT",
                    "Halvårsrapporter for vårhalvåret, kopi til PPT",
                ),
                "responsible": t("Contact teacher", "Kontaktlærer"),
                "starts": _d(y1, 7, 1),
                "purpose": t("Follow-up of the plan", "Oppfølging av planen"),
            },
            {
                "action": t(
                    "Ordinary intake: answers to all other applicants, category B included "
                    "(by text message)",
                    "Ordinært inntak: svar til alle andre søkere, også kategori B (på SMS)",
                ),
                "responsible": edu,
                "starts": _d(y1, 7, 12),
                "when_text": t("about", "ca."),
                "purpose": t("Decision on admission", "Vedtak om inntak"),
            },
        ],
    )
    return (
        t("The annual wheel: every deadline of the year", "Årshjulet: alle årets frister"),
        "annual-wheel",
        t(
            "Every step of the intake year with its date, who is responsible and why.",
            "Hvert trinn i inntaksåret med dato, hvem som har ansvaret og hvorfor.",
        ),
    )


def chapter_extension(b, language, y0):
    t = pick(language)
    y1 = y0 + 1
    b.text(
        t(
            "<p>Some students need more than three years to reach their goals. They can get up to "
            "<b>two extra years</b> of upper secondary education when they need them for their own "
            "learning goals. This applies to students who have:</p>"
            "<ul><li>a right to special education;</li>"
            "<li>a right to teaching in and through sign language;</li>"
            "<li>a right to teaching in braille;</li>"
            "<li>a right to special language tuition.</li></ul>"
            "<p>Students with other reasons, for example medical ones, can apply too.</p>"
            "<h2>How to apply</h2>"
            "<p>The student applies on the county's own form, in their third year of upper secondary "
            "education, and sends it to the education department by <b>15 January</b>. Before the "
            "county decides, an expert assessment of the student's particular needs must be in "
            "place. The form asks what the student has completed so far, why more time is needed, "
            "and what the student wants to achieve: to complete a programme, to reach basic "
            "competence, or particular goals in the curriculum.</p>",
            "<p>Noen elever trenger mer enn tre år for å nå målene sine. De kan få inntil <b>to år "
            "ekstra</b> i videregående opplæring når de trenger det for sine egne opplæringsmål. "
            "Det gjelder elever som har:</p>"
            "<ul><li>rett til spesialundervisning;</li>"
            "<li>rett til opplæring i og på tegnspråk;</li>"
            "<li>rett til opplæring i punktskrift;</li>"
            "<li>rett til særskilt språkopplæring.</li></ul>"
            "<p>Elever med andre grunner, for eksempel medisinske, kan også søke.</p>"
            "<h2>Slik søker du</h2>"
            "<p>Eleven søker på fylkets eget skjema i sitt tredje år i videregående opplæring og "
            "sender det til utdanningsavdelingen innen <b>15. januar</b>. Før fylket avgjør saken, "
            "må det foreligge en sakkyndig vurdering av elevens særlige behov. Skjemaet spør hva "
            "eleven har fullført så langt, hvorfor det trengs mer tid, og hva eleven ønsker å "
            "oppnå: fullføre et program, nå grunnkompetanse eller bestemte mål i læreplanen.</p>",
        )
    )
    b.calendar(
        t("Dates for an extended right", "Datoer for utvidet rett"),
        "",
        [
            {
                "action": t("Application deadline", "Søknadsfrist"),
                "responsible": t(
                    "Student, with the counsellor or follow-up service",
                    "Eleven, med rådgiver eller oppfølgingstjenesten",
                ),
                "starts": _d(y1, 1, 15),
                "purpose": t(
                    "The right is clear before the intake", "Retten er avklart før inntaket"
                ),
            },
            {
                "action": t(
                    "Individual decision sent to the student", "Enkeltvedtak sendes eleven"
                ),
                "responsible": t("Education department", "Utdanningsavdelingen"),
                "starts": _d(y1, 1, 25),
                "purpose": t("Decision", "Vedtak"),
            },
        ],
    )
    b.form(
        t(
            "Application for an extended right to upper secondary education",
            "Søknad om utvidet rett til videregående opplæring",
        ),
        t(
            "Fill it in with the counsellor or the follow-up service and attach the expert "
            "assessment or other documentation.",
            "Fyll det ut sammen med rådgiveren eller oppfølgingstjenesten, og legg ved sakkyndig "
            "vurdering eller annen dokumentasjon.",
        ),
        "extension",
    )
    b.law(
        "act-3-1",
        t("The fifth paragraph gives the extra years.", "Femte ledd gir de ekstra årene."),
    )
    b.law("act-3-9")
    b.law("act-3-10")
    b.law("act-3-12")
    b.law(
        "foi-13",
        t(
            "The application form is exempt from public access.",
            "Søknadsskjemaet er unntatt offentlighet.",
        ),
    )
    return (
        t("Extending the right to education", "Utvidet opplæringsrett"),
        "extension",
        t(
            "Up to two extra years for students who need them: who can apply, how and by when.",
            "Inntil to år ekstra for elever som trenger det: hvem som kan søke, hvordan og innen når.",
        ),
    )


def chapter_private_schools(b, language, y0):
    t = pick(language)
    y1 = y0 + 1
    private = t("Private upper secondary school", "Privat videregående skole")
    edu = t("Education department", "Utdanningsavdelingen")
    b.text(
        t(
            "<p>Students from Nordvik who apply to a private upper secondary school follow the same "
            "steps as other applicants until the application is sent. The attachment form goes "
            "with an updated expert assessment: <b>one copy to the private school, one to the "
            "education department</b>, and one to the public school the student put as second or "
            "third choice.</p>"
            "<p>The private school admits students by its own admission rules. Students with a "
            "right to priority admission at Vg1 take part in the county's special intake at the end "
            "of May. Students from Nordvik should preferably be referred to PPT in the county where "
            "they go to school; if a new assessment is needed, the student may be referred to PPT "
            "in the home county.</p>"
            "<p>Students who leave a private school during the year are reported on a separate "
            "form. The school holds a clarification meeting, writes a follow-up plan and sends the "
            "report to the student's home county.</p>",
            "<p>Elever fra Nordvik som søker privat videregående skole, følger de samme trinnene "
            "som andre søkere fram til søknaden er sendt. Vedleggsskjemaet sendes sammen med en "
            "oppdatert sakkyndig vurdering: <b>ett eksemplar til den private skolen, ett til "
            "utdanningsavdelingen</b> og ett til den offentlige skolen eleven har satt som andre "
            "eller tredje ønske.</p>"
            "<p>Den private skolen tar inn elever etter sitt eget inntaksreglement. Elever med "
            "fortrinnsrett til Vg1 er med i fylkets særskilte inntak i slutten av mai. Elever fra "
            "Nordvik bør helst meldes opp til PPT i fylket der de går på skole; trengs det en ny "
            "vurdering, kan eleven meldes opp til PPT i hjemfylket.</p>"
            "<p>Elever som slutter ved en privat skole i løpet av året, meldes på eget skjema. "
            "Skolen holder et avklaringsmøte, skriver en oppfølgingsplan og sender rapporten til "
            "elevens hjemfylke.</p>",
        )
    )
    b.calendar(
        t("Annual wheel for private schools", "Årshjul for private skoler"),
        t(
            "Special education for students at private upper secondary schools.",
            "Spesialundervisning for elever ved private videregående skoler.",
        ),
        [
            {
                "action": t(
                    "Assess applicants and refer them to PPT",
                    "Vurdere søkere og melde dem opp til PPT",
                ),
                "responsible": t(
                    "Lower secondary school (counsellor) or follow-up service",
                    "Avgiverskole (rådgiver) eller oppfølgingstjenesten",
                ),
                "starts": _d(y0, 10, 1),
                "ends": _d(y0, 12, 20),
                "purpose": t("Needs mapped in good time", "Behovene kartlagt i god tid"),
            },
            {
                "action": t("Expert assessment", "Sakkyndig vurdering"),
                "responsible": "PPT",
                "starts": _d(y0, 11, 1),
                "ends": _d(y1, 1, 31),
                "purpose": t("Documentation", "Dokumentasjon"),
            },
            {
                "action": t(
                    "Deadline: extended right to education", "Frist: utvidet opplæringsrett"
                ),
                "responsible": edu,
                "starts": _d(y1, 1, 15),
                "purpose": t(
                    "The right is clear before the deadline", "Retten er avklart før fristen"
                ),
            },
            {
                "action": t(
                    "Application with attachment form and updated expert assessment",
                    "Søknad med vedleggsskjema og oppdatert sakkyndig vurdering",
                ),
                "responsible": t("Lower secondary school", "Avgiverskolen"),
                "starts": _d(y1, 2, 1),
                "purpose": t("Application", "Søknad"),
            },
            {
                "action": t(
                    "Admission by the private school's own rules; special intake for priority "
                    "applicants about 25 May",
                    "Inntak etter skolens eget reglement; særskilt inntak for søkere med "
                    "fortrinnsrett ca. 25. mai",
                ),
                "responsible": private,
                "starts": _d(y1, 4, 1),
                "ends": _d(y1, 6, 30),
                "purpose": t("Admission", "Inntak"),
            },
            {
                "action": t(
                    "Adapted teaching or special education? The school describes what it "
                    "can adapt within ordinary teaching",
                    "Tilpasset opplæring eller spesialundervisning? Skolen beskriver hva "
                    "som kan tilrettelegges i den ordinære opplæringen",
                ),
                "responsible": t("Private school, PPT", "Privat skole, PPT"),
                "starts": _d(y1, 4, 1),
                "ends": _d(y1, 6, 30),
                "purpose": t("The right measure", "Riktig tiltak"),
            },
            {
                "action": t(
                    "Application for special education and a refund guarantee",
                    "Søknad om spesialundervisning og refusjonsgaranti",
                ),
                "responsible": t(
                    "Private school, with the admitted students",
                    "Privat skole, sammen med de inntatte elevene",
                ),
                "starts": _d(y1, 6, 10),
                "purpose": t(
                    "Equal treatment and budgets on time",
                    "Likeverdig behandling og budsjett i tide",
                ),
            },
            {
                "action": t("Refund guarantee issued", "Refusjonsgaranti gis"),
                "responsible": edu,
                "starts": _d(y1, 6, 25),
                "when_text": t("about", "ca."),
                "purpose": t("Resources for each student", "Ressurser per elev"),
            },
            {
                "action": t(
                    "Individual decision on special education",
                    "Enkeltvedtak om spesialundervisning",
                ),
                "responsible": edu,
                "when_text": t("before school starts", "før skolestart"),
                "purpose": t(
                    "Worked out with the school and the student",
                    "Utarbeidet sammen med skolen og eleven",
                ),
            },
            {
                "action": t("Half-year report and refund claim", "Halvårsrapport og refusjonskrav"),
                "responsible": private,
                "starts": _d(y1, 2, 1),
                "purpose": t(
                    "The report is the basis for the refund",
                    "Rapporten er grunnlaget for refusjonen",
                ),
            },
            {
                "action": t(
                    "Half-year report and refund claim for the spring term",
                    "Halvårsrapport og refusjonskrav for vårhalvåret",
                ),
                "responsible": private,
                "starts": _d(y1, 7, 1),
                "purpose": t(
                    "The report is the basis for the refund",
                    "Rapporten er grunnlaget for refusjonen",
                ),
            },
        ],
    )
    b.law("priv-3")
    b.law("reg-6-20")
    return (
        t("Applicants to private schools", "Søkere til private skoler"),
        "private-schools",
        t(
            "Copies, dates and refunds when a student with special needs applies to a private school.",
            "Kopier, datoer og refusjon når en elev med særlige behov søker privat skole.",
        ),
    )


def chapter_child_welfare(b, language, y0):
    t = pick(language)
    b.text(
        t(
            "<p>The county must make sure that children and young people living in child-welfare "
            "institutions get the education they have a right to. In Nordvik County (demo), "
            "<b>Nordvik institution school (demo)</b> coordinates the schooling of these students "
            "and informs municipalities, institutions and the regional child-welfare office about "
            "the routine every year.</p>"
            "<h2>What good looks like</h2>"
            "<ul><li>Every pupil of compulsory school age has started school without undue delay, "
            "and <b>within 14 days</b> of moving to the institution.</li>"
            "<li>Every student of upper secondary age has had their need for schooling clarified "
            "within the same 14 days.</li></ul>"
            "<h2>Before the schooling starts</h2>"
            "<ol><li><b>Advance notice.</b> The regional child-welfare office tells the coordinating "
            "school when a student from the county is placed in an institution, inside or outside "
            "the county.</li>"
            "<li><b>Notice of the placement.</b> For a long-term placement the institution notifies "
            "the coordinating school in writing. For an emergency placement the institution calls a "
            "clarification meeting and gives the written notice there. All documents of the case go "
            "with it: expert assessment, decisions, half-year reports, grades, attendance, and a "
            "written assessment of risks to the student and others.</li>"
            "<li><b>Clarification.</b> The coordinating school agrees a suitable offer with the "
            "receiving municipality or school and the intake office. A student who needs special "
            "education is referred to PPT. Students of upper secondary age without a school place "
            "are passed to the follow-up service.</li>"
            "<li><b>Enrolment meeting.</b> It is held at the school where the student will be "
            "taught, with the student, guardians, the coordinating school, the institution, both "
            "schools, PPT, the child-welfare service of the home municipality and, where relevant, "
            "the therapist.</li></ol>",
            "<p>Fylkeskommunen skal sørge for at barn og unge som bor på barnevernsinstitusjon, får "
            "den opplæringen de har rett til. I Nordvik fylkeskommune (demo) koordinerer "
            "<b>Nordvik institusjonsskole (demo)</b> skoletilbudet for disse elevene og informerer "
            "kommuner, institusjoner og det regionale barnevernet om rutinen hvert år.</p>"
            "<h2>Slik ser det ut når det fungerer</h2>"
            "<ul><li>Alle elever i grunnskolealder er i gang med skole uten unødig opphold, og "
            "<b>innen 14 dager</b> etter at de flyttet til institusjonen.</li>"
            "<li>Alle elever i alder for videregående har fått avklart behovet for skoletilbud innen "
            "de samme 14 dagene.</li></ul>"
            "<h2>Før skoletilbudet starter</h2>"
            "<ol><li><b>Forvarsel.</b> Det regionale barnevernet melder fra til den koordinerende "
            "skolen når en elev fra fylket plasseres på institusjon, i eller utenfor fylket.</li>"
            "<li><b>Melding om plasseringen.</b> Ved langtidsplassering gir institusjonen skriftlig "
            "melding til den koordinerende skolen. Ved akuttplassering kaller institusjonen inn til "
            "et avklaringsmøte og gir den skriftlige meldingen der. Alle dokumentene i saken følger "
            "med: sakkyndig vurdering, vedtak, halvårsrapporter, karakterer, fraværsoversikt og en "
            "skriftlig vurdering av risiko for eleven og andre.</li>"
            "<li><b>Avklaring.</b> Den koordinerende skolen avtaler et passende tilbud med "
            "mottakskommunen eller mottaksskolen og inntakskontoret. En elev som trenger "
            "spesialundervisning, meldes opp til PPT. Elever i alder for videregående uten "
            "skoleplass overføres til oppfølgingstjenesten.</li>"
            "<li><b>Innmeldingsmøte.</b> Det holdes på skolen der eleven skal ha opplæringen, med "
            "eleven, foresatte, den koordinerende skolen, institusjonen, avgiver- og mottaksskole, "
            "PPT, barnevernstjenesten i hjemkommunen og eventuelt behandler.</li></ol>",
        )
    )
    b.info(
        t("Where the teaching takes place", "Hvor opplæringen skjer"),
        t(
            "<p>The teaching can take place at the local school, at the institution school or in "
            "the institution. For pupils of compulsory school age the local school comes first; "
            "another school can be chosen when the interests of the pupil or the other pupils "
            "call for it. For upper secondary students the ordinary intake rules apply. Every "
            "student with a right to special education gets an individual decision; a "
            "temporary decision can bridge the time until PPT's assessment is ready.</p>",
            "<p>Opplæringen kan skje på nærskolen, på institusjonsskolen eller på institusjonen. "
            "For elever i grunnskolealder er nærskolen utgangspunktet; en annen skole kan "
            "velges når hensynet til eleven eller de andre elevene tilsier det. For elever i "
            "videregående gjelder de vanlige inntaksreglene. Alle elever med rett til "
            "spesialundervisning får enkeltvedtak; et midlertidig vedtak kan dekke tiden til "
            "PPTs vurdering er klar.</p>",
        ),
    )
    b.text(
        t(
            "<h2>During and after</h2>"
            "<p>Cooperation meetings are held regularly, with the same people as the enrolment "
            "meeting. The coordinating school gives a refund guarantee for the schooling, and the "
            "school claims the refund with a report on the student's schooling, attendance and "
            "progress; for students with special education the IOP and the half-year report come "
            "first. Claims are made every half year, in June and December.</p>"
            "<p>When the schooling ends, the documents from the period go to the student's "
            "case officer in the child-welfare service: decisions, a recent expert assessment, "
            "minutes, half-year reports, attendance and grades.</p>",
            "<h2>Underveis og etterpå</h2>"
            "<p>Det holdes jevnlige samarbeidsmøter med de samme deltakerne som på "
            "innmeldingsmøtet. Den koordinerende skolen gir refusjonsgaranti for skoletilbudet, og "
            "skolen krever refusjon med en rapport om elevens skoletilbud, oppmøte og utvikling; for "
            "elever med spesialundervisning må IOP og halvårsrapport sendes først. Kravene sendes "
            "hvert halvår, i juni og desember.</p>"
            "<p>Når skoletilbudet avsluttes, sendes dokumentene fra perioden til elevens "
            "saksbehandler i barnevernet: vedtak, ny sakkyndig vurdering, møtereferater, "
            "halvårsrapporter, fraværsoversikt og karakterer.</p>",
        )
    )
    b.law("act-13-2")
    b.law("act-2-1")
    b.law("act-8-1")
    b.law("act-5-1")
    return (
        t("Applicants from child-welfare institutions", "Søkere fra barnevernsinstitusjoner"),
        "child-welfare",
        t(
            "How schooling is arranged within 14 days for students placed in an institution.",
            "Hvordan skoletilbudet kommer på plass innen 14 dager for elever som plasseres på "
            "institusjon.",
        ),
    )


def chapter_review(b, language, y0):
    t = pick(language)
    b.text(
        t(
            "<p>After the deadline on 1 February the education department checks every attachment "
            "form against the online application, and goes through each applicant's grounds for "
            "admission and right to education. At the same time the upper secondary schools review "
            "the applications they have received and prepare a recommendation of which applicants "
            "should be admitted in the special intake.</p>"
            "<h2>What each school prepares</h2>"
            "<ol><li><b>Documentation.</b> Check that each application is well enough documented: an "
            "expert assessment that explains the case and gives a right to admission on individual "
            "assessment (category A), or a right to special education (category B). The education "
            "department follows up anything missing.</li>"
            "<li><b>All A applicants.</b> Recommend each of them, checking the right they have and "
            "that they applied in line with their expert assessment.</li>"
            "<li><b>Tailored groups.</b> Review the applicants and their expert assessments.</li>"
            "<li><b>All B applicants.</b> Consider whether some should be given a place in the special "
            "intake because preparations must start before school starts.</li>"
            "<li><b>Own plans (O).</b> Review students who documented an education plan agreed with "
            "the school, for example Vg1 over two years. Must some of them be given a place?</li>"
            "<li><b>Language level (M).</b> How does the school judge the grounds, and how will it "
            "adapt the teaching for these students?</li></ol>"
            "<p>The schools receive lists of their A and B applicants as soon as possible after "
            "1 February, and a plan for the meetings.</p>",
            "<p>Etter fristen 1. februar kontrollerer utdanningsavdelingen hvert vedleggsskjema "
            "mot nettsøknaden, og går gjennom inntaksgrunnlaget og opplæringsretten til hver søker. "
            "Samtidig går de videregående skolene gjennom søknadene de har fått, og forbereder en "
            "innstilling om hvilke søkere som bør tas inn særskilt.</p>"
            "<h2>Hva hver skole forbereder</h2>"
            "<ol><li><b>Dokumentasjon.</b> Sjekk at hver søknad er godt nok dokumentert: en sakkyndig "
            "vurdering som opplyser saken og gir rett til inntak etter individuell vurdering "
            "(kategori A), eller rett til spesialundervisning (kategori B). Utdanningsavdelingen "
            "følger opp det som mangler.</li>"
            "<li><b>Alle A-søkere.</b> Gi en innstilling for hver av dem, og kontroller retten de har "
            "og at de har søkt i tråd med den sakkyndige vurderingen.</li>"
            "<li><b>Tilrettelagte grupper.</b> Gå gjennom søkerne og de sakkyndige vurderingene.</li>"
            "<li><b>Alle B-søkere.</b> Vurder om noen bør sikres plass i det særskilte inntaket "
            "fordi forberedelsene må starte før skolestart.</li>"
            "<li><b>Egne planer (O).</b> Gå gjennom elever som har dokumentert en opplæringsplan "
            "avtalt med skolen, for eksempel Vg1 over to år. Må noen av dem sikres plass?</li>"
            "<li><b>Språklig nivå (M).</b> Hvordan vurderer skolen grunnlaget, og hvordan vil den "
            "tilrettelegge opplæringen for disse elevene?</li></ol>"
            "<p>Skolene får lister over sine A- og B-søkere så snart som mulig etter 1. februar, og "
            "en plan for møtene.</p>",
        )
    )
    b.tip(
        t("Prepare the meeting together", "Forbered møtet sammen"),
        t(
            "<p>Invite the school's PPT contact to the review: PPT for upper secondary helps "
            "schools judge the scope and organisation of special education against the expert "
            "assessments.</p>",
            "<p>Inviter skolens kontaktperson i PPT til gjennomgangen: PPT for videregående "
            "hjelper skolene å vurdere omfang og organisering av spesialundervisningen opp mot de "
            "sakkyndige vurderingene.</p>",
        ),
    )
    b.law("reg-6-20")
    b.law("reg-6-24")
    b.law("act-5-1")
    b.law("act-3-12")
    return (
        t("After 1 February: the schools' review", "Etter 1. februar: skolenes gjennomgang"),
        "after-the-deadline",
        t(
            "How the county and the schools check the applications and prepare the special intake.",
            "Hvordan fylket og skolene kontrollerer søknadene og forbereder det særskilte inntaket.",
        ),
    )


def chapter_templates(b, language, y0):
    t = pick(language)
    b.text(
        t(
            "<p>The county uses two common templates for students with special education. Both are "
            "exempt from public access because they hold personal information.</p>"
            "<h2>The half-year report</h2>"
            "<p>The contact teacher writes a half-year report by 1 February and 1 July, and the "
            "student signs it too. It records the student's education plan year by year, the main "
            "goal, the individual decision in force, the goals for the period, attendance, a social "
            "and an academic assessment, an overall assessment against the goals and what should "
            "change. A copy goes to PPT.</p>",
            "<p>Fylket bruker to felles maler for elever med spesialundervisning. Begge er unntatt "
            "offentlighet fordi de inneholder personopplysninger.</p>"
            "<h2>Halvårsrapporten</h2>"
            "<p>Kontaktlæreren skriver en halvårsrapport innen 1. februar og 1. juli, og eleven "
            "signerer også. Den viser elevens utdanningsplan år for år, hovedmålet, enkeltvedtaket "
            "som gjelder, målene for perioden, oppmøte, en sosial og en faglig vurdering, en "
            "helhetsvurdering opp mot målene og hva som bør endres. Kopi sendes PPT.</p>",
        )
    )
    b.form(
        t("Half-year report", "Halvårsrapport"),
        t(
            "The county's common template, for every student with special education.",
            "Fylkets felles mal for alle elever med spesialundervisning.",
        ),
        "half-year-report",
    )
    b.law("act-5-5")
    b.text(
        t(
            "<h2>The individual decision</h2>"
            "<p>The school answers an application for special education with an individual "
            "decision. It names the documents it is based on and sets out the scope, the content "
            "and subjects, and how the teaching is organised, from the start of the school year. It "
            "means that an individual education plan is written. If the school departs from PPT's "
            "recommendation, the decision must say so and why.</p>"
            "<p>The decision also tells the family how the teaching will be evaluated (student "
            "talks, three-way talks, subject evaluations and half-year reports), that they may see "
            "the documents of the case, and that they may appeal within <b>three weeks</b>. The "
            "appeal is sent to the school; the county governor decides it.</p>",
            "<h2>Enkeltvedtaket</h2>"
            "<p>Skolen svarer på en søknad om spesialundervisning med et enkeltvedtak. Vedtaket "
            "viser hvilke dokumenter det bygger på, og fastsetter omfang, innhold og fag og "
            "organisering av opplæringen fra skolestart. Det innebærer at det skrives en "
            "individuell opplæringsplan. Hvis skolen avviker fra PPTs tilråding, skal vedtaket si "
            "det og begrunne hvorfor.</p>"
            "<p>Vedtaket forteller også familien hvordan opplæringen evalueres (elevsamtaler, "
            "trepartssamtaler, fagevalueringer og halvårsrapporter), at de har rett til å se "
            "sakens dokumenter, og at de kan klage innen <b>tre uker</b>. Klagen sendes skolen; "
            "statsforvalteren avgjør den.</p>",
        )
    )
    b.form(
        t("Individual decision on special education", "Enkeltvedtak om spesialundervisning"),
        t(
            "Template for the school's decision, with the family's rights spelled out.",
            "Mal for skolens vedtak, med familiens rettigheter skrevet ut.",
        ),
        "individual-decision",
    )
    b.law("act-5-1")
    b.law("pa-18")
    b.law("pa-28")
    b.law("act-15-2")
    b.law("foi-13")
    return (
        t(
            "Templates: half-year report and individual decision",
            "Maler: halvårsrapport og enkeltvedtak",
        ),
        "templates",
        t(
            "The county's common templates for following up special education.",
            "Fylkets felles maler for oppfølging av spesialundervisning.",
        ),
    )


def chapter_statistics(b, language, y0):
    t = pick(language)

    def year(start):
        return f"{start}/{(start + 1) % 100:02d}"

    years = [year(y0 - 3), year(y0 - 2), year(y0 - 1)]
    note = t(
        "Demo figures, taken from a Norwegian county's intake statistics. The numbers come from "
        "different registration dates and systems, so they are somewhat uncertain.",
        "Demotall, hentet fra et norsk fylkes inntaksstatistikk. Tallene er registrert på ulike "
        "tidspunkt og i ulike systemer og er derfor noe usikre.",
    )
    b.text(
        t(
            "<p>The tables show how many students were admitted to tailored groups over the last "
            "three school years, and how the applicants for special education spread over kinds of "
            "group and over programmes last year. All applicants to tailored groups are admitted "
            "on individual assessment.</p>",
            "<p>Tabellene viser hvor mange elever som ble tatt inn i tilrettelagte grupper de tre "
            "siste skoleårene, og hvordan søkerne til spesialundervisning fordelte seg på typer "
            "grupper og på utdanningsprogram i fjor. Alle søkere til tilrettelagte grupper tas inn "
            "etter individuell vurdering.</p>",
        )
    )
    b.statistics(
        t("Students admitted to tailored groups", "Elever tatt inn i tilrettelagte grupper"),
        t("Group", "Gruppe"),
        years,
        [
            (t("Everyday-life training (H)", "Hverdagslivstrening (H)"), [83, 67, 73], False),
            (t("Work-life training (A)", "Arbeidslivstrening (A)"), [132, 147, 141], False),
            (t("Basic competence track (G)", "Grunnkompetanse (G)"), [71, 73, 86], False),
            (t("All students", "Alle elever"), [286, 287, 300], True),
        ],
        t(
            f"The students were taught in 49, 50.5 and 51.5 groups. {note}",
            f"Elevene fikk opplæring i 49, 50,5 og 51,5 grupper. {note}",
        ),
    )
    b.statistics(
        t(
            f"Category A applicants by kind of group, {years[-1]}",
            f"A-søkere etter type gruppe, {years[-1]}",
        ),
        t("Group", "Gruppe"),
        [t("Students", "Elever")],
        [
            (t("Tailored group", "Tilrettelagt gruppe"), [300], False),
            (t("Ordinary group", "Ordinær gruppe"), [154], False),
            (t("All category A applicants", "Alle A-søkere"), [454], True),
        ],
        note,
    )
    b.statistics(
        t(
            f"Applicants for special education by programme, {years[-1]}",
            f"Søkere til spesialundervisning etter utdanningsprogram, {years[-1]}",
        ),
        t("Programme", "Utdanningsprogram"),
        [t("Category A", "Kategori A"), t("Category B", "Kategori B")],
        [
            (t("Building and construction", "Bygg- og anleggsteknikk"), [44, 92], False),
            (t("Design and crafts", "Design og håndverk"), [16, 32], False),
            (t("Electrical engineering", "Elektrofag"), [5, 14], False),
            (t("Health and childhood", "Helse- og oppvekstfag"), [64, 78], False),
            (t("Sports", "Idrettsfag"), [4, 5], False),
            (t("Media and communication", "Medier og kommunikasjon"), [15, 16], False),
            (t("Music, dance and drama", "Musikk, dans og drama"), [8, 4], False),
            (t("Agriculture, fishing and forestry", "Naturbruk"), [27, 13], False),
            (t("Supplementary studies", "Påbygging"), [2, 23], False),
            (t("Restaurant and food", "Restaurant- og matfag"), [50, 17], False),
            (t("Service and transport", "Service og samferdsel"), [59, 40], False),
            (t("General studies", "Studiespesialisering"), [92, 37], False),
            (
                t("Technical and industrial production", "Teknikk og industriell produksjon"),
                [68, 91],
                False,
            ),
            (t("All applicants", "Alle søkere"), [454, 462], True),
        ],
        note,
    )
    return (
        t("Statistics", "Statistikk"),
        "statistics",
        t(
            "Admissions to tailored groups and applicants for special education, in figures.",
            "Inntak til tilrettelagte grupper og søkere til spesialundervisning i tall.",
        ),
    )


CHAPTERS = [
    chapter_applying,
    chapter_categories,
    chapter_ppt,
    chapter_annual_wheel,
    chapter_extension,
    chapter_private_schools,
    chapter_child_welfare,
    chapter_review,
    chapter_templates,
    chapter_statistics,
]


# -- one article per jurisdiction plugin ---------------------------------------
# Each returns a dict with title, slug, summary and jurisdiction code.


def article_no_iskole(b, language, y0):
    t = pick(language)
    b.text(
        t(
            "<p>In Norway a student who does not get enough out of the ordinary teaching has the "
            "right to special education, and then to an individual education plan (IOP). This is "
            "how the steps look in the portal, seen from home.</p>"
            "<h2>1. The school drafts an application</h2>"
            "<p>When the expert assessment from PPT says your child needs special education, the "
            "school's IOP coordinator registers an application on your child's behalf. It lists the "
            "subjects it covers, sums up the expert assessment, and sets out goals and any other "
            "information. Attachments are PDF files.</p>"
            "<h2>2. You read it and approve it</h2>"
            "<p>When the application is ready, the school publishes it to you. You approve it in "
            "the portal after signing in; once your child turns 18, your child approves it instead. "
            "If the school changes the application after it was approved, it comes back to you for "
            "a new approval.</p>"
            "<h2>3. The school sends it on</h2>"
            "<p>The school collects the approved applications in one school application to the "
            "municipality or the county. When the school application is marked as sent, it is "
            "locked: nothing can be added, removed or edited.</p>"
            "<h2>4. The decision</h2>"
            "<p>The municipality or county decides. If special education is granted, your child's "
            "status becomes <i>special education</i> and the school writes the IOP.</p>"
            "<h2>5. The plan through the year</h2>"
            "<p>Part 1 of the IOP describes what was mapped, the goals and how the teaching is "
            "organised. Part 2 has a section for each subject: competence goals, learning goals and "
            "content. The plan moves through stages: in preparation, published to the teachers, "
            "published to you and your child, then the half-year assessment and the annual report. "
            "You can read each stage once it is published to you.</p>",
            "<p>I Norge har en elev som ikke får godt nok utbytte av den ordinære opplæringen, rett "
            "til spesialundervisning og til en individuell opplæringsplan (IOP). Slik ser trinnene "
            "ut i portalen, sett hjemmefra.</p>"
            "<h2>1. Skolen lager et utkast til søknad</h2>"
            "<p>Når den sakkyndige vurderingen fra PPT sier at barnet ditt trenger "
            "spesialundervisning, registrerer skolens IOP-ansvarlige en søknad på vegne av barnet. "
            "Den viser hvilke fag den gjelder, oppsummerer den sakkyndige vurderingen og beskriver "
            "mål og andre opplysninger. Vedlegg er PDF-filer.</p>"
            "<h2>2. Du leser og godkjenner</h2>"
            "<p>Når søknaden er klar, publiserer skolen den til deg. Du godkjenner den i portalen "
            "etter å ha logget inn; når barnet fyller 18, godkjenner barnet selv. Endrer skolen "
            "søknaden etter at den er godkjent, kommer den tilbake til deg for ny godkjenning.</p>"
            "<h2>3. Skolen sender den videre</h2>"
            "<p>Skolen samler de godkjente søknadene i én skolesøknad til kommunen eller "
            "fylkeskommunen. Når skolesøknaden er merket som sendt, er den låst: ingenting kan "
            "legges til, fjernes eller endres.</p>"
            "<h2>4. Vedtaket</h2>"
            "<p>Kommunen eller fylkeskommunen avgjør saken. Blir spesialundervisning innvilget, får "
            "barnet status <i>spesialundervisning</i>, og skolen skriver IOP-en.</p>"
            "<h2>5. Planen gjennom året</h2>"
            "<p>Del 1 av IOP-en beskriver hva som er kartlagt, målene og hvordan opplæringen er "
            "organisert. Del 2 har en del for hvert fag: kompetansemål, læringsmål og innhold. "
            "Planen går gjennom trinn: under arbeid, publisert til lærerne, publisert til deg og "
            "barnet, deretter halvårsvurdering og årsrapport. Du kan lese hvert trinn når det er "
            "publisert til deg.</p>",
        )
    )
    b.info(
        t("What the teachers see", "Hva lærerne ser"),
        t(
            "<p>Teachers who teach your child at least one subject can read the plan, but write "
            "only in their own subjects. Documents are shown to teachers only when the "
            "coordinator marks them as visible to teachers. The access log shows you who opened "
            "the plan, and when.</p>",
            "<p>Lærere som underviser barnet ditt i minst ett fag, kan lese planen, men skriver "
            "bare i sine egne fag. Dokumenter vises for lærerne bare når IOP-ansvarlig har merket "
            "dem som synlige for lærere. I tilgangsloggen ser du hvem som har åpnet planen, og "
            "når.</p>",
        ),
    )
    b.tip(
        t("Ask before you approve", "Spør før du godkjenner"),
        t(
            "<p>If something in the application is unclear, ask the contact teacher or the IOP "
            "coordinator for a meeting before you approve it.</p>",
            "<p>Er noe i søknaden uklart, be kontaktlæreren eller IOP-ansvarlig om et møte før "
            "du godkjenner.</p>",
        ),
    )
    b.law("act-5-1")
    b.law("act-5-5")
    return {
        "jurisdiction": "no-iskole",
        "slug": "iop-norway",
        "title": t(
            "The IOP in Norway: from application to plan", "IOP i Norge: fra søknad til plan"
        ),
        "summary": t(
            "How the school applies for special education for your child, what you "
            "approve, and how the individual education plan is followed up.",
            "Hvordan skolen søker spesialundervisning for barnet ditt, hva du "
            "godkjenner, og hvordan den individuelle opplæringsplanen følges opp.",
        ),
    }


def article_rs_pravilnik(b, language, y0):
    t = pick(language)
    b.text(
        t(
            "<p>In Serbia a 2018 rulebook sets out when a child gets an individual education plan "
            "(IOP) and how it is made. The school always starts with support in the ordinary "
            "teaching; the plan comes when that is not enough.</p>"
            "<h2>First: support in ordinary teaching</h2>"
            "<p>A child may need support because of learning difficulties, a developmental "
            "disability or impairment, a socially deprived environment, or other reasons. The "
            "school observes the child in three areas: learning, social and communication skills, "
            "and independence and self-care. It gathers information from several sources, writes a "
            "pedagogical profile (form 2), and tries individual measures, recording how they work "
            "(form 3).</p>"
            "<h2>The proposal and your consent</h2>"
            "<p>If the measures are not enough, the school's inclusive-education team proposes an "
            "IOP to the director, with evidence of what was tried. You are told in writing. No plan "
            "is drafted before you give <b>written consent</b> (form 6). The director then appoints "
            "a support team for your child; you may propose an outside expert to join it.</p>"
            "<h2>Three kinds of plan</h2>"
            "<ul><li><b>IOP1</b> adapts how your child is taught and assessed; the expected outcomes "
            "stay the same. Preschools use IOP1 only.</li>"
            "<li><b>IOP2</b> changes the expected outcomes. It needs an IOP1 that was used and "
            "evaluated first, your consent, and the opinion of the inter-sectoral commission.</li>"
            "<li><b>IOP3</b> enriches the teaching for a gifted student.</li></ul>"
            "<p>The teachers' council (the pedagogical collegium) adopts the plan on the team's "
            "proposal.</p>"
            "<h2>Follow-up</h2>"
            "<p>In the first year the plan is evaluated every quarter, later at the start of each "
            "term. After an evaluation the team may revise the plan, write a new one, or end it and "
            "return to individual measures; each of these needs your consent. When your child "
            "changes school, a transition plan (form 7) can be added with your written consent: "
            "the two schools work together from three months before the move until three months "
            "after.</p>",
            "<p>I Serbia fastsetter en forskrift fra 2018 når et barn får en individuell "
            "opplæringsplan (IOP), og hvordan den lages. Skolen begynner alltid med støtte i den "
            "ordinære undervisningen; planen kommer når det ikke er nok.</p>"
            "<h2>Først: støtte i den vanlige undervisningen</h2>"
            "<p>Et barn kan trenge støtte på grunn av lærevansker, utviklingshemning eller "
            "funksjonsnedsettelse, et sosialt vanskeligstilt miljø eller andre grunner. Skolen "
            "observerer barnet på tre områder: læring, sosiale ferdigheter og kommunikasjon, og "
            "selvstendighet og egenomsorg. Den henter opplysninger fra flere kilder, skriver en "
            "pedagogisk profil (skjema 2) og prøver individuelle tiltak og noterer hvordan de "
            "virker (skjema 3).</p>"
            "<h2>Forslaget og ditt samtykke</h2>"
            "<p>Er tiltakene ikke nok, foreslår skolens team for inkluderende opplæring en IOP for "
            "direktøren, med dokumentasjon av hva som er prøvd. Du får skriftlig beskjed. Ingen plan "
            "skrives før du har gitt <b>skriftlig samtykke</b> (skjema 6). Direktøren oppnevner så "
            "et støtteteam for barnet; du kan foreslå en ekstern fagperson som medlem.</p>"
            "<h2>Tre typer plan</h2>"
            "<ul><li><b>IOP1</b> tilpasser hvordan barnet undervises og vurderes; "
            "læringsutbyttet er det samme. Barnehager bruker bare IOP1.</li>"
            "<li><b>IOP2</b> endrer det forventede læringsutbyttet. Den krever at en IOP1 er prøvd "
            "og evaluert først, ditt samtykke og uttalelse fra den tverrsektorielle "
            "kommisjonen.</li>"
            "<li><b>IOP3</b> beriker undervisningen for en elev med store evner.</li></ul>"
            "<p>Lærerrådet (det pedagogiske kollegiet) vedtar planen etter forslag fra teamet.</p>"
            "<h2>Oppfølging</h2>"
            "<p>Det første året evalueres planen hvert kvartal, senere ved starten av hvert "
            "semester. Etter en evaluering kan teamet revidere planen, skrive en ny eller avslutte "
            "den og gå tilbake til individuelle tiltak; alt dette krever ditt samtykke. Når barnet "
            "bytter skole, kan det legges til en overgangsplan (skjema 7) med ditt skriftlige "
            "samtykke: de to skolene samarbeider fra tre måneder før flyttingen til tre måneder "
            "etter.</p>",
        )
    )
    b.info(
        t("If you say no", "Hvis du sier nei"),
        t(
            "<p>You may refuse consent, and the refusal is recorded. If the school believes a "
            "refusal without good reason harms your child, it must tell the social welfare "
            "service.</p>",
            "<p>Du kan nekte samtykke, og det blir registrert. Mener skolen at et nei uten god "
            "grunn skader barnet, må den varsle sosialtjenesten.</p>",
        ),
    )
    b.tip(
        t("Keep the portfolio", "Ta vare på mappen"),
        t(
            "<p>The school keeps a portfolio of your child's work and the plan's evaluations. Ask "
            "to see it before each evaluation meeting.</p>",
            "<p>Skolen fører en mappe med barnets arbeider og evalueringene av planen. Be om å "
            "få se den før hvert evalueringsmøte.</p>",
        ),
    )
    return {
        "jurisdiction": "rs-pravilnik",
        "slug": "iop-serbia",
        "title": t(
            "The IOP in Serbia: from support measures to a plan",
            "IOP i Serbia: fra støttetiltak til plan",
        ),
        "summary": t(
            "How a Serbian school moves from extra support to an individual education "
            "plan (IOP1, IOP2 or IOP3), and what needs your written consent.",
            "Hvordan en serbisk skole går fra ekstra støtte til en individuell "
            "opplæringsplan (IOP1, IOP2 eller IOP3), og hva som krever ditt skriftlige "
            "samtykke.",
        ),
    }


def article_se_iup(b, language, y0):
    t = pick(language)
    b.text(
        t(
            "<p>In Swedish schools every student has an individual development plan (IUP). It is "
            "an agreement between your child, the teacher and you about what your child works on "
            "next, and it follows a yearly cycle.</p>"
            "<h2>The cycle</h2>"
            "<ol><li>The school prepares the criteria and the material for the talk.</li>"
            "<li>Your child assesses their own learning: where am I now, and which goals have I "
            "reached?</li>"
            "<li>You prepare at home: what works well, and what is hard?</li>"
            "<li>The development talk is booked and held, with your child, the teacher or mentor, "
            "and you.</li>"
            "<li>The IUP is written as an agreement between student, teacher and guardians.</li>"
            "<li>The goals are followed up during the term and evaluated before the next talk.</li>"
            "<li>When the next IUP is made, the old one is archived. You can still read it.</li></ol>"
            "<h2>Goals and their status</h2>"
            "<p>Each goal has a status: not started, in progress or done. Your child and the mentor "
            "can change it, and everyone involved gets a notice when it changes. Everyone can "
            "comment on a goal.</p>",
            "<p>I svenske skoler har alle elever en individuell utviklingsplan (IUP). Den er en "
            "avtale mellom barnet, læreren og deg om hva barnet skal arbeide med framover, og den "
            "følger en årlig syklus.</p>"
            "<h2>Syklusen</h2>"
            "<ol><li>Skolen forbereder kriteriene og materialet til samtalen.</li>"
            "<li>Barnet vurderer sin egen læring: hvor er jeg nå, og hvilke mål har jeg nådd?</li>"
            "<li>Dere forbereder dere hjemme: hva fungerer godt, og hva er vanskelig?</li>"
            "<li>Utviklingssamtalen avtales og holdes med barnet, læreren eller mentoren og "
            "deg.</li>"
            "<li>IUP-en skrives som en avtale mellom elev, lærer og foresatte.</li>"
            "<li>Målene følges opp gjennom semesteret og evalueres før neste samtale.</li>"
            "<li>Når neste IUP lages, arkiveres den gamle. Du kan fortsatt lese den.</li></ol>"
            "<h2>Mål og status</h2>"
            "<p>Hvert mål har en status: ikke påbegynt, pågår eller ferdig. Barnet og mentoren kan "
            "endre den, og alle involverte får et varsel når den endres. Alle kan kommentere et "
            "mål.</p>",
        )
    )
    b.tip(
        t("Before the talk", "Før samtalen"),
        t(
            "<p>Read your child's self-assessment together, and note one thing that goes well "
            "and one thing to work on.</p>",
            "<p>Les barnets egenvurdering sammen, og noter én ting som går bra og én ting å "
            "jobbe med.</p>",
        ),
    )
    b.info(
        t("Who sees what", "Hvem ser hva"),
        t(
            "<p>You see your own children and their classes and schools. Staff choose in their "
            "profile which contact details families can see.</p>",
            "<p>Du ser dine egne barn og klassene og skolene deres. Ansatte velger i profilen "
            "sin hvilke kontaktopplysninger familiene kan se.</p>",
        ),
    )
    return {
        "jurisdiction": "se-iup",
        "slug": "iup-sweden",
        "title": t(
            "The IUP in Sweden: the development talk and your child's goals",
            "IUP i Sverige: utviklingssamtalen og målene til barnet",
        ),
        "summary": t(
            "The individual development plan follows a yearly cycle: preparation, the "
            "development talk, the written plan and follow-up of the goals.",
            "Den individuelle utviklingsplanen følger en årlig syklus: forberedelse, "
            "utviklingssamtale, skriftlig plan og oppfølging av målene.",
        ),
    }


def article_no_troms_transition(b, language, y0):
    t = pick(language)
    y1 = y0 + 1
    principal = t("Principal, lower secondary school", "Rektor, ungdomsskolen")
    b.text(
        t(
            "<p>Some students need a little extra help to move from lower to upper secondary "
            "school, without needing special education or the special intake. The transition "
            "routine makes sure they are noticed in time and that the new school is ready for "
            "them.</p>"
            "<h2>Screening in the autumn</h2>"
            "<p>By 1 October the lower secondary school goes through every class and looks for "
            "signs that a student may need support in the move: absence above 6 %, earlier "
            "support measures, a current activity plan, the lowest level on national tests, "
            "earlier special education, a grade average below 3, a grade 1 or IV in a subject, "
            "particularly large deviations, or a wish from the student or the family.</p>"
            "<p>A student is offered follow-up when three or more of these apply, when one is "
            "serious enough on its own, or when the student or family asks for it. Students who "
            "already apply in the special intake by 1 February follow that track instead.</p>"
            "<h2>Your consent comes first</h2>"
            "<p>The school explains why it offers the follow-up and what it involves, and asks the "
            "student and guardians for consent before it contacts the upper secondary school. If "
            "you say no, that is written in the screening table and nothing is shared.</p>",
            "<p>Noen elever trenger litt ekstra hjelp i overgangen fra ungdomsskolen til "
            "videregående, uten å trenge spesialundervisning eller særskilt inntak. "
            "Overgangsrutinen sørger for at de blir sett i tide, og at den nye skolen er klar for "
            "dem.</p>"
            "<h2>Kartlegging om høsten</h2>"
            "<p>Innen 1. oktober går ungdomsskolen gjennom hver klasse og ser etter tegn på at en "
            "elev kan trenge støtte i overgangen: fravær over 6 %, tidligere tiltak, en gjeldende "
            "aktivitetsplan, laveste nivå på nasjonale prøver, tidligere spesialundervisning, "
            "karaktersnitt under 3, karakteren 1 eller IV i et fag, særlig store avvik, eller et "
            "ønske fra eleven eller familien.</p>"
            "<p>En elev får tilbud om oppfølging når tre eller flere av disse gjelder, når ett av "
            "dem er alvorlig nok alene, eller når eleven eller familien ber om det. Elever som "
            "allerede søker særskilt inntak innen 1. februar, følger det løpet i stedet.</p>"
            "<h2>Samtykket ditt kommer først</h2>"
            "<p>Skolen forklarer hvorfor den tilbyr oppfølgingen og hva den innebærer, og ber "
            "eleven og de foresatte om samtykke før den tar kontakt med den videregående skolen. "
            "Sier du nei, skrives det i kartleggingstabellen, og ingenting deles.</p>",
        )
    )
    b.calendar(
        t("The transition year", "Overgangsåret"),
        t(
            "Dated steps of the routine, with the person responsible.",
            "Datoene i rutinen, med hvem som har ansvaret.",
        ),
        [
            {
                "action": t(
                    "All staff learn the transition routine",
                    "Alle ansatte gjøres kjent med overgangsrutinen",
                ),
                "responsible": principal,
                "starts": _d(y0, 8, 15),
                "ends": _d(y0, 8, 31),
                "purpose": t("Everyone knows what to look for", "Alle vet hva de skal se etter"),
            },
            {
                "action": t(
                    "Every class screened against the risk factors",
                    "Alle klasser kartlagt etter risikofaktorene",
                ),
                "responsible": principal,
                "starts": _d(y0, 10, 1),
                "purpose": t("No student is missed", "Ingen elev blir oversett"),
            },
            {
                "action": t("Consent from student and guardians", "Samtykke fra elev og foresatte"),
                "responsible": principal,
                "when_text": t(
                    "before any contact with the new school", "før kontakt med den nye skolen"
                ),
                "purpose": t(
                    "The family decides what is shared", "Familien bestemmer hva som deles"
                ),
            },
            {
                "action": t(
                    "Contact made with the upper secondary school the student is considering",
                    "Kontakt med den videregående skolen eleven vurderer",
                ),
                "responsible": principal,
                "starts": _d(y0, 11, 1),
                "purpose": t(
                    "The new school knows who is coming", "Den nye skolen vet hvem som kommer"
                ),
            },
            {
                "action": t(
                    "Visits or trial days at the upper secondary school agreed",
                    "Besøk eller hospitering på videregående avtalt",
                ),
                "responsible": t(
                    "Counsellor, with a contact at the upper secondary school",
                    "Rådgiver, med kontaktperson på videregående",
                ),
                "starts": _d(y0, 12, 15),
                "purpose": t("A known place on the first day", "Et kjent sted første skoledag"),
            },
            {
                "action": t("Application deadline", "Søknadsfrist"),
                "responsible": t("Counsellor", "Rådgiver"),
                "starts": _d(y1, 3, 1),
                "purpose": t("Application", "Søknad"),
            },
            {
                "action": t(
                    "Screening form handed over; the upper secondary school takes over the plan",
                    "Kartleggingsskjema overleveres; videregående overtar planen",
                ),
                "responsible": t("Counsellor", "Rådgiver"),
                "starts": _d(y1, 3, 15),
                "purpose": t("One responsible school at a time", "Én ansvarlig skole om gangen"),
            },
            {
                "action": t(
                    "Wishes for adjusting the routine collected and sent to the school owner",
                    "Ønsker om justering av rutinen samles og sendes skoleeier",
                ),
                "responsible": principal,
                "starts": _d(y1, 3, 1),
                "ends": _d(y1, 3, 31),
                "purpose": t("The routine improves every year", "Rutinen blir bedre hvert år"),
            },
        ],
    )
    b.text(
        t(
            "<h2>The individual transition plan</h2>"
            "<p>The plan lists dated steps, who is responsible at the lower secondary school, and "
            "who contributes from the upper secondary school. Until the application is sent, the "
            "lower secondary school follows up the plan; after the deadline on 1 March and the "
            "handover of the screening form on 15 March, the upper secondary school takes over.</p>"
            "<p>The school owner checks every month from August to March that the steps were done. "
            "The municipalities and the county meet for dialogue in September, in November or "
            "December, and in April.</p>",
            "<h2>Den individuelle overgangsplanen</h2>"
            "<p>Planen viser trinn med datoer, hvem som har ansvaret på ungdomsskolen, og hvem som "
            "bidrar fra videregående. Til søknaden er sendt, følger ungdomsskolen opp planen; etter "
            "fristen 1. mars og overleveringen av kartleggingsskjemaet 15. mars tar den "
            "videregående skolen over.</p>"
            "<p>Skoleeieren kontrollerer hver måned fra august til mars at trinnene er gjort. "
            "Kommunene og fylket møtes til dialogmøter i september, i november eller desember og i "
            "april.</p>",
        )
    )
    return {
        "jurisdiction": "no-troms-transition",
        "slug": "transition-routine",
        "title": t(
            "Moving up to upper secondary: the transition routine",
            "Overgangen til videregående: overgangsrutinen",
        ),
        "summary": t(
            "Lower secondary schools screen every class in the autumn and, with your "
            "consent, plan the move together with the new school.",
            "Ungdomsskolene kartlegger alle klasser om høsten og planlegger, med ditt "
            "samtykke, overgangen sammen med den nye skolen.",
        ),
    }


ARTICLES = [
    article_no_iskole,
    article_rs_pravilnik,
    article_se_iup,
    article_no_troms_transition,
]
