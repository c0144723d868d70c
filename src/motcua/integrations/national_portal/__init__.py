"""The National Public Service Portal (Cổng Dịch vụ công quốc gia): the protocol client, the
mapping tables, the outbound sync and its reconciliation (docs/integration.md)."""
