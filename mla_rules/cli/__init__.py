"""The command line, a thin front door: parse, call the questions, render; errors become exit
codes in main.py.
"""
