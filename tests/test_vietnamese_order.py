"""Names sort in Vietnamese alphabetical order (motcua.lib.text.vi_sort_key), and the database
orders them the same way through motcua.lib.collation, on SQLite and on PostgreSQL alike."""

import random
import unicodedata

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from motcua.catalog.models import Field
from motcua.lib.text import vi_sort_key

ALPHABET = "a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y".split()
# Tones in dictionary order: ngang, huyền, hỏi, ngã, sắc, nặng.
TONES = ["", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323"]


def vi_sorted(names):
    return sorted(names, key=vi_sort_key)


def shuffled(names, seed=0):
    names = list(names)
    random.Random(seed).shuffle(names)
    return names


# --- the named cases ----------------------------------------------------------------------


def test_d_with_a_stroke_comes_after_d_not_after_z():
    names = ["Xây dựng", "Đường bộ", "Giao thông vận tải", "Đất đai", "Dân cư", "Zebra"]
    assert vi_sorted(names) == [
        "Dân cư",
        "Đất đai",
        "Đường bộ",
        "Giao thông vận tải",
        "Xây dựng",
        "Zebra",
    ]


def test_letters_come_before_tones():
    assert vi_sorted(["Thành lập doanh nghiệp", "Tài nguyên và môi trường"]) == [
        "Tài nguyên và môi trường",
        "Thành lập doanh nghiệp",
    ]
    assert vi_sorted(["Phường Hoàng Mai", "Phường Hà Đông"]) == [
        "Phường Hà Đông",
        "Phường Hoàng Mai",
    ]
    assert vi_sorted(["mai", "mạch"]) == ["mạch", "mai"]


def test_the_alphabet_is_in_its_own_order_in_either_case():
    assert vi_sorted(shuffled(ALPHABET)) == ALPHABET
    capitals = [letter.upper() for letter in ALPHABET]
    assert vi_sorted(shuffled(capitals)) == capitals
    assert vi_sorted(["ăn", "bò", "anh", "âm"]) == ["anh", "ăn", "âm", "bò"]


def test_tones_follow_the_dictionary_order():
    words = [unicodedata.normalize("NFC", "ma" + tone) for tone in TONES]
    assert words == ["ma", "mà", "mả", "mã", "má", "mạ"]
    assert vi_sorted(shuffled(words)) == words


def test_case_decides_only_between_otherwise_equal_words():
    assert vi_sorted(["ăn", "An", "ai", "an"]) == ["ai", "an", "An", "ăn"]


def test_decomposed_text_sorts_beside_its_composed_form():
    composed = "Đường bộ"
    decomposed = unicodedata.normalize("NFD", composed)
    listed = vi_sorted([decomposed, "Dân cư", "Giao thông", composed])
    assert listed[0] == "Dân cư" and listed[-1] == "Giao thông"
    assert set(listed[1:3]) == {composed, decomposed}


# --- properties ---------------------------------------------------------------------------

syllables = st.lists(
    st.tuples(st.sampled_from(ALPHABET), st.sampled_from(TONES)), min_size=1, max_size=6
)


def word(letters_and_tones, *, tones=True):
    return unicodedata.normalize(
        "NFC", "".join(letter + (tone if tones else "") for letter, tone in letters_and_tones)
    )


def before(left, right):
    return vi_sort_key(left) < vi_sort_key(right)


@given(syllables, syllables)
def test_words_with_different_letters_are_ordered_by_their_letters_alone(left, right):
    bare_left, bare_right = word(left, tones=False), word(right, tones=False)
    if bare_left != bare_right:
        assert before(word(left), word(right)) == before(bare_left, bare_right)


@given(syllables, st.data())
def test_words_with_the_same_letters_are_ordered_by_their_first_different_tone(left, data):
    right = [(letter, data.draw(st.sampled_from(TONES))) for letter, _tone in left]
    tone_ranks = [
        (TONES.index(a), TONES.index(b)) for (_, a), (_, b) in zip(left, right, strict=True)
    ]
    differing = [(a, b) for a, b in tone_ranks if a != b]
    if differing:
        first_left, first_right = differing[0]
        assert before(word(left), word(right)) == (first_left < first_right)


@given(syllables, syllables)
def test_case_only_breaks_ties(left, right):
    lower_left, lower_right = word(left), word(right)
    if lower_left != lower_right:
        assert before(lower_left.upper(), lower_right) == before(lower_left, lower_right)
        assert before(lower_left.title(), lower_right.upper()) == before(lower_left, lower_right)


@given(st.text(), st.text())
def test_two_texts_share_a_key_only_when_they_are_the_same_text(left, right):
    assert (vi_sort_key(left) == vi_sort_key(right)) == (left == right)


# --- the database agrees ------------------------------------------------------------------

# Pieces that share letters and differ in tone, letter marks or case, so that names often
# tie on their letters, and a few that are not Vietnamese letters at all.
PIECES = [
    *(unicodedata.normalize("NFC", base + tone) for base in ("ma", "Ưu", "đa") for tone in TONES),
    *("an", "ăn", "ân", "Ân", "da", "Da", "dạ", "Đà", "o", "ô", "ơ", "Ờ", "u", "ư"),
    *("f", "J", "w", "z", " ", "-", ",", ".", "(", "1", "10", "2"),
]
names = st.tuples(
    st.lists(st.sampled_from(PIECES), min_size=1, max_size=5).map("".join),
    st.booleans(),
).map(lambda drawn: unicodedata.normalize("NFD" if drawn[1] else "NFC", drawn[0]))


@pytest.mark.django_db
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(names, min_size=2, max_size=25))
@example(
    [
        *shuffled(unicodedata.normalize("NFC", "Ưu" + tone) for tone in TONES),
        *shuffled(ALPHABET),
        *("Đường bộ", "Đất đai", "Thành lập", "Tài nguyên", "Phường Hoàng Mai", "Phường Hà Đông"),
    ]
)
def test_the_database_lists_names_in_the_order_of_the_python_key(db, some_names):
    Field.objects.all().delete()
    Field.objects.bulk_create(Field(code=f"LV{n}", name=name) for n, name in enumerate(some_names))
    # Field's Meta.ordering is motcua.lib.collation.vietnamese("name").
    assert list(Field.objects.values_list("name", flat=True)) == vi_sorted(some_names)


def test_people_are_listed_by_given_name_then_family_name():
    from motcua.lib.text import person_sort_key

    names = ["Trần Minh Đức", "Lê Thị Mai Phương", "Nguyễn Văn An", "Đỗ Văn An", "Hà", ""]
    assert sorted(names, key=person_sort_key) == [
        "",
        "Đỗ Văn An",
        "Nguyễn Văn An",
        "Trần Minh Đức",
        "Hà",
        "Lê Thị Mai Phương",
    ]
