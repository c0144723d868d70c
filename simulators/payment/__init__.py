"""The payment gateway simulator: the national payment platform and the province's gateway
(`python -m simulators.payment --port 8102 --data DIR`; docs/payments.md)."""
