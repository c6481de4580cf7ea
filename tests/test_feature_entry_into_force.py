"""Binds features/entry_into_force.feature to the shared steps in conftest.py."""

from pytest_bdd import scenarios

scenarios("entry_into_force.feature")
