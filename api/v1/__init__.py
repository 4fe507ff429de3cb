"""Version 1 of the JSON API: new fields may be added, nothing is renamed or removed."""
