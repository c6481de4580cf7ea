"""Binds features/governs.feature to the shared steps in conftest.py."""

from pytest_bdd import scenarios

scenarios("governs.feature")
