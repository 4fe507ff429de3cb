"""The verdict engine: which measurements are eligible (`measured`), the rules that judge a
claim against them or against other claimed figures (`rules`, plain functions), and the
constant-query reads that pair claims with their verdicts (`selectors`, `checked`). Imports
the catalogue, claims and evaluator; no page.
"""
