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
        _ACT, "§ 2-1", LOVDATA_ACT + "§2-1",
        "Right and duty to primary and lower secondary education",
        "Children and young people of compulsory school age have both the right and the duty "
        "to go to school. It applies wherever they live, also in a child-welfare institution.",
        "Rett og plikt til grunnskoleopplæring",
        "Barn og unge i opplæringspliktig alder har både rett og plikt til å gå på skole. "
        "Det gjelder uansett hvor de bor, også på en barnevernsinstitusjon.",
    ),
    "act-3-1": _ref(
        _ACT, "§ 3-1", LOVDATA_ACT + "§3-1",
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
        _ACT, "§ 3-9", LOVDATA_ACT + "§3-9",
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
        _ACT, "§ 3-10", LOVDATA_ACT + "§3-10",
        "Teaching in braille",
        "Blind and severely visually impaired students have the right to be taught braille and "
        "to learn to use the aids they need. They may also get extra years.",
        "Opplæring i punktskrift",
        "Blinde og sterkt svaksynte elever har rett til opplæring i punktskrift og i bruk av "
        "nødvendige hjelpemidler. De kan også få ekstra år.",
    ),
    "act-3-12": _ref(
        _ACT, "§ 3-12", LOVDATA_ACT + "§3-12",
        "Special language tuition for minority-language students",
        "Students with another first language than Norwegian or Sami have the right to special "
        "Norwegian tuition until they can follow ordinary teaching, and if needed mother-tongue "
        "teaching or bilingual subject teaching.",
        "Særskilt språkopplæring for elever fra språklige minoriteter",
        "Elever med et annet morsmål enn norsk og samisk har rett til særskilt norskopplæring "
        "til de kan følge den vanlige opplæringen, og om nødvendig morsmålsopplæring eller "
        "tospråklig fagopplæring.",
    ),
    "act-5-1": _ref(
        _ACT, "§ 5-1", LOVDATA_ACT + "§5-1",
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
        _ACT, "§ 5-5", LOVDATA_ACT + "§5-5",
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
        _ACT, "§ 5-6", LOVDATA_ACT + "§5-6",
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
        _ACT, "§ 8-1", LOVDATA_ACT + "§8-1",
        "Which school a pupil attends",
        "Pupils go to the school nearest to where they live. A pupil may be placed at another "
        "school when the interests of the pupil or the other pupils call for it.",
        "Skolen eleven sokner til",
        "Elever går på den skolen som ligger nærmest der de bor. En elev kan få plass ved en "
        "annen skole når hensynet til eleven eller de andre elevene tilsier det.",
    ),
    "act-13-2": _ref(
        _ACT, "§ 13-2", LOVDATA_ACT + "§13-2",
        "Education in child-welfare institutions",
        "The county must make sure that children and young people living in child-welfare "
        "institutions get primary and lower secondary education, special-needs support and "
        "upper secondary education.",
        "Opplæring i barnevernsinstitusjoner",
        "Fylkeskommunen skal sørge for at barn og unge som bor på barnevernsinstitusjon, får "
        "grunnskoleopplæring, spesialpedagogisk hjelp og videregående opplæring.",
    ),
    "act-15-2": _ref(
        _ACT, "§ 15-2", LOVDATA_ACT + "§15-2",
        "Appeals against decisions",
        "Decisions about a student's rights under the act can be appealed. For upper secondary "
        "education the appeal goes to the county governor.",
        "Klage på enkeltvedtak",
        "Vedtak om en elevs rettigheter etter loven kan påklages. For videregående opplæring "
        "er statsforvalteren klageinstans.",
    ),
    "reg-3-32": _ref(
        _REG, "§ 3-32", LOVDATA_REGULATIONS + "§3-32",
        "Adapted tests and exams",
        "Students with a particular need can get adaptations at tests and exams, such as aids "
        "or extra time. An expert assessment may be needed.",
        "Tilrettelegging av prøver og eksamen",
        "Elever med særlige behov kan få tilrettelegging ved prøver og eksamen, for eksempel "
        "hjelpemidler eller utvidet tid. Det kan kreve en sakkyndig vurdering.",
    ),
    "reg-6-7": _ref(
        _REG, "§ 6-7", LOVDATA_REGULATIONS + "§6-7",
        "Application deadline",
        "Applicants who need an individual assessment, or who apply on special grounds, apply by "
        "1 February. Other applicants apply by 1 March.",
        "Søknadsfrist",
        "Søkere som trenger individuell behandling, eller som søker på særskilt grunnlag, har "
        "frist 1. februar. Andre søkere har frist 1. mars.",
    ),
    "reg-6-19": _ref(
        _REG, "§ 6-19", LOVDATA_REGULATIONS + "§6-19",
        "What the expert recommendation must contain",
        "The expert assessment behind a priority admission must explain why one particular "
        "programme is recommended and judge how the student would manage it and the others.",
        "Innholdet i den sakkyndige tilrådingen",
        "Den sakkyndige vurderingen som ligger til grunn for fortrinnsrett, skal begrunne hvorfor "
        "ett bestemt utdanningsprogram anbefales, og vurdere hvordan eleven vil mestre dette og "
        "de andre programmene.",
    ),
    "reg-6-20": _ref(
        _REG, "§ 6-20", LOVDATA_REGULATIONS + "§6-20",
        "Priority admission to a programme at Vg1",
        "An applicant with a right to special education and a documented particular need for "
        "one programme is admitted to that programme at Vg1 before the ordinary intake.",
        "Fortrinnsrett til et utdanningsprogram på Vg1",
        "En søker med rett til spesialundervisning og dokumentert særlig behov for ett "
        "utdanningsprogram, blir tatt inn på dette programmet på Vg1 før det ordinære inntaket.",
    ),
    "reg-6-24": _ref(
        _REG, "§ 6-24", LOVDATA_REGULATIONS + "§6-24",
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
        "§ 18", "https://lovdata.no/lov/1967-02-10/§18",
        "Right to see the documents of one's case",
        "A party to a case may see the documents of the case, with a few exceptions.",
        "Rett til innsyn i egen sak",
        "Den en sak gjelder, har rett til å se sakens dokumenter, med noen få unntak.",
    ),
    "pa-28": _ref(
        {"en": "Public Administration Act", "nb": "Forvaltningsloven"},
        "§ 28", "https://lovdata.no/lov/1967-02-10/§28",
        "Right to appeal an individual decision",
        "An individual decision can be appealed to the authority above the one that made it. "
        "The deadline is three weeks from when the decision was received.",
        "Rett til å klage på enkeltvedtak",
        "Et enkeltvedtak kan påklages til organet over det som traff vedtaket. Klagefristen er "
        "tre uker fra vedtaket kom fram.",
    ),
    "foi-13": _ref(
        {"en": "Freedom of Information Act", "nb": "Offentleglova"},
        "§ 13", "https://lovdata.no/lov/2006-05-19-16/§13",
        "Information subject to a duty of confidentiality",
        "Documents with personal information that staff must keep confidential are exempt from "
        "public access. Forms about a student's needs are marked this way.",
        "Opplysninger underlagt taushetsplikt",
        "Dokumenter med personopplysninger som er underlagt taushetsplikt, er unntatt fra "
        "offentlighet. Skjemaer om en elevs behov merkes slik.",
    ),
    "priv-3": _ref(
        {"en": "Private Schools Act", "nb": "Privatskolelova"},
        "chapter 3", "https://lovdata.no/lov/2003-07-04-84",
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
                    ["Upper secondary year 1", "Year 2", "Year 3",
                     "Extended right: years 4 to 6", "Main goal…"],
                ),
                (
                    "Individual decision as of (date)",
                    ["Scope", "Content", "Organisation", "Other"],
                ),
                (
                    "This period",
                    ["Goals for the period…", "Attendance and the student's own follow-up…",
                     "Social assessment…", "Academic assessment…",
                     "Overall assessment against the goals…",
                     "Proposed improvements and next steps…"],
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
                    ["Videregående, 1. skoleår", "2. skoleår", "3. skoleår",
                     "Utvidet rett: 4. til 6. skoleår", "Hovedmål…"],
                ),
                ("Enkeltvedtak per (dato)", ["Omfang", "Innhold", "Organisering", "Annet"]),
                (
                    "Denne perioden",
                    ["Mål for perioden…", "Oppmøte og elevens egen oppfølging…",
                     "Sosial vurdering…", "Faglig vurdering…",
                     "Helhetsvurdering opp mot målene…",
                     "Forslag til forbedringer og videre tiltak…"],
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
                ("Recipient and student", ["Recipient", "School year", "Student (name and date of birth)", "Class"]),
                ("Documents the decision is based on", ["Documents…"]),
                (
                    "The school has decided",
                    ["Scope", "Content and subjects", "Organisation", "Other follow-up…",
                     "[] The measure starts at the start of the school year.",
                     "[] The decision departs from PPT's expert recommendation. Reasons:",
                     "Reasons for departing from the recommendation…"],
                ),
                (
                    "Follow-up and your rights",
                    ["[] The teaching is evaluated in student talks, three-way talks, subject "
                     "evaluations and half-year reports.",
                     "[] You may see the documents of your case (Public Administration Act § 18).",
                     "[] You may appeal within three weeks (Public Administration Act § 28, "
                     "Education Act § 15-2). Send the appeal to the school; the county governor "
                     "decides it."],
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
                ("Mottaker og elev", ["Mottaker", "Skoleår", "Elev (navn og fødselsdato)", "Klasse"]),
                ("Dokumenter vedtaket bygger på", ["Dokumenter…"]),
                (
                    "Skolen har vedtatt",
                    ["Omfang", "Innhold og fag", "Organisering", "Annen oppfølging…",
                     "[] Tiltaket gjelder fra skolestart.",
                     "[] Vedtaket avviker fra PPTs sakkyndige tilråding. Begrunnelse:",
                     "Begrunnelse for avviket…"],
                ),
                (
                    "Oppfølging og dine rettigheter",
                    ["[] Opplæringen evalueres i elevsamtaler, trepartssamtaler, fagevalueringer "
                     "og halvårsrapporter.",
                     "[] Du har rett til å se sakens dokumenter (forvaltningsloven § 18).",
                     "[] Du kan klage innen tre uker (forvaltningsloven § 28, opplæringslova "
                     "§ 15-2). Klagen sendes skolen; statsforvalteren avgjør den."],
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
                ("Applicant", ["Name", "Date of birth", "Address", "Student at (school)",
                               "[] Not in education at the moment"]),
                ("Upper secondary education so far", ["School year, school and programme…"]),
                (
                    "Why more time is needed",
                    ["[] Individual decision on special education (§ 5-1)",
                     "[] Teaching in sign language (§ 3-9)",
                     "[] Teaching in braille (§ 3-10)",
                     "[] Decision on special language tuition (§ 3-12)",
                     "[] Other reasons, for example medical reasons:",
                     "Explanation…"],
                ),
                (
                    "What the student wants to achieve",
                    ["Complete and pass this programme or subject area",
                     "Basic competence within this programme or subject area",
                     "Goals in the curriculum…"],
                ),
                ("Documentation attached", ["Expert assessment from PPT, medical certificate, other…"]),
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
                ("Søker", ["Navn", "Fødselsdato", "Adresse", "Elev ved (skole)",
                           "[] Er ikke i opplæring nå"]),
                ("Videregående opplæring så langt", ["Skoleår, skole og programområde…"]),
                (
                    "Hvorfor eleven trenger mer tid",
                    ["[] Enkeltvedtak om spesialundervisning (§ 5-1)",
                     "[] Opplæring på tegnspråk (§ 3-9)",
                     "[] Opplæring i punktskrift (§ 3-10)",
                     "[] Vedtak om særskilt språkopplæring (§ 3-12)",
                     "[] Andre grunner, for eksempel medisinske:",
                     "Forklaring…"],
                ),
                (
                    "Hva eleven ønsker å oppnå",
                    ["Fullføre og bestå dette programmet eller fagområdet",
                     "Grunnkompetanse innenfor dette programmet eller fagområdet",
                     "Mål i læreplanen…"],
                ),
                ("Vedlagt dokumentasjon", ["Sakkyndig vurdering fra PPT, legeerklæring, annet…"]),
                ("Underskrifter", ["Dato", "Søker", "Rådgiver eller oppfølgingstjenesten"]),
            ],
            "footer": _FOOTER["nb"],
        },
    },
}

