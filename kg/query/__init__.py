"""SPARQL for analysts: engines (rdflib, pyoxigraph), saved queries, result writers, store folders,
the HTTP endpoint and pushing to triple stores. See docs/query.md."""
