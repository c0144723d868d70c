"""The English catalog: complete, compiled, and covering every string in the code.

The interface is Vietnamese-first (msgids are Vietnamese) and English comes from
`locale/en/LC_MESSAGES/django.po`. When a test here fails, refresh and translate the catalog:

    make messages            # makemessages -l en --no-obsolete, then compilemessages -l en

then give every new or `#, fuzzy` entry an English msgstr (and drop the fuzzy flag), and compile
again (`cd src/motcua && DEBUG=1 ../../.venv/bin/python ../../manage.py compilemessages -l en`).
"""

import ast
import gettext
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from motcua.office.timing import phrase

SRC = Path(settings.LOCALE_PATHS[0]).parent
CATALOG = Path(settings.LOCALE_PATHS[0]) / "en" / "LC_MESSAGES" / "django.po"
COMPILED = CATALOG.with_suffix(".mo")
SCANNED = {".py", ".html", ".txt"}  # what makemessages reads for the "django" domain


@dataclass
class Entry:
    msgctxt: str | None = None
    msgid: str = ""
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)

    @property
    def problem(self) -> str | None:
        if "fuzzy" in self.flags:
            return "fuzzy"
        if not self.msgstr or not all(self.msgstr.values()):
            return "untranslated"
        return None


def parse_po(text: str) -> list[Entry]:
    """The live (not obsolete) entries of a .po file, header excluded."""
    entries: list[Entry] = []
    entry, target, index = Entry(), None, 0

    def finish():
        nonlocal entry, target
        if target is not None and entry.msgid:
            entries.append(entry)
        entry, target = Entry(), None

    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#~"):
            finish()
        elif line.startswith("#,"):
            if target is not None:
                finish()
            entry.flags |= {flag.strip() for flag in line[2:].split(",")}
        elif line.startswith("#"):
            if target is not None:
                finish()
        elif line.startswith('"'):
            value = ast.literal_eval(line)
            if target == "msgstr":
                entry.msgstr[index] += value
            else:
                setattr(entry, target, getattr(entry, target) + value)
        else:
            keyword, _, rest = line.partition(" ")
            if keyword.startswith("msgstr"):
                index = int(keyword[7:-1]) if keyword.startswith("msgstr[") else 0
                target = "msgstr"
                entry.msgstr[index] = ast.literal_eval(rest)
            else:
                if (keyword == "msgctxt" and target is not None) or (
                    keyword == "msgid" and target == "msgstr"
                ):
                    finish()
                target = keyword
                setattr(entry, keyword, ast.literal_eval(rest))
    finish()
    return entries


def problems(entries: list[Entry]) -> list[str]:
    return [f"{entry.problem}: {entry.msgid!r}" for entry in entries if entry.problem]


def test_the_parser_sees_untranslated_fuzzy_plural_and_obsolete_entries():
    text = r"""msgid ""
msgstr ""
"Language: en\n"

#: a.py:1
msgid "Có"
msgstr "Yes"

#, fuzzy
#| msgid "Không thu"
msgid "Không"
msgstr "Free of charge"

#: b.html:2
#, python-format
msgid "%(counter)s hồ sơ"
msgid_plural "%(counter)s hồ sơ"
msgstr[0] "%(counter)s dossier"
msgstr[1] ""

msgid ""
"Hồ sơ "
"đã nộp"
msgstr ""

#, fuzzy
msgctxt "nút"
msgid "Chuyển"
msgstr "Forward"

#~ msgid "Cũ"
#~ msgstr ""
"""
    entries = parse_po(text)
    assert [entry.msgid for entry in entries] == [
        "Có",
        "Không",
        "%(counter)s hồ sơ",
        "Hồ sơ đã nộp",
        "Chuyển",
    ]
    assert entries[4].msgctxt == "nút"
    assert entries[2].flags == {"python-format"}
    assert problems(entries) == [
        "fuzzy: 'Không'",
        "untranslated: '%(counter)s hồ sơ'",
        "untranslated: 'Hồ sơ đã nộp'",
        "fuzzy: 'Chuyển'",
    ]


def test_every_english_entry_is_translated_and_none_is_fuzzy():
    entries = parse_po(CATALOG.read_text(encoding="utf-8"))
    assert len(entries) > 1000
    found = problems(entries)
    assert not found, (
        f"{len(found)} entries need English (see this module's docstring):\n" + "\n".join(found)
    )


def test_the_compiled_catalog_matches_the_po():
    with COMPILED.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    stale = []
    for entry in parse_po(CATALOG.read_text(encoding="utf-8")):
        if entry.problem:
            continue
        if entry.msgid_plural:
            got = {0: compiled.ngettext(entry.msgid, entry.msgid_plural, 1)}
            got[1] = compiled.ngettext(entry.msgid, entry.msgid_plural, 2)
        elif entry.msgctxt is not None:
            got = {0: compiled.pgettext(entry.msgctxt, entry.msgid)}
        else:
            got = {0: compiled.gettext(entry.msgid)}
        if got != entry.msgstr:
            stale.append(entry.msgid)
    assert not stale, "django.mo is older than django.po; run compilemessages -l en:\n" + "\n".join(
        stale
    )


def test_the_catalog_covers_every_string_in_the_code(tmp_path, monkeypatch):
    """A fresh makemessages over a copy of the code leaves nothing to translate."""
    if not shutil.which("xgettext") or not shutil.which("msgmerge"):
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("GNU gettext (xgettext, msgmerge) is needed to check the catalog")
        pytest.skip("GNU gettext (xgettext, msgmerge) is not installed")

    def ignore(directory, names):
        return [
            name
            for name in names
            if name in {"__pycache__", "static"}
            or (Path(directory, name).is_file() and Path(name).suffix not in SCANNED | {".po"})
        ]

    copy = tmp_path / "motcua"
    shutil.copytree(SRC, copy, ignore=ignore)
    monkeypatch.chdir(copy)
    with override_settings(LOCALE_PATHS=[copy / "locale"]):
        call_command("makemessages", locale=["en"], no_obsolete=True, verbosity=0)
    merged = (copy / "locale" / "en" / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
    found = problems(parse_po(merged))
    assert not found, (
        f"{len(found)} strings in the code lack English (see this module's docstring):\n"
        + "\n".join(found)
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "english", "vietnamese"),
    [
        ("portal:track", "Look up a dossier", "Tra cứu hồ sơ"),
        ("office:login", "Sign-in for officials", "Đăng nhập dành cho cán bộ"),
    ],
)
def test_pages_speak_english_when_asked_and_vietnamese_by_default(client, url, english, vietnamese):
    page = client.get(reverse(url), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert english in page
    assert vietnamese not in page
    page = client.get(reverse(url)).content.decode()
    assert vietnamese in page
    assert english not in page


@pytest.mark.parametrize(
    ("minutes", "english", "vietnamese"),
    [
        (480, "1 working day left", "còn 1 ngày làm việc"),
        (960, "2 working days left", "còn 2 ngày làm việc"),
        (540, "1 day and 1 hour of working time left", "còn 1 ngày 1 giờ làm việc"),
        (-1080, "overdue by 2 days and 2 hours of working time", "quá hạn 2 ngày 2 giờ làm việc"),
        (1, "1 working minute left", "còn 1 phút làm việc"),
    ],
)
def test_counts_take_the_english_singular_or_plural(minutes, english, vietnamese):
    with translation.override("en"):
        assert phrase(minutes) == english
    with translation.override("vi"):
        assert phrase(minutes) == vietnamese
