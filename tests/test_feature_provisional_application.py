"""Binds features/provisional_application.feature to the shared steps in conftest.py."""

from pytest_bdd import scenarios

scenarios("provisional_application.feature")
