"""The Wiki.js page of a review, both ways: `render.render_page` writes it, `parse.parse_page`
reads one back (ours or hand-written), `importing.import_page` turns what was read into a review.

Side by side: `cells` (the Markdown of each part, and the constants `parse` reads back),
`escaping` (untrusted text in Markdown and back), `lossless` (an imported page re-exported
byte for byte where nothing changed), `front_matter` (the one YAML reader for pages someone
else wrote), `exporting` (the page into a file) and `holders` (which review holds a page).
Kept empty of imports so that importing one module loads only what it needs.
"""
