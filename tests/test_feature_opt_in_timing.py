"""Binds features/opt_in_timing.feature to the shared steps in conftest.py."""

from pytest_bdd import scenarios

scenarios("opt_in_timing.feature")
