"""Sources and claims: fetching a page or file, its sealed snapshot, parsing and extracting
the claims it states, resolving their names against the catalogue, storing them, moderation,
feeds that bring new sources, and who may see which claim (`visibility`). Imports only the
catalogue.
"""
