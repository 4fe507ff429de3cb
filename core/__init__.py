"""Below every app: the one error type a user can cause and act on (`core.errors`).

It imports nothing of the project, so every app may import it.
"""
