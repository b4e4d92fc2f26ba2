"""Synthetic records for benchmarks and load tests (`manage.py generate_records`), written through ingest.
Outside the record core: nothing in the apps imports it."""
