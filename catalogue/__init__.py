"""The catalogue: organizations, model families and releases, benchmarks, and the names and
aliases they go by (`names.normalize_name`). It owns the hand-checked YAML files (`data/`),
their loader (`manage.py loadcatalog`), the pending entries made for names nobody knows
(`services`) and their admin. The lowest app: it imports no other app.
"""
