"""The public HTTP API (`/api/v1/`), its exports and dumps: the top app, which may read from
every app below it and which none of them imports.
"""
