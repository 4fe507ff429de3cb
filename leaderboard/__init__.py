"""The website: every page (home, leaderboards, model, benchmark, organization, search, claim,
source and run pages, methodology), ranking, charts, RSS feeds, sitemaps and the page cache.
Reads through the apps below it; only the API and the project package sit above it.
"""
