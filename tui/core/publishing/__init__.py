"""Publishing a finished review into the team's Wiki.js through its git storage.

Wiki.js keeps every page as `<path>.md` in a git repository and syncs it with the remote on
its own schedule; a clone of that repository is where `publish` writes. Reading order:
`git` (the real git command, nothing imitated) -> `page_paths` (where a review goes, checked as
Wiki.js checks paths) -> `collection` (the link on the page listing the reviews) -> `to_git`
(write, commit as Wiki.js would, never overwrite an edit made in the wiki, push).
"""