# -- county, index and booklet --------------------------------------------------

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
        "title": t(f"Special intake to upper secondary school {label}",
                   f"Særskilt inntak til videregående skole {label}"),
        "subtitle": t("A booklet for counsellors, families and support services",
                      "Et hefte for rådgivere, foresatte og støttetjenester"),
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
                "note": t("Questions about the intake rules and the annual wheel.",
                          "Spørsmål om inntaksreglene og årshjulet."),
            },
            {
                "name": "Anders Vollan",
                "role": t("Senior adviser, special intake", "Seniorrådgiver, særskilt inntak"),
                "organisation": org,
                "phone": "+47 70 00 10 02",
                "email": "anders.vollan@nordvik-county.example",
                "note": t("Categories A, B and C, tailored groups and extended rights.",
                          "Kategori A, B og C, tilrettelagte grupper og utvidet rett."),
            },
            {
                "name": "Silje Aune",
                "role": t("Case officer, special intake", "Saksbehandler, særskilt inntak"),
                "organisation": org,
                "phone": "+47 70 00 10 03",
                "email": "silje.aune@nordvik-county.example",
                "note": t("Attachment forms, missing documents and the lists sent to schools.",
                          "Vedleggsskjema, manglende dokumentasjon og lister til skolene."),
            },
        ],
    }


def _d(year: int, month: int, day: int) -> datetime.date:
    return datetime.date(year, month, day)


def _week(year: int, week: int, weekday: int) -> datetime.date:
    return datetime.date.fromisocalendar(year, week, weekday)
