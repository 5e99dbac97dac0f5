# ruff: noqa: S101 (pytest tests assert)
"""The rulebook's dates, team composition and the Cyrillic/Latin transliteration."""

import datetime

import pytest

from jurisdictions.rs_pravilnik import rules
from jurisdictions.rs_pravilnik.conformance import complete_team, make_case
from jurisdictions.rs_pravilnik.models import MemberFunction, TeamMember
from plugins.models import Person

D = datetime.date


@pytest.mark.parametrize(
    "cyrillic,latin",
    [
        ("Марко Петровић", "Marko Petrović"),
        ("Љубица Његош", "Ljubica Njegoš"),
        ("ЉУБА ЏАЈИЋ", "LJUBA DŽAJIĆ"),
        ("Ђорђе Чолић Шћепановић", "Đorđe Čolić Šćepanović"),
        ("Џон", "Džon"),
    ],
)
def test_transliteration_both_ways(cyrillic, latin):
    assert rules.to_latin(cyrillic) == latin
    assert rules.to_cyrillic(latin) == cyrillic


@pytest.mark.parametrize(
    "cyrillic,latin",
    [
        # Real phrases of the pages and forms, with Љ, Њ and Џ among them.
        ("Индивидуални образовни план", "Individualni obrazovni plan"),
        ("Љубазно молимо родитеље за сагласност", "Ljubazno molimo roditelje za saglasnost"),
        ("Његовање самосталности у учењу", "Njegovanje samostalnosti u učenju"),
        ("Џемпер, џеп и оџак", "Džemper, džep i odžak"),
        ("ОШ „Његош“ Љубовија", "OŠ „Njegoš“ Ljubovija"),
        ("Пријава за ЊЕГОВАЊЕ и ЏЕПНИ ЉУБИЧАСТИ", "Prijava za NJEGOVANJE i DŽEPNI LJUBIČASTI"),
        ("Ђачки парламент, ћирилица и шећер", "Đački parlament, ćirilica i šećer"),
    ],
)
def test_to_latin_of_real_phrases_through_cyrtranslit(cyrillic, latin):
    assert rules.to_latin(cyrillic) == latin
    assert rules.to_cyrillic(latin) == cyrillic


def test_to_latin_leaves_markup_and_latin_alone_and_writes_other_cyrillic_letters_in_latin():
    html = '<a href="/j/rs-pravilnik/">План за Љиљану</a> <b>ИОП2</b>'
    assert rules.to_latin(html) == '<a href="/j/rs-pravilnik/">Plan za Ljiljanu</a> <b>IOP2</b>'
    # A Russian or Macedonian name in a Latin document: no Cyrillic letter is left.
    latin = rules.to_latin("Юлия Щукина, Ѓорѓи Ќосевски")
    assert latin == "Julija Ščukina, Ǵorǵi Ḱosevski"
    assert not any("\u0400" <= ch <= "\u04ff" for ch in latin)


def test_in_script_follows_the_language_and_leaves_other_languages_alone():
    assert rules.in_script("Ана Симић", "sr-latn") == "Ana Simić"
    assert rules.in_script("Ana Simić", "sr-cyrl") == "Ана Симић"
    assert rules.in_script("Ана Симић", "en") == "Ана Симић"
    assert rules.to_latin("Ola Nordmann 12") == "Ola Nordmann 12"


def test_first_year_is_quarterly_then_each_term_start():
    dates = rules.evaluation_dates(D(2026, 10, 15), until=D(2028, 10, 1))
    quarterly = [d for d, kind in dates if kind == "quarter"]
    terms = [d for d, kind in dates if kind == "term"]
    assert quarterly == [D(2027, 1, 15), D(2027, 4, 15), D(2027, 7, 15), D(2027, 10, 15)]
    assert terms == [D(2028, 1, 15), D(2028, 9, 1)]
    assert [d for d, _ in dates] == sorted(d for d, _ in dates)


def test_quarter_dates_keep_the_end_of_month():
    dates = rules.evaluation_dates(D(2026, 11, 30), until=D(2027, 12, 31))
    assert [d for d, k in dates if k == "quarter"] == [
        D(2027, 2, 28),
        D(2027, 5, 30),
        D(2027, 8, 30),
        D(2027, 11, 30),
    ]


def test_term_starts_can_be_set(settings):
    settings.RS_PRAVILNIK_TERM_STARTS = ((9, 1), (1, 22))
    dates = rules.evaluation_dates(D(2026, 9, 1), until=D(2028, 2, 1))
    assert [d for d, k in dates if k == "term"] == [D(2028, 1, 22)]


def test_cooperation_window_is_three_months_each_side():
    assert rules.cooperation_window(D(2027, 9, 1)) == (D(2027, 6, 1), D(2027, 12, 1))
    assert rules.cooperation_window(D(2027, 5, 31)) == (D(2027, 2, 28), D(2027, 8, 31))


@pytest.mark.django_db
def test_school_team_composition():
    case = make_case()
    problems = rules.composition_problems(case)
    assert len(problems) == 4  # class teacher, subject teacher, expert associate, parent
    complete_team(case)
    assert rules.composition_problems(case) == []
    expert = Person.objects.create(given_name="Спољни", family_name="Стручњак")
    member = TeamMember.objects.create(
        case=case, person=expert, function=MemberFunction.OUTSIDE_EXPERT
    )
    assert any("parent" in p for p in rules.composition_problems(case))
    member.proposed_by_parent = True
    member.save()
    assert rules.composition_problems(case) == []
    # A preschool function does not belong in a school's team.
    TeamMember.objects.create(case=case, person=expert, function=MemberFunction.PRESCHOOL_TEACHER)
    assert len(rules.composition_problems(case)) == 1


@pytest.mark.django_db
def test_preschool_team_composition():
    case = make_case(preschool=True)
    needed = rules.composition_problems(case)
    assert len(needed) == 4
    assert any(str(MemberFunction.PRESCHOOL_ASSOCIATE.label) in p for p in needed)
    complete_team(case)
    assert rules.composition_problems(case) == []
