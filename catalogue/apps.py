from django.apps import AppConfig


class CatalogueConfig(AppConfig):
    name = "catalogue"
    # The catalogue's tables and migrations were made under the label "leaderboard" when the
    # catalogue lived in that package; keeping the label keeps every table, migration record,
    # content type and permission as it is.
    label = "leaderboard"
    verbose_name = "Catalogue"
