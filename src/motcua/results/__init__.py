"""Electronic results, signed: the result PDF, its signature and its public verification
(docs/results.md)."""
