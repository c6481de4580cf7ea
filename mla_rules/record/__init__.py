"""The record: facts loaded from facts/ and checked (events, instruments, names, dates), and the
maintainers' tools over it (facts check, import).
"""
