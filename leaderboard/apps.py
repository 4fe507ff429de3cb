from django.apps import AppConfig


class LeaderboardConfig(AppConfig):
    name = "leaderboard"
    # "leaderboard" is the catalogue's label (see catalogue.apps); the site has no models.
    label = "website"
    verbose_name = "Website"
