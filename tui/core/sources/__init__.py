"""The evidence finder: vendor documents attached to a review, split into passages, ranked
against each question, and cited as evidence.

Reading order: `reading` (bytes from a file or a URL) -> `decoding` (bytes to text) ->
`extraction` (text to passages) -> `attaching` (a Source for the review) -> `ranking` (BM25) ->
`finder` (suggestions per question) -> `citing` (a passage becomes evidence, undoably).
"""
