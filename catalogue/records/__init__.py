"""The record core: models (app label `catalogue`), the unified dataclasses, ingest, identifiers, geometry,
record URLs. Every face reads records through this package; it imports only `common`, `poles` and itself."""
