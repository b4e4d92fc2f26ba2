"""Standard endpoints over the catalogue: /csw (pycsw, CSW 2.0.2 + 3.0), /opensearch (pycsw), /oaipmh (ours).

- views.py      the three endpoints; requests are cleaned before pycsw sees them
- engine.py     the only place pycsw is driven (and patched): what a pycsw upgrade has to look at
- config.py     pycsw's configuration from Django settings
- repository.py pycsw's repository plugin over the catalogue_csw_record view (migration 0002), read-only
- records.py    ISO 19139 per record: the stored original, else generated (catalogue/exports/iso19139.py)
- pages.py      what the writers need beyond the view, loaded once per result page (ISO documents, Records)
- datacite.py   DataCite 4 output schema (catalogue/exports/datacite_xml.py per record)
- boxes.py      the published bounding boxes in pycsw's csw:Record, generated ISO and (atom.py) Atom writers
- oaipmh.py     OAI-PMH 2.0 provider (sets per hub, deletions, stateless resumption tokens)
"""
