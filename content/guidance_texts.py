"""The words of the demo guidance in Norwegian bokmål, the source language.

The other languages are translations of these pages, one PO file per page
under ``content/translations/<language>/`` (see ``content/page_translations``).

Written for the project from the facts of a Norwegian county's booklet on
special intake to upper secondary school (reference 001) and from the design
notes on each jurisdiction plugin. Every county, school and person here is
fictional. Section numbers follow the Education Act of 1998 as the source
cites it; the Education Act of 2023 (in force from August 2024) renumbered
them, and each explanation says so where it matters.
"""

from __future__ import annotations

import datetime

HOME = {
    "title": "Individuelle opplæringsplaner",
    "intro": "Veiledning for familier og skoler, og selve planene bak innlogging.",
    "body": "",
}

LOVDATA_ACT = "https://lovdata.no/lov/1998-07-17-61/"
LOVDATA_REGULATIONS = "https://lovdata.no/forskrift/2006-06-23-724/"

# -- legal references -------------------------------------------------------

_ACT = "Opplæringslova 1998"
_REG = "Forskrift til opplæringslova"


def _ref(law, section, url, title, explanation):
    return {"url": url, "law": law, "section": section, "title": title, "explanation": explanation}


LEGAL_REFERENCES = {
    "act-2-1": _ref(
        _ACT,
        "§ 2-1",
        LOVDATA_ACT + "§2-1",
        "Rett og plikt til grunnskoleopplæring",
        "Barn og unge i opplæringspliktig alder har både rett og plikt til å gå på skole. "
        "Det gjelder uansett hvor de bor, også på en barnevernsinstitusjon.",
    ),
    "act-3-1": _ref(
        _ACT,
        "§ 3-1",
        LOVDATA_ACT + "§3-1",
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
        "Opplæring i og på tegnspråk",
        "Elever som har tegnspråk som førstespråk, eller som trenger det etter en sakkyndig "
        "vurdering, har rett til opplæring i og på tegnspråk. De kan også få ekstra år i "
        "videregående opplæring.",
    ),
    "act-3-10": _ref(
        _ACT,
        "§ 3-10",
        LOVDATA_ACT + "§3-10",
        "Opplæring i punktskrift",
        "Blinde og sterkt svaksynte elever har rett til opplæring i punktskrift og i bruk av "
        "nødvendige hjelpemidler. De kan også få ekstra år.",
    ),
    "act-3-12": _ref(
        _ACT,
        "§ 3-12",
        LOVDATA_ACT + "§3-12",
        "Særskilt språkopplæring for elever fra språklige minoriteter",
        "Elever med et annet morsmål enn norsk og samisk har rett til særskilt norskopplæring "
        "til de kan følge den vanlige opplæringen, og om nødvendig morsmålsopplæring eller "
        "tospråklig fagopplæring.",
    ),
    "act-ch-4": _ref(
        _ACT,
        "kapittel 4",
        LOVDATA_ACT + "KAPITTEL_4",
        "Videregående opplæring i bedrift",
        "Reglene for lærlinger og lærekandidater: lærekontrakten, lærebedriftens plikter og "
        "fylkets oppfølging. Kategori C på vedleggsskjemaet gjelder denne opplæringen.",
    ),
    "act-4-2": _ref(
        _ACT,
        "§ 4-2",
        LOVDATA_ACT + "§4-2",
        "Rettigheter og plikter for lærlinger og lærekandidater",
        "Lærlinger og lærekandidater har rettigheter og plikter i opplæringen omtrent som elever "
        "i skolen, og reglene om spesialundervisning gjelder også for dem. Derfor legger en "
        "søker i kategori C ved en sakkyndig vurdering.",
    ),
    "act-5-1": _ref(
        _ACT,
        "§ 5-1",
        LOVDATA_ACT + "§5-1",
        "Rett til spesialundervisning",
        "En elev som ikke har eller ikke kan få tilfredsstillende utbytte av den ordinære "
        "opplæringen, har rett til spesialundervisning. Skolen avgjør det i et enkeltvedtak "
        "etter sakkyndig vurdering fra PPT. (I opplæringsloven 2023: kapittel 11.)",
    ),
    "act-5-5": _ref(
        _ACT,
        "§ 5-5",
        LOVDATA_ACT + "§5-5",
        "Individuell opplæringsplan (IOP)",
        "Alle elever som får spesialundervisning, skal ha en individuell opplæringsplan med "
        "mål, innhold og organisering av opplæringen. Skolen skriver en rapport om elevens "
        "utvikling to ganger i året.",
    ),
    "act-5-6": _ref(
        _ACT,
        "§ 5-6",
        LOVDATA_ACT + "§5-6",
        "Pedagogisk-psykologisk tjeneste (PPT)",
        "Hver kommune og fylkeskommune skal ha en pedagogisk-psykologisk tjeneste. Den hjelper "
        "skolene med å legge opplæringen til rette for elever med særlige behov og skriver de "
        "sakkyndige vurderingene loven krever.",
    ),
    "act-8-1": _ref(
        _ACT,
        "§ 8-1",
        LOVDATA_ACT + "§8-1",
        "Skolen eleven sokner til",
        "Elever går på den skolen som ligger nærmest der de bor. En elev kan få plass ved en "
        "annen skole når hensynet til eleven eller de andre elevene tilsier det.",
    ),
    "act-13-2": _ref(
        _ACT,
        "§ 13-2",
        LOVDATA_ACT + "§13-2",
        "Opplæring i barnevernsinstitusjoner",
        "Fylkeskommunen skal sørge for at barn og unge som bor på barnevernsinstitusjon, får "
        "grunnskoleopplæring, spesialpedagogisk hjelp og videregående opplæring.",
    ),
    "act-15-2": _ref(
        _ACT,
        "§ 15-2",
        LOVDATA_ACT + "§15-2",
        "Klage på enkeltvedtak",
        "Vedtak om en elevs rettigheter etter loven kan påklages. For videregående opplæring "
        "er statsforvalteren klageinstans.",
    ),
    "reg-3-32": _ref(
        _REG,
        "§ 3-32",
        LOVDATA_REGULATIONS + "§3-32",
        "Tilrettelegging av prøver og eksamen",
        "Elever med særlige behov kan få tilrettelegging ved prøver og eksamen, for eksempel "
        "hjelpemidler eller utvidet tid. Det kan kreve en sakkyndig vurdering.",
    ),
    "reg-6-7": _ref(
        _REG,
        "§ 6-7",
        LOVDATA_REGULATIONS + "§6-7",
        "Søknadsfrist",
        "Søkere som trenger individuell behandling, eller som søker på særskilt grunnlag, har "
        "frist 1. februar. Andre søkere har frist 1. mars.",
    ),
    "reg-6-13": _ref(
        _REG,
        "§ 6-13",
        LOVDATA_REGULATIONS + "§6-13",
        "Inntaksrekkefølgen til Vg1",
        "Fastsetter rekkefølgen søkerne tas inn i på første år i videregående: søkere med "
        "fortrinnsrett og søkere som vurderes individuelt kommer først, de andre konkurrerer "
        "med karakterpoeng.",
    ),
    "reg-6-18": _ref(
        _REG,
        "§ 6-18",
        LOVDATA_REGULATIONS + "§6-18",
        "Hvem som er sakkyndig ved tilråding om fortrinnsrett",
        "Tilrådingen som ligger til grunn for fortrinnsrett til ett utdanningsprogram på Vg1, "
        "kommer fra en sakkyndig instans, og det er pedagogisk-psykologisk tjeneste (PPT).",
    ),
    "reg-6-21": _ref(
        _REG,
        "§ 6-21",
        LOVDATA_REGULATIONS + "§6-21",
        "Rekkefølgen ved fortrinnsrett til Vg1",
        "Hvordan søkere med fortrinnsrett til et utdanningsprogram tas inn på Vg1. Når det er "
        "for få plasser, kan fylket prioritere søkerne med størst behov.",
    ),
    "reg-3-67": _ref(
        _REG,
        "§ 3-67",
        LOVDATA_REGULATIONS + "§3-67",
        "Fritak fra fellesfag før fagbrev",
        "Bokstav c gir adgang til fritak fra kravet om bestått i inntil to fellesfag før fag- "
        "eller svennebrev utstedes. Grunnlaget er en sakkyndig vurdering fra PPT.",
    ),
    "reg-6-19": _ref(
        _REG,
        "§ 6-19",
        LOVDATA_REGULATIONS + "§6-19",
        "Innholdet i den sakkyndige tilrådingen",
        "Den sakkyndige vurderingen som ligger til grunn for fortrinnsrett, skal begrunne hvorfor "
        "ett bestemt utdanningsprogram anbefales, og vurdere hvordan eleven vil mestre dette og "
        "de andre programmene.",
    ),
    "reg-6-20": _ref(
        _REG,
        "§ 6-20",
        LOVDATA_REGULATIONS + "§6-20",
        "Fortrinnsrett til et utdanningsprogram på Vg1",
        "En søker med rett til spesialundervisning og dokumentert særlig behov for ett "
        "utdanningsprogram, blir tatt inn på dette programmet på Vg1 før det ordinære inntaket.",
    ),
    "reg-6-24": _ref(
        _REG,
        "§ 6-24",
        LOVDATA_REGULATIONS + "§6-24",
        "Inntak til Vg2 og Vg3 etter individuell vurdering",
        "En søker som trenger spesialundervisning og ikke har karakterer fra trinnet før, blir "
        "tatt inn etter en helhetsvurdering der sakkyndig vurdering og søkerens egne ønsker "
        "teller.",
    ),
    "pa-18": _ref(
        "Forvaltningsloven",
        "§ 18",
        "https://lovdata.no/lov/1967-02-10/§18",
        "Rett til innsyn i egen sak",
        "Den en sak gjelder, har rett til å se sakens dokumenter, med noen få unntak.",
    ),
    "pa-28": _ref(
        "Forvaltningsloven",
        "§ 28",
        "https://lovdata.no/lov/1967-02-10/§28",
        "Rett til å klage på enkeltvedtak",
        "Et enkeltvedtak kan påklages til organet over det som traff vedtaket. Klagefristen er "
        "tre uker fra vedtaket kom fram.",
    ),
    "foi-13": _ref(
        "Offentleglova",
        "§ 13",
        "https://lovdata.no/lov/2006-05-19-16/§13",
        "Opplysninger underlagt taushetsplikt",
        "Dokumenter med personopplysninger som er underlagt taushetsplikt, er unntatt fra "
        "offentlighet. Skjemaer om en elevs behov merkes slik.",
    ),
    "priv-3": _ref(
        "Privatskolelova",
        "chapter 3",
        "https://lovdata.no/lov/2003-07-04-84",
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


def attachment_form() -> dict:
    """The attachment form to the application (categories A, B, C, M and O), as form sections.

    The facts (what the form asks, who fills it in, what must be attached)
    come from the source booklet's form; the wording is the project's own.
    """
    expert = "Legg ved sakkyndig vurdering fra PPT."
    return {
        "title": "Vedleggsskjema til søknad om videregående opplæring",
        "slug": "attachment-form",
        "summary": (
            "Skjemaet som følger nettsøknaden når en elev søker særskilt inntak, "
            "spesialundervisning eller tilrettelegging: fyll det ut her og last det ned som PDF."
        ),
        "intro": (
            "<p>Skolen eleven kommer fra, eller oppfølgingstjenesten, fyller ut skjemaet sammen "
            "med eleven. Kryss av for kategoriene som gjelder (A, B eller C, og M eller O i "
            "tillegg), og fyll ut hele del I. Legg ved en kopi av nettsøknaden, skriv under "
            "samtykket og send skjemaet innen 1. februar: ett eksemplar til skolen som er "
            "førsteønske, og ett til utdanningsavdelingen.</p>"
        ),
        "confidentiality": _NOTICE["nb"],
        "sections": [
            (
                "Personopplysninger",
                "",
                [
                    _field("Etternavn, fornavn", required=True),
                    _field(
                        "Fødselsnummer",
                        "national_id",
                        help_text="11 siffer.",
                    ),
                    _field("Avgiverskole eller oppfølgingstjeneste"),
                ],
            ),
            (
                "A: Særskilt inntak (svar i mai)",
                expert,
                [
                    _field(
                        "Inntak det søkes om",
                        "single_choice",
                        [
                            (
                                "Prioritert utdanningsprogram Vg1 (forskriften § 6-20), "
                                "tilrettelagt gruppe"
                            ),
                            (
                                "Prioritert utdanningsprogram Vg1 (forskriften § 6-20), "
                                "ordinær gruppe"
                            ),
                            (
                                "Individuell vurdering til Vg2/Vg3 (forskriften § 6-24), "
                                "videreføring i tilrettelagt gruppe"
                            ),
                            (
                                "Individuell vurdering til Vg2/Vg3 (forskriften § 6-24), "
                                "videreføring i ordinær gruppe"
                            ),
                        ],
                        "La feltet stå tomt når eleven ikke søker i kategori A.",
                    ),
                    _field(
                        "Ønsket tilrettelagt tilbud",
                        "multiple_choice",
                        [
                            "Hverdagslivstrening (H)",
                            "Arbeidslivstrening (A)",
                            "Grunnkompetanseløp (G)",
                        ],
                        (
                            "Bare for tilrettelagt gruppe. Søkere til hverdagslivstrening "
                            "oppgir minst to skoler."
                        ),
                    ),
                    _field("Ønskede skoler for gruppen"),
                ],
            ),
            (
                "B: Ordinært inntak med spesialundervisning (svar i juli)",
                expert,
                [
                    _field(
                        "B: Eleven søker spesialundervisning (opplæringslova § 5-1)",
                        "checkbox",
                    )
                ],
            ),
            (
                "C: Lærling eller lærekandidat",
                "Legg ved oppdatert sakkyndig vurdering fra PPT.",
                [
                    _field(
                        ("C: Lærling eller lærekandidat med behov for tilrettelegging i læretiden"),
                        "checkbox",
                    ),
                    _field("Ønsket skoleplass som alternativ"),
                ],
            ),
            (
                "I. Opplysninger om søknaden (fylles ut av alle)",
                "",
                [
                    _field("Søknadsgrunn", "long_text"),
                    _field(
                        "Spesialundervisning og annen tilrettelegging siste skoleår",
                        "long_text",
                    ),
                    _field(
                        "Er eleven i risikosonen for bortvalg eller frafall?",
                        "single_choice",
                        ["Ja", "Nei", "Usikkert"],
                    ),
                    _field(
                        "Vurderingen bygger på",
                        help_text="For eksempel et kartleggingsverktøy, eller skriv hva annet.",
                    ),
                    _field(
                        (
                            "Forslag til spesialundervisning eller annen tilrettelegging "
                            "kommende skoleår"
                        ),
                        "long_text",
                    ),
                    _field(
                        "Realistisk mål for opplæringen",
                        "single_choice",
                        [
                            "Fag- eller svennebrev",
                            "Studiekompetanse",
                            "Grunnkompetanse",
                        ],
                    ),
                    _field(
                        (
                            "Plan for videre opplæring: år, skole eller bedrift, "
                            "programområde eller fag"
                        ),
                        "long_text",
                    ),
                ],
            ),
            (
                "M: Språklig nivå (del II)",
                (
                    "For elever med minoritetsspråklig bakgrunn: må fylles ut ved mindre enn to "
                    "år i norsk skole, eller når svake norskferdigheter krever tilrettelegging."
                ),
                [
                    _field(
                        "M: Eleven har minoritetsspråklig bakgrunn",
                        "checkbox",
                    ),
                    _field(
                        "Antall år i norsk grunnskole",
                        "number",
                    ),
                    _field(
                        "Antall år i hjemlandets grunnskole",
                        "number",
                    ),
                    _field("Hjemland"),
                    _field(
                        "Kartlegging av språklige ferdigheter er gjennomført: beskrivelse",
                        "long_text",
                    ),
                    _field(
                        "Behov i videregående skole",
                        "multiple_choice",
                        [
                            "Læreplan i grunnleggende norsk for språklige minoriteter",
                            "Morsmålsopplæring",
                            "Tospråklig fagopplæring",
                        ],
                    ),
                ],
            ),
            (
                "O: Andre opplysninger (del III)",
                (
                    "For elever uten rett til spesialundervisning som har noe skolen bør vite "
                    "for å tilrettelegge opplæringen. Legg ved dokumentasjon."
                ),
                [
                    _field(
                        "O: Eleven gir andre opplysninger",
                        "checkbox",
                    ),
                    _field(
                        "Hjelpeinstanser eller ansvarsgrupper utenom skolen",
                        "long_text",
                    ),
                    _field(
                        "Sterke sider mottakerskolen eller bedriften kan bygge på",
                        "long_text",
                    ),
                    _field(
                        "Annen informasjon skolen bør kjenne til",
                        "long_text",
                    ),
                ],
            ),
            (
                "Samtykke og underskrifter",
                (
                    "Søkeren samtykker i at de sakkyndige instansene som uttaler seg om søknaden, "
                    "kan gi nødvendige opplysninger uten hinder av taushetsplikt, at søknaden kan "
                    "sendes til skolen eller bedriften det søkes til, og at opplysningene kan "
                    "overføres til fylkets PPT."
                ),
                [
                    _field(
                        "Søkeren gir dette samtykket",
                        "checkbox",
                    ),
                    _field("Sted"),
                    _field("Dato", "date"),
                    _field("Søkerens underskrift", "signature"),
                    _field(
                        "Elevens foresatte er informert",
                        "single_choice",
                        ["Ja", "Nei"],
                    ),
                    _field("Fylt ut sammen med eleven av (navn og stilling)"),
                    _field("Skole eller oppfølgingstjeneste"),
                    _field("Dato utfylt", "date"),
                ],
            ),
        ],
    }


COUNTY = {
    "title": "Nordvik fylkeskommune (demo)",
    "summary": "Veiledning fra utdanningsavdelingen i Nordvik fylkeskommune, et oppdiktet fylke.",
    "intro": "<p>Nordvik fylkeskommune (demo) driver de videregående skolene i Elvdal og "
    "Bjørkås. Her finner du det årlige heftet om å søke videregående opplæring når en elev "
    "trenger spesialundervisning, og artikler med enkle ord om hvordan de ulike "
    "opplæringsplanene fungerer.</p>",
}

GUIDANCE_INDEX = {
    "title": "Veiledning",
    "summary": "Hefter for hvert skoleår og artikler for foresatte og elever.",
    "intro": "<p>Heftet for inneværende skoleår er merket. Eldre hefter ligger her "
    "fortsatt, så du kan se hva som gjaldt før.</p>",
}

_CONTACT_ORG = "Nordvik fylkeskommune (demo), utdanningsavdelingen, inntak og rådgiving"


def booklet(y0: int) -> dict:
    label = f"{y0}/{(y0 + 1) % 100:02d}"
    org = _CONTACT_ORG
    return {
        "title": f"Særskilt inntak til videregående skole {label}",
        "subtitle": "Et hefte for rådgivere, foresatte og støttetjenester",
        "summary": (
            "Hvordan elever som trenger spesialundervisning eller individuell behandling, søker "
            "videregående opplæring, med alle årets frister."
        ),
        "introduction": (
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
            f"opplæringsloven av 2023 har erstattet med ny nummerering.</i></p>"
        ),
        "contacts": [
            {
                "name": "Ingrid Nordmo",
                "role": "Seksjonsleder",
                "organisation": org,
                "phone": "+47 70 00 10 01",
                "email": "ingrid.nordmo@nordvik-county.example",
                "note": "Spørsmål om inntaksreglene og årshjulet.",
            },
            {
                "name": "Anders Vollan",
                "role": "Seniorrådgiver, særskilt inntak",
                "organisation": org,
                "phone": "+47 70 00 10 02",
                "email": "anders.vollan@nordvik-county.example",
                "note": "Kategori A, B og C, tilrettelagte grupper og utvidet rett.",
            },
            {
                "name": "Silje Aune",
                "role": "Saksbehandler, særskilt inntak",
                "organisation": org,
                "phone": "+47 70 00 10 03",
                "email": "silje.aune@nordvik-county.example",
                "note": "Vedleggsskjema, manglende dokumentasjon og lister til skolene.",
            },
        ],
    }


def _d(year: int, month: int, day: int) -> datetime.date:
    return datetime.date(year, month, day)


def _week(year: int, week: int, weekday: int) -> datetime.date:
    return datetime.date.fromisocalendar(year, week, weekday)


# -- chapters -----------------------------------------------------------------
# Each chapter function fills a StreamBuilder and returns (title, slug, summary).


def chapter_applying(b, y0):
    b.text(
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
        "<i>andre opplysninger</i> i nettsøknaden.</li></ul>"
    )
    b.fillable(
        "attachment",
        "Vedleggsskjemaet",
        (
            "Fyll det ut i portalen og last det ned som PDF for underskrift, eller skriv det ut "
            "blankt. Ingenting som skrives i det, blir lagret."
        ),
    )
    b.info(
        "Hvor papirene skal",
        (
            "<ul><li>Søknad om skoleplass: ett eksemplar til skolen som er førsteønske, og ett "
            "til utdanningsavdelingen.</li><li>Søknad om opplæring i bedrift (lærlinger og "
            "lærekandidater): to eksemplarer til utdanningsavdelingen.</li><li>Tidligere IOP og "
            "halvårsrapporter: bare til skolen som er førsteønske.</li></ul>"
        ),
    )
    b.text(
        "<h2>Den sakkyndige vurderingen</h2>"
        "<p>En sakkyndig vurdering fra pedagogisk-psykologisk tjeneste (PPT) må ligge ved når "
        "eleven søker spesialundervisning, et prioritert utdanningsprogram på Vg1 eller inntak "
        "etter individuell vurdering til Vg2 eller Vg3. Den må være ny, og anbefalingene må "
        "gjelde det kommende skoleåret.</p>"
        "<h2>Når svarene kommer</h2>"
        "<p>Søkere i kategori A får svar fra utdanningsavdelingen i slutten av mai. Andre "
        "søkere til skoleplass får svar i midten av juli. Søkere til opplæring i bedrift får "
        "svar etter hvert, fram til september.</p>"
    )
    b.tip(
        "Be alle om å søke",
        (
            "<p>Oppfordre alle som går ut av 10. trinn, og all ungdom med rett til videregående "
            "opplæring, til å sende søknad selv om de er usikre. Slik finner "
            "oppfølgingstjenesten dem som trenger den.</p>"
        ),
    )
    b.text(
        "<h2>Søke skole i et annet fylke</h2>"
        "<p>Elever fra Nordvik som vil gå på skole i et annet fylke, søker gjennom Nordvik "
        "fylkeskommune, som vurderer gjesteelevgaranti. Vedleggsskjemaet sendes også gjennom "
        "fylket.</p>"
        "<h2>Utsette oppstarten</h2>"
        "<p>Etter inntaket kan fylket la en elev utsette retten til videregående opplæring. "
        "Eleven søker gjennom skolen som har gitt plassen, når som helst i året, med "
        "dokumentasjon som legeerklæring eller innkalling til førstegangstjeneste.</p>"
    )
    b.law(
        "reg-6-7",
        "Fristen 1. februar gjelder alle søkerne dette heftet handler om.",
    )
    b.law("act-3-1")
    return (
        "Slik søker du: det viktigste",
        "applying",
        "Hvem som søker hvordan, hva som skal ligge ved, hvor det sendes og når svarene kommer.",
    )


def chapter_categories(b, y0):
    b.text(
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
        "ved sakkyndig vurdering.</p>"
    )
    b.info(
        "Tilrettelagte grupper",
        (
            "<p>Tilrettelagte grupper har 4 til 10 elever. Hver elev har en individuell "
            "opplæringsplan med mål hentet fra læreplanene, som fører fram til grunnkompetanse "
            "på ulike nivåer.</p><ul><li><b>Hverdagslivstrening (H)</b>: kunnskap og "
            "ferdigheter for voksenlivet hjemme, i fritiden og i arbeid.</li>"
            "<li><b>Arbeidslivstrening (A)</b>: bygger mot ordinært eller tilrettelagt arbeid, "
            "med praksis i bedrift én til fire dager i uka.</li><li><b>Grunnkompetanseløpet "
            "(G)</b>: et yrkesfaglig løp med to år i skole og to år i bedrift, bygd på "
            "lærekandidatordningen.</li></ul>"
        ),
    )
    b.law("reg-6-13")
    b.law("reg-6-20")
    b.law(
        "reg-6-18",
        "PPT gir tilrådingen som må følge en A-søknad.",
    )
    b.law("reg-6-19")
    b.law("reg-6-21")
    b.law("reg-6-24")
    b.text(
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
        "dessuten melde fra om behov for tilrettelegging når skolen starter.</p>"
    )
    b.fillable(
        "attachment",
        "Vedleggsskjemaet",
        "Delene A, B og C, med M og O, del I for alle, og samtykket.",
    )
    b.law("act-5-1")
    b.law(
        "act-ch-4",
        "Kategori C: opplæring i bedrift.",
    )
    b.law("act-4-2")
    b.law("act-3-12", "Gjelder elever som krysser av for M.")
    return (
        "Kategoriene A, B og C, med M og O",
        "categories",
        "Hva hver rute på vedleggsskjemaet betyr, og hva som må legges ved.",
    )


def chapter_ppt(b, y0):
    b.text(
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
        "utstedes.</li></ul>"
    )
    b.tip(
        "Meld opp om høsten",
        (
            "<p>Elever i 10. trinn trenger en ny sakkyndig vurdering før 1. februar. PPT for "
            "grunnskolen skriver disse vurderingene fra oktober til februar, så meld opp "
            "elevene tidlig på høsten.</p>"
        ),
    )
    b.law("act-5-6")
    b.law("act-5-1")
    b.law("reg-3-32")
    b.law(
        "act-3-1",
        "Femte ledd: inntil to år ekstra.",
    )
    b.law("act-3-9")
    b.law("act-3-10")
    b.law(
        "reg-3-67",
        "Bokstav c: fritak fra inntil to fellesfag.",
    )
    return (
        "Pedagogisk-psykologisk tjeneste (PPT)",
        "ppt",
        (
            "Hva PPT gjør for elever, lærlinger og elever på institusjon, og når det trengs en "
            "sakkyndig vurdering fra PPT."
        ),
    )


def chapter_annual_wheel(b, y0):
    y1 = y0 + 1
    edu = "Utdanningsavdelingen"
    b.text(
        "<p>Årshjulet er fylkets rutine for å sikre at elever med rett til spesialundervisning "
        "får den fra første dag i videregående skole. Datoer merket <i>ca.</i> følger det "
        "nasjonale inntaket og kan flytte seg noen dager.</p>"
    )
    b.calendar(
        "Ved skolestart",
        "For elevene som begynte i videregående skole denne høsten.",
        [
            {
                "action": "Manglende vedleggsskjema sendes skolene",
                "responsible": edu,
                "starts": _d(y0, 8, 10),
                "when_text": "ca.",
                "purpose": "Komplett dokumentasjon for hver elev",
            },
            {
                "action": "Endelige enkeltvedtak for elever fra grunnskolen",
                "responsible": "Rektor, team for tilpasset opplæring",
                "starts": _d(y0, 8, 15),
                "purpose": "Vedtaket er på plass første skoledag",
            },
            {
                "action": (
                    "Kartlegging av grunnleggende ferdigheter og språknivå; oppstartsamtaler; "
                    "rådgiveren informerer klassene om rettigheter og muligheter"
                ),
                "responsible": "Videregående skoler",
                "starts": _d(y0, 8, 18),
                "ends": _d(y0, 9, 12),
                "purpose": "Informasjon når fram til lærerne",
            },
            {
                "action": "Enkeltvedtak om spesialundervisning for øvrige elever",
                "responsible": "Rektor, team for tilpasset opplæring",
                "starts": _d(y0, 8, 15),
                "ends": _d(y0, 10, 10),
                "purpose": "Vedtak for alle som trenger det",
            },
            {
                "action": (
                    "IOP skrives av faglærerne og kontaktlæreren i fellesskap, i møter med "
                    "elev og foresatte"
                ),
                "responsible": "Kontaktlærer, faglærere",
                "starts": _d(y0, 8, 20),
                "ends": _d(y0, 10, 15),
                "purpose": "En plan for hvert vedtak",
            },
            {
                "action": "Kopi av enkeltvedtak sendes PPT",
                "responsible": "Videregående skoler",
                "when_text": "fortløpende",
                "purpose": "PPT kan følge opp",
            },
        ],
    )
    b.calendar(
        "Før søknadsfristen",
        "Forberedelser for neste års søkere.",
        [
            {
                "action": "Budsjett og tilbudsstruktur for tilrettelagt opplæring",
                "responsible": edu,
                "starts": _d(y0, 10, 1),
                "ends": _d(y0, 12, 15),
                "purpose": "Ressurser til neste år",
            },
            {
                "action": "Rådgiversamling om inntak: tilbudsstruktur, særskilt inntak og formidling",
                "responsible": edu,
                "starts": _d(y0, 10, 20),
                "ends": _d(y0, 11, 10),
                "purpose": "Felles informasjon",
            },
            {
                "action": (
                    "Vurdering av søkere til prioritert Vg1, individuell vurdering til "
                    "Vg2/Vg3 og spesialundervisning i ordinært inntak"
                ),
                "responsible": "Skolene, oppfølgingstjenesten, PPT",
                "starts": _d(y0, 10, 1),
                "ends": _d(y0, 12, 20),
                "purpose": "Tydelige retningslinjer",
            },
            {
                "action": "Sakkyndige vurderinger for elever i 10. trinn",
                "responsible": "PPT for grunnskolen",
                "starts": _d(y0, 10, 1),
                "ends": _d(y1, 2, 1),
                "purpose": "Dokumentasjon",
            },
            {
                "action": (
                    "Gjennomgang av sakkyndige vurderinger for elever, lærlinger og "
                    "lærekandidater i videregående"
                ),
                "responsible": "PPT for videregående",
                "starts": _d(y0, 10, 1),
                "ends": _d(y1, 2, 1),
                "purpose": "Dokumentasjon",
            },
            {
                "action": "Informasjon og skjemaer legges ut på fylkets nettsider",
                "responsible": edu,
                "starts": _d(y0, 11, 1),
                "purpose": "Alle har skjemaene i tide",
            },
            {
                "action": "Møte mellom fylkets PPT og PPT i kommunene",
                "responsible": "Utdanningsavdelingen, PPT",
                "starts": _d(y0, 11, 1),
                "ends": _d(y0, 11, 30),
                "purpose": "Felles retningslinjer",
            },
            {
                "action": "Skolebesøk: alle A-søkere til ordinær gruppe besøker skolen før de søker",
                "responsible": "Avgiverskolene",
                "starts": _d(y0, 10, 15),
                "ends": _d(y1, 1, 31),
                "purpose": "Et gjennomtenkt valg",
            },
            {
                "action": "Kartlegging av behov for mer enn tre år og for særskilt språkopplæring",
                "responsible": "Videregående skoler",
                "starts": _d(y1, 1, 2),
                "ends": _d(y1, 1, 14),
                "purpose": "Oversikt sendes PPT",
            },
            {
                "action": "Frist: søknad om utvidet opplæringsrett",
                "responsible": "Skolene, oppfølgingstjenesten, PPT",
                "starts": _d(y1, 1, 15),
                "purpose": "Retten er avklart før inntaket",
            },
            {
                "action": "Enkeltvedtak om utvidet rett sendes søkerne",
                "responsible": edu,
                "starts": _d(y1, 1, 25),
                "purpose": "Vedtak",
            },
        ],
    )
    b.calendar(
        "Fra søknad til vedtak",
        "",
        [
            {
                "action": "Frist: særskilt inntak (prioritert Vg1 og individuell vurdering)",
                "responsible": "Rådgivere ved avgiverskolen",
                "starts": _d(y1, 2, 1),
                "purpose": "Søknad",
            },
            {
                "action": "Overføringsmøter med nye søkere og familiene deres",
                "responsible": "Videregående skoler",
                "starts": _d(y1, 2, 1),
                "ends": _d(y1, 5, 31),
                "when_text": "fra 1. februar",
                "purpose": "Informasjon overføres; familien deltar",
            },
            {
                "action": (
                    "Vedleggsskjema registreres; lister over A- og B-søkere sendes skolene, "
                    "PPT og opplæringskontorene"
                ),
                "responsible": edu,
                "starts": _week(y1, 5, 1),
                "ends": _week(y1, 10, 5),
                "when_text": "uke 5 til 10; A-lister i uke 7, B-lister i uke 11",
                "purpose": "Registrering",
            },
            {
                "action": (
                    "Skolene og PPT går gjennom søknader og sakkyndige vurderinger; "
                    "ufullstendige søknader returneres"
                ),
                "responsible": "Skolene, PPT, utdanningsavdelingen",
                "starts": _d(y1, 2, 1),
                "ends": _d(y1, 3, 31),
                "purpose": "Kvalitetssikring",
            },
            {
                "action": (
                    "Frist: øvrige søkere, også de som søker spesialundervisning eller gir "
                    "tilleggsopplysninger"
                ),
                "responsible": "Søkere, rådgivere",
                "starts": _d(y1, 3, 1),
                "purpose": "Søknad",
            },
            {
                "action": "Foreløpig inntak til hverdagslivstrening",
                "responsible": edu,
                "starts": _d(y1, 3, 10),
                "when_text": "ca.",
                "purpose": "Foreløpig melding",
            },
            {
                "action": "Inntaksmøter mellom skolene, PPT og utdanningsavdelingen",
                "responsible": edu,
                "starts": _d(y1, 3, 15),
                "ends": _d(y1, 4, 30),
                "purpose": "Kvalitetssikring",
            },
            {
                "action": "Tidsbegrensede enkeltvedtak for elever som kommer fra grunnskolen",
                "responsible": "Rektor, team for tilpasset opplæring",
                "starts": _d(y1, 4, 1),
                "ends": _d(y1, 6, 30),
                "purpose": "Opplæringen er klar fra første dag",
            },
            {
                "action": "Særskilt inntak: melding om vedtak til søkerne",
                "responsible": edu,
                "starts": _d(y1, 5, 27),
                "when_text": "ca.",
                "purpose": "Vedtak",
            },
            {
                "action": "Klager på særskilt inntak behandles",
                "responsible": edu,
                "starts": _d(y1, 6, 1),
                "ends": _d(y1, 6, 30),
                "purpose": "Saksbehandling",
            },
            {
                "action": "Halvårsrapporter (fylkets felles mal), kopi til PPT",
                "responsible": "Kontaktlærer",
                "starts": _d(y1, 2, 1),
                "purpose": "Oppfølging av planen",
            },
            {
                "action": (
                    "Oppfølgingssamtaler om våren: trepartssamtaler med elev og foresatte, "
                    "elevsamtaler og fagevalueringer"
                ),
                "responsible": "Kontaktlærer, faglærere",
                "starts": _d(y1, 2, 1),
                "ends": _d(y1, 7, 1),
                "when_text": "vårhalvåret, før halvårsrapporten 1. juli",
                "purpose": "Planen evalueres sammen med familien",
            },
            {
                "action": "Tilleggsressurser tildeles etter søknad fra skolene, friskolene og bedriftene",
                "responsible": edu,
                "starts": _d(y1, 5, 1),
                "ends": _d(y1, 9, 30),
                "purpose": "Kvalitetssikring av budsjett og ressurser",
            },
            {
                "action": (
                    "Søknader fra andre fylker, oppfølgingstjenesten og barnevernsinstitusjoner "
                    "behandles"
                ),
                "responsible": edu,
                "when_text": "fortløpende",
                "purpose": "Saksbehandling og melding om vedtak",
            },
            {
                "action": "Halvårsrapporter for vårhalvåret, kopi til PPT",
                "responsible": "Kontaktlærer",
                "starts": _d(y1, 7, 1),
                "purpose": "Oppfølging av planen",
            },
            {
                "action": "Ordinært inntak: svar til alle andre søkere, også kategori B (på SMS)",
                "responsible": edu,
                "starts": _d(y1, 7, 12),
                "when_text": "ca.",
                "purpose": "Vedtak om inntak",
            },
        ],
    )
    return (
        "Årshjulet: alle årets frister",
        "annual-wheel",
        "Hvert trinn i inntaksåret med dato, hvem som har ansvaret og hvorfor.",
    )


def chapter_extension(b, y0):
    y1 = y0 + 1
    b.text(
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
        "oppnå: fullføre et program, nå grunnkompetanse eller bestemte mål i læreplanen.</p>"
    )
    b.calendar(
        "Datoer for utvidet rett",
        "",
        [
            {
                "action": "Søknadsfrist",
                "responsible": "Eleven, med rådgiver eller oppfølgingstjenesten",
                "starts": _d(y1, 1, 15),
                "purpose": "Retten er avklart før inntaket",
            },
            {
                "action": "Enkeltvedtak sendes eleven",
                "responsible": "Utdanningsavdelingen",
                "starts": _d(y1, 1, 25),
                "purpose": "Vedtak",
            },
        ],
    )
    b.form(
        "Søknad om utvidet rett til videregående opplæring",
        (
            "Fyll det ut sammen med rådgiveren eller oppfølgingstjenesten, og legg ved sakkyndig "
            "vurdering eller annen dokumentasjon."
        ),
        "extension",
    )
    b.law(
        "act-3-1",
        "Femte ledd gir de ekstra årene.",
    )
    b.law("act-3-9")
    b.law("act-3-10")
    b.law("act-3-12")
    b.law(
        "foi-13",
        "Søknadsskjemaet er unntatt offentlighet.",
    )
    return (
        "Utvidet opplæringsrett",
        "extension",
        "Inntil to år ekstra for elever som trenger det: hvem som kan søke, hvordan og innen når.",
    )


def chapter_private_schools(b, y0):
    y1 = y0 + 1
    private = "Privat videregående skole"
    edu = "Utdanningsavdelingen"
    b.text(
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
        "elevens hjemfylke.</p>"
    )
    b.calendar(
        "Årshjul for private skoler",
        "Spesialundervisning for elever ved private videregående skoler.",
        [
            {
                "action": "Vurdere søkere og melde dem opp til PPT",
                "responsible": "Avgiverskole (rådgiver) eller oppfølgingstjenesten",
                "starts": _d(y0, 10, 1),
                "ends": _d(y0, 12, 20),
                "purpose": "Behovene kartlagt i god tid",
            },
            {
                "action": "Sakkyndig vurdering",
                "responsible": "PPT",
                "starts": _d(y0, 11, 1),
                "ends": _d(y1, 1, 31),
                "purpose": "Dokumentasjon",
            },
            {
                "action": "Frist: utvidet opplæringsrett",
                "responsible": edu,
                "starts": _d(y1, 1, 15),
                "purpose": "Retten er avklart før fristen",
            },
            {
                "action": "Søknad med vedleggsskjema og oppdatert sakkyndig vurdering",
                "responsible": "Avgiverskolen",
                "starts": _d(y1, 2, 1),
                "purpose": "Søknad",
            },
            {
                "action": (
                    "Inntak etter skolens eget reglement; særskilt inntak for søkere med "
                    "fortrinnsrett ca. 25. mai"
                ),
                "responsible": private,
                "starts": _d(y1, 4, 1),
                "ends": _d(y1, 6, 30),
                "purpose": "Inntak",
            },
            {
                "action": (
                    "Tilpasset opplæring eller spesialundervisning? Skolen beskriver hva "
                    "som kan tilrettelegges i den ordinære opplæringen"
                ),
                "responsible": "Privat skole, PPT",
                "starts": _d(y1, 4, 1),
                "ends": _d(y1, 6, 30),
                "purpose": "Riktig tiltak",
            },
            {
                "action": "Søknad om spesialundervisning og refusjonsgaranti",
                "responsible": "Privat skole, sammen med de inntatte elevene",
                "starts": _d(y1, 6, 10),
                "purpose": "Likeverdig behandling og budsjett i tide",
            },
            {
                "action": "Refusjonsgaranti gis",
                "responsible": edu,
                "starts": _d(y1, 6, 25),
                "when_text": "ca.",
                "purpose": "Ressurser per elev",
            },
            {
                "action": "Enkeltvedtak om spesialundervisning",
                "responsible": edu,
                "when_text": "før skolestart",
                "purpose": "Utarbeidet sammen med skolen og eleven",
            },
            {
                "action": "Halvårsrapport og refusjonskrav",
                "responsible": private,
                "starts": _d(y1, 2, 1),
                "purpose": "Rapporten er grunnlaget for refusjonen",
            },
            {
                "action": "Halvårsrapport og refusjonskrav for vårhalvåret",
                "responsible": private,
                "starts": _d(y1, 7, 1),
                "purpose": "Rapporten er grunnlaget for refusjonen",
            },
        ],
    )
    b.law("priv-3")
    b.law("reg-6-20")
    return (
        "Søkere til private skoler",
        "private-schools",
        "Kopier, datoer og refusjon når en elev med særlige behov søker privat skole.",
    )


def chapter_child_welfare(b, y0):
    b.text(
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
        "PPT, barnevernstjenesten i hjemkommunen og eventuelt behandler.</li></ol>"
    )
    b.info(
        "Hvor opplæringen skjer",
        (
            "<p>Opplæringen kan skje på nærskolen, på institusjonsskolen eller på institusjonen. "
            "For elever i grunnskolealder er nærskolen utgangspunktet; en annen skole kan "
            "velges når hensynet til eleven eller de andre elevene tilsier det. For elever i "
            "videregående gjelder de vanlige inntaksreglene. Alle elever med rett til "
            "spesialundervisning får enkeltvedtak; et midlertidig vedtak kan dekke tiden til "
            "PPTs vurdering er klar.</p>"
        ),
    )
    b.text(
        "<h2>Underveis og etterpå</h2>"
        "<p>Det holdes jevnlige samarbeidsmøter med de samme deltakerne som på "
        "innmeldingsmøtet. Den koordinerende skolen gir refusjonsgaranti for skoletilbudet, og "
        "skolen krever refusjon med en rapport om elevens skoletilbud, oppmøte og utvikling; for "
        "elever med spesialundervisning må IOP og halvårsrapport sendes først. Kravene sendes "
        "hvert halvår, i juni og desember.</p>"
        "<p>Når skoletilbudet avsluttes, sendes dokumentene fra perioden til elevens "
        "saksbehandler i barnevernet: vedtak, ny sakkyndig vurdering, møtereferater, "
        "halvårsrapporter, fraværsoversikt og karakterer.</p>"
    )
    b.law("act-13-2")
    b.law("act-2-1")
    b.law("act-8-1")
    b.law("act-5-1")
    return (
        "Søkere fra barnevernsinstitusjoner",
        "child-welfare",
        (
            "Hvordan skoletilbudet kommer på plass innen 14 dager for elever som plasseres på "
            "institusjon."
        ),
    )


def chapter_review(b, y0):
    b.text(
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
        "en plan for møtene.</p>"
    )
    b.tip(
        "Forbered møtet sammen",
        (
            "<p>Inviter skolens kontaktperson i PPT til gjennomgangen: PPT for videregående "
            "hjelper skolene å vurdere omfang og organisering av spesialundervisningen opp mot de "
            "sakkyndige vurderingene.</p>"
        ),
    )
    b.law("reg-6-20")
    b.law("reg-6-24")
    b.law("act-5-1")
    b.law("act-3-12")
    return (
        "Etter 1. februar: skolenes gjennomgang",
        "after-the-deadline",
        "Hvordan fylket og skolene kontrollerer søknadene og forbereder det særskilte inntaket.",
    )


def chapter_templates(b, y0):
    b.text(
        "<p>Fylket bruker to felles maler for elever med spesialundervisning. Begge er unntatt "
        "offentlighet fordi de inneholder personopplysninger.</p>"
        "<h2>Halvårsrapporten</h2>"
        "<p>Kontaktlæreren skriver en halvårsrapport innen 1. februar og 1. juli, og eleven "
        "signerer også. Den viser elevens utdanningsplan år for år, hovedmålet, enkeltvedtaket "
        "som gjelder, målene for perioden, oppmøte, en sosial og en faglig vurdering, en "
        "helhetsvurdering opp mot målene og hva som bør endres. Kopi sendes PPT.</p>"
    )
    b.form(
        "Halvårsrapport",
        "Fylkets felles mal for alle elever med spesialundervisning.",
        "half-year-report",
    )
    b.law("act-5-5")
    b.text(
        "<h2>Enkeltvedtaket</h2>"
        "<p>Skolen svarer på en søknad om spesialundervisning med et enkeltvedtak. Vedtaket "
        "viser hvilke dokumenter det bygger på, og fastsetter omfang, innhold og fag og "
        "organisering av opplæringen fra skolestart. Det innebærer at det skrives en "
        "individuell opplæringsplan. Hvis skolen avviker fra PPTs tilråding, skal vedtaket si "
        "det og begrunne hvorfor.</p>"
        "<p>Vedtaket forteller også familien hvordan opplæringen evalueres (elevsamtaler, "
        "trepartssamtaler, fagevalueringer og halvårsrapporter), at de har rett til å se "
        "sakens dokumenter, og at de kan klage innen <b>tre uker</b>. Klagen sendes skolen; "
        "statsforvalteren avgjør den.</p>"
    )
    b.form(
        "Enkeltvedtak om spesialundervisning",
        "Mal for skolens vedtak, med familiens rettigheter skrevet ut.",
        "individual-decision",
    )
    b.law("act-5-1")
    b.law("pa-18")
    b.law("pa-28")
    b.law("act-15-2")
    b.law("foi-13")
    return (
        "Maler: halvårsrapport og enkeltvedtak",
        "templates",
        "Fylkets felles maler for oppfølging av spesialundervisning.",
    )


def chapter_statistics(b, y0):

    def year(start):
        return f"{start}/{(start + 1) % 100:02d}"

    years = [year(y0 - 3), year(y0 - 2), year(y0 - 1)]
    note = (
        "Demotall, hentet fra et norsk fylkes inntaksstatistikk. Tallene er registrert på ulike "
        "tidspunkt og i ulike systemer og er derfor noe usikre."
    )
    b.text(
        "<p>Tabellene viser hvor mange elever som ble tatt inn i tilrettelagte grupper de tre "
        "siste skoleårene, og hvordan søkerne til spesialundervisning fordelte seg på typer "
        "grupper og på utdanningsprogram i fjor. Alle søkere til tilrettelagte grupper tas inn "
        "etter individuell vurdering.</p>"
    )
    b.statistics(
        "Elever tatt inn i tilrettelagte grupper",
        "Gruppe",
        years,
        [
            ("Hverdagslivstrening (H)", [83, 67, 73], False),
            ("Arbeidslivstrening (A)", [132, 147, 141], False),
            ("Grunnkompetanse (G)", [71, 73, 86], False),
            ("Alle elever", [286, 287, 300], True),
        ],
        f"Elevene fikk opplæring i 49, 50,5 og 51,5 grupper. {note}",
    )
    b.statistics(
        f"A-søkere etter type gruppe, {years[-1]}",
        "Gruppe",
        ["Elever"],
        [
            ("Tilrettelagt gruppe", [300], False),
            ("Ordinær gruppe", [154], False),
            ("Alle A-søkere", [454], True),
        ],
        note,
    )
    b.statistics(
        f"Søkere til spesialundervisning etter utdanningsprogram, {years[-1]}",
        "Utdanningsprogram",
        ["Kategori A", "Kategori B"],
        [
            ("Bygg- og anleggsteknikk", [44, 92], False),
            ("Design og håndverk", [16, 32], False),
            ("Elektrofag", [5, 14], False),
            ("Helse- og oppvekstfag", [64, 78], False),
            ("Idrettsfag", [4, 5], False),
            ("Medier og kommunikasjon", [15, 16], False),
            ("Musikk, dans og drama", [8, 4], False),
            ("Naturbruk", [27, 13], False),
            ("Påbygging", [2, 23], False),
            ("Restaurant- og matfag", [50, 17], False),
            ("Service og samferdsel", [59, 40], False),
            ("Studiespesialisering", [92, 37], False),
            (
                "Teknikk og industriell produksjon",
                [68, 91],
                False,
            ),
            ("Alle søkere", [454, 462], True),
        ],
        note,
    )
    return (
        "Statistikk",
        "statistics",
        "Inntak til tilrettelagte grupper og søkere til spesialundervisning i tall.",
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


def article_no_iskole(b, y0):
    b.text(
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
        "publisert til deg.</p>"
    )
    b.info(
        "Hva lærerne ser",
        (
            "<p>Lærere som underviser barnet ditt i minst ett fag, kan lese planen, men skriver "
            "bare i sine egne fag. Dokumenter vises for lærerne bare når IOP-ansvarlig har merket "
            "dem som synlige for lærere. I tilgangsloggen ser du hvem som har åpnet planen, og "
            "når.</p>"
        ),
    )
    b.tip(
        "Spør før du godkjenner",
        (
            "<p>Er noe i søknaden uklart, be kontaktlæreren eller IOP-ansvarlig om et møte før "
            "du godkjenner.</p>"
        ),
    )
    b.law("act-5-1")
    b.law("act-5-5")
    return {
        "jurisdiction": "no-iskole",
        "slug": "iop-norway",
        "title": "IOP i Norge: fra søknad til plan",
        "summary": (
            "Hvordan skolen søker spesialundervisning for barnet ditt, hva du "
            "godkjenner, og hvordan den individuelle opplæringsplanen følges opp."
        ),
    }


def article_rs_pravilnik(b, y0):
    b.text(
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
        "etter.</p>"
    )
    b.info(
        "Hvis du sier nei",
        (
            "<p>Du kan nekte samtykke, og det blir registrert. Mener skolen at et nei uten god "
            "grunn skader barnet, må den varsle sosialtjenesten.</p>"
        ),
    )
    b.tip(
        "Ta vare på mappen",
        (
            "<p>Skolen fører en mappe med barnets arbeider og evalueringene av planen. Be om å "
            "få se den før hvert evalueringsmøte.</p>"
        ),
    )
    return {
        "jurisdiction": "rs-pravilnik",
        "slug": "iop-serbia",
        "title": "IOP i Serbia: fra støttetiltak til plan",
        "summary": (
            "Hvordan en serbisk skole går fra ekstra støtte til en individuell "
            "opplæringsplan (IOP1, IOP2 eller IOP3), og hva som krever ditt skriftlige "
            "samtykke."
        ),
    }


def article_se_iup(b, y0):
    b.text(
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
        "mål.</p>"
    )
    b.tip(
        "Før samtalen",
        (
            "<p>Les barnets egenvurdering sammen, og noter én ting som går bra og én ting å "
            "jobbe med.</p>"
        ),
    )
    b.info(
        "Hvem ser hva",
        (
            "<p>Du ser dine egne barn og klassene og skolene deres. Ansatte velger i profilen "
            "sin hvilke kontaktopplysninger familiene kan se.</p>"
        ),
    )
    return {
        "jurisdiction": "se-iup",
        "slug": "iup-sweden",
        "title": "IUP i Sverige: utviklingssamtalen og målene til barnet",
        "summary": (
            "Den individuelle utviklingsplanen følger en årlig syklus: forberedelse, "
            "utviklingssamtale, skriftlig plan og oppfølging av målene."
        ),
    }


def article_no_troms_transition(b, y0):
    y1 = y0 + 1
    principal = "Rektor, ungdomsskolen"
    b.text(
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
        "Sier du nei, skrives det i kartleggingstabellen, og ingenting deles.</p>"
    )
    b.calendar(
        "Overgangsåret",
        "Datoene i rutinen, med hvem som har ansvaret.",
        [
            {
                "action": "Alle ansatte gjøres kjent med overgangsrutinen",
                "responsible": principal,
                "starts": _d(y0, 8, 15),
                "ends": _d(y0, 8, 31),
                "purpose": "Alle vet hva de skal se etter",
            },
            {
                "action": "Alle klasser kartlagt etter risikofaktorene",
                "responsible": principal,
                "starts": _d(y0, 10, 1),
                "purpose": "Ingen elev blir oversett",
            },
            {
                "action": "Samtykke fra elev og foresatte",
                "responsible": principal,
                "when_text": "før kontakt med den nye skolen",
                "purpose": "Familien bestemmer hva som deles",
            },
            {
                "action": "Kontakt med den videregående skolen eleven vurderer",
                "responsible": principal,
                "starts": _d(y0, 11, 1),
                "purpose": "Den nye skolen vet hvem som kommer",
            },
            {
                "action": "Besøk eller hospitering på videregående avtalt",
                "responsible": "Rådgiver, med kontaktperson på videregående",
                "starts": _d(y0, 12, 15),
                "purpose": "Et kjent sted første skoledag",
            },
            {
                "action": "Søknadsfrist",
                "responsible": "Rådgiver",
                "starts": _d(y1, 3, 1),
                "purpose": "Søknad",
            },
            {
                "action": "Kartleggingsskjema overleveres; videregående overtar planen",
                "responsible": "Rådgiver",
                "starts": _d(y1, 3, 15),
                "purpose": "Én ansvarlig skole om gangen",
            },
            {
                "action": "Ønsker om justering av rutinen samles og sendes skoleeier",
                "responsible": principal,
                "starts": _d(y1, 3, 1),
                "ends": _d(y1, 3, 31),
                "purpose": "Rutinen blir bedre hvert år",
            },
        ],
    )
    b.text(
        "<h2>Den individuelle overgangsplanen</h2>"
        "<p>Planen viser trinn med datoer, hvem som har ansvaret på ungdomsskolen, og hvem som "
        "bidrar fra videregående. Til søknaden er sendt, følger ungdomsskolen opp planen; etter "
        "fristen 1. mars og overleveringen av kartleggingsskjemaet 15. mars tar den "
        "videregående skolen over.</p>"
        "<p>Skoleeieren kontrollerer hver måned fra august til mars at trinnene er gjort. "
        "Kommunene og fylket møtes til dialogmøter i september, i november eller desember og i "
        "april.</p>"
    )
    return {
        "jurisdiction": "no-troms-transition",
        "slug": "transition-routine",
        "title": "Overgangen til videregående: overgangsrutinen",
        "summary": (
            "Ungdomsskolene kartlegger alle klasser om høsten og planlegger, med ditt "
            "samtykke, overgangen sammen med den nye skolen."
        ),
    }


ARTICLES = [
    article_no_iskole,
    article_rs_pravilnik,
    article_se_iup,
    article_no_troms_transition,
]
