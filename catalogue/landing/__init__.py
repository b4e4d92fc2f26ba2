"""DOI landing pages: the human page, citations, exports, content negotiation, signposting, sitemaps."""
