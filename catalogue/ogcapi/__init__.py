"""/ogcapi/: OGC API - Records - Part 1 (core, record API, JSON/GeoJSON, HTML, OpenAPI 3.0) over the search service.

A native implementation rather than pygeoapi: see docs/ogcapi.md.
"""
