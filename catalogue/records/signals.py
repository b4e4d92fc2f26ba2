"""What the record core tells the layers above it, without importing them."""

from django.dispatch import Signal

# Sent by ingest after every batch written or tombstoned, once per batch, with `record_ids` (a list of ids).
# catalogue.search listens (SearchConfig.ready) to keep an index outside the database in step.
records_changed = Signal()
