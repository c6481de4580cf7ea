"""The questions users ask, answered as data: can-request, legal-basis, a State's status. Front
doors and renderers word them.
"""
