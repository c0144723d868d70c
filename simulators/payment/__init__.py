"""The payment gateway simulator (`python -m simulators.payment --port 8102 --data DIR`)."""
