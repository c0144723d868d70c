"""The receipt tests' fixtures (fixtures.py): the service centre's receipt template and series."""

from motcua.payments.tests.receipts.fixtures import desk  # noqa: F401 - a fixture
