"""The domain core: questionnaires, reviews, their TOML store and the Wiki.js page.

Nothing here imports Textual (a test proves it), so the command line and scripts stay fast and
the core can be tested on its own.
"""
