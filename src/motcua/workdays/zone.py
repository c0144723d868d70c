"""The province's time zone, named once for the whole product.

Moments are stored in UTC; deadlines are counted, codes dated and moments shown in Vietnam
time. Vietnam has one time zone and no daylight saving time, so this is a fact of the domain
rather than a setting: `settings.TIME_ZONE` is read from here, and code that needs the zone
(`moment.astimezone(VIETNAM)`) imports it from here, never from a module of its own.
"""

from zoneinfo import ZoneInfo

TIME_ZONE_NAME = "Asia/Ho_Chi_Minh"
VIETNAM = ZoneInfo(TIME_ZONE_NAME)
