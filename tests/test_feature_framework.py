"""Binds features/framework.feature to the shared steps in conftest.py."""

from pytest_bdd import scenarios

scenarios("framework.feature")
