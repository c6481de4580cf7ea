"""Binds features/scope_and_reciprocity.feature to the shared steps in conftest.py."""

from pytest_bdd import scenarios

scenarios("scope_and_reciprocity.feature")
