"""The calendar overrides' admin page is registered by the agencies app
(agencies/calendar_admin.py): saving an override goes through an audited service, which this
app, below every other, may not import."""
