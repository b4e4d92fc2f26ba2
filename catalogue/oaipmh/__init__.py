"""OAI-PMH 2.0 provider over the record tables (`/oaipmh`)."""
