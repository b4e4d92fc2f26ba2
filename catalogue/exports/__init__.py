"""Exports of a Record: one module per format, each a plain function Record -> str or dict.

Every format is built from the unified Record through the helpers of `common`, so the same creators, title,
year, licence and DOI appear in all of them. The registry (`registry.py`) is what the landing page, its export
URLs, content negotiation and signposting all read. This package's `__init__` imports nothing: every format module
imports helpers of the package, and the registry imports every format module.
"""
