"""mla-rules: does the Ljubljana – The Hague Convention govern a request between two States?"""

__version__ = "0.1.0"
