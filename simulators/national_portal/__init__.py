"""A simulator of the National Public Service Portal and its coordination component
(docs/simulators.md). Run: python -m simulators.national_portal --port 8101 --data DIR."""
