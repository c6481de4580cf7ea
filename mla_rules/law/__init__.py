"""The law and its evaluation: the rulebook parsed from rules/, the pyDatalog engine, and
explanations built from the rules.
"""
