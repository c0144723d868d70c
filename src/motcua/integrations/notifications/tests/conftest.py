"""The notifications consumer switched on for a test (`notifying`)."""

from motcua.notifications.tests.helpers import notifying  # noqa: F401
