"""/dcat/catalog: the catalogue as DCAT-AP 3 / GeoDCAT-AP (Turtle, RDF/XML, JSON-LD), paged with Hydra."""
