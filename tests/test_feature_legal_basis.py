"""Binds features/legal_basis.feature to the shared steps in conftest.py."""

from pytest_bdd import scenarios

scenarios("legal_basis.feature")
