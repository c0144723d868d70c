"""The figures leaders read: the catalog's shares, the dossiers' counts and times, the service
index of Decision 766, their exports and the open data built from them. Read-only towards the
business data: it keeps only its own aggregates (docs/reports.md)."""
