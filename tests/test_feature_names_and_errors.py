"""Binds features/names_and_errors.feature to the shared steps in conftest.py."""

from pytest_bdd import scenarios

scenarios("names_and_errors.feature")
