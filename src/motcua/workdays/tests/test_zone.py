"""The time zone is named once (motcua.workdays.zone), and the settings read it from there."""

from pathlib import Path

from django.conf import settings

import motcua
from motcua.workdays.zone import TIME_ZONE_NAME, VIETNAM


def test_the_settings_use_the_one_time_zone():
    assert settings.TIME_ZONE == TIME_ZONE_NAME == str(VIETNAM) == "Asia/Ho_Chi_Minh"


def test_no_other_module_names_the_time_zone():
    package = Path(motcua.__file__).parent
    naming = [
        str(path.relative_to(package))
        for path in package.rglob("*.py")
        if "migrations" not in path.parts
        and path != Path(__file__)
        and TIME_ZONE_NAME in path.read_text()
    ]
    assert naming == ["workdays/zone.py"]
