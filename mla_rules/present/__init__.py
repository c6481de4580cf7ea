"""Presentation: text and JSON renderers, the HTML report and the documentation site.
"""
