"""The payments app's admin pages."""

from motcua.payments import receipt_admin  # noqa: F401  (registers the receipt templates and series)
