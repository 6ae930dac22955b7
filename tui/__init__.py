"""vendor-review: a keyboard-first terminal wizard for SaaS vendor security reviews.

Kept empty on purpose: importing the package must cost nothing, so the command line can answer
`--help` or `schema show` without loading Textual.
"""
