"""The rules of the area SEND inspection frameworks, as pure Python.

Nothing here imports Django or any areasend app (an import-linter contract
enforces it): the apps ask this package what a history means, never the
other way round.
"""
