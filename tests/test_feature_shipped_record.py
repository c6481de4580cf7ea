"""Binds features/shipped_record.feature to the shared steps in conftest.py."""

from pytest_bdd import scenarios

scenarios("shipped_record.feature")
