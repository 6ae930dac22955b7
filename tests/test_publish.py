"""`publish` into a Wiki.js git-storage clone, driven against real git repositories: a bare
remote standing in for the wiki's, clones for the wiki itself and for reviewers."""

from __future__ import annotations

import subprocess
import threading
from pathlib import Path

import pytest

from tui.core.interview import record_answer, set_text
from tui.core.publishing.collection import add_link
from tui.core.publishing.git import PublishError
from tui.core.publishing.page_paths import check_page_path
from tui.core.review import start_review
from tui.core.store import read_review, write_review
from tui.core.wikipage.render import render_page
from tui.core.workspace import Workspace

PAGE = "bronze-controls/saas-security/quillpad"
COLLECTION = "bronze-controls/saas-security"
HANDWRITTEN_COLLECTION = (
    "---\ntitle: SaaS security\n---\n\n"
    "Reviews of the services we use.  \n\n"  # a hand-written line with trailing spaces
    "# Product evaluations\n\n"
    "- [Acme Notes security review *Notes for teams.*](/bronze-controls/saas-security/acme-notes)\n"
    "- [Zebra Mail security review *Mail.*](/bronze-controls/saas-security/zebra-mail)\n"
    "{.links-list}\n"
)


def git(where: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(where), *args], check=True, capture_output=True, text=True).stdout


def clone(remote: Path, to: Path, user: str) -> Path:
    subprocess.run(["git", "clone", "--quiet", str(remote), str(to)], check=True)
    git(to, "config", "user.name", user)
    git(to, "config", "user.email", f"{user.lower()}@example.org")
    return to


@pytest.fixture
def remote(tmp_path: Path) -> Path:
    """The wiki's repository, with a collection page already in it."""
    bare = tmp_path / "wiki.git"
    subprocess.run(["git", "init", "--quiet", "--bare", "--initial-branch=main", str(bare)], check=True)
    seed = clone(bare, tmp_path / "seed", "Wiki")
    (seed / "bronze-controls").mkdir()
    (seed / f"{COLLECTION}.md").write_text(HANDWRITTEN_COLLECTION, encoding="utf-8")
    git(seed, "add", ".")
    git(seed, "commit", "--quiet", "-m", "docs: create bronze-controls/saas-security")
    git(seed, "push", "--quiet", "origin", "HEAD:main")
    return bare


@pytest.fixture
def session(workspace: Path, bronze) -> Path:  # type: ignore[no-untyped-def]
    review = start_review(bronze, product="Quillpad", vendor="Quillpad", description="Notebooks for schools.")
    record_answer(review, bronze, "tls-external", "Yes")
    set_text(review, "tls-external", detail="TLS 1.2 on every endpoint.")
    path = Workspace(workspace).sessions / "quillpad.toml"
    path.parent.mkdir(exist_ok=True)
    write_review(path, review)
    return path


def last_commits(where: Path, count: int = 2) -> list[str]:
    return git(where, "log", f"-{count}", "--format=%s|%an <%ae>|%H").splitlines()


def test_publish_writes_the_exported_bytes_and_commits_as_wikijs_does(cli, tmp_path, remote, session) -> None:  # type: ignore[no-untyped-def]
    wiki = clone(remote, tmp_path / "wiki", "Robin")
    result = cli("publish", "quillpad", "--wiki", str(wiki), "--push")
    assert result.code == 0, result.err
    assert f"published /{PAGE}" in result.out
    review = read_review(session)
    assert (wiki / f"{PAGE}.md").read_bytes() == render_page(review).encode("utf-8")
    page_commit, collection_commit = reversed(last_commits(wiki))
    assert page_commit.startswith(f"docs: create {PAGE}|Robin <robin@example.org>")
    assert collection_commit.startswith(f"docs: update {COLLECTION}|Robin")
    files = git(wiki, "show", "--name-only", "--format=", page_commit.rsplit("|", 1)[1]).split()
    assert files == [f"{PAGE}.md"], "nothing else in the commit"
    assert review.published_to is not None and review.published_to.path == PAGE
    assert review.published_to.blob == git(wiki, "rev-parse", f"HEAD:{PAGE}.md").strip()
    assert git(remote, "log", "-1", "--format=%s", "main").strip() == f"docs: update {COLLECTION}"  # pushed


def test_the_collection_gains_one_line_in_alphabetical_order_and_keeps_every_other_byte(
        cli, tmp_path, remote, session) -> None:  # type: ignore[no-untyped-def]
    wiki = clone(remote, tmp_path / "wiki", "Robin")
    assert cli("publish", "quillpad", "--wiki", str(wiki)).code == 0
    after = (wiki / f"{COLLECTION}.md").read_text(encoding="utf-8")
    ours = f"- [Quillpad security review *Notebooks for schools.*](/{PAGE})\n"
    assert after == HANDWRITTEN_COLLECTION.replace("- [Zebra", ours + "- [Zebra")
    assert cli("publish", "quillpad", "--wiki", str(wiki)).code == 0  # again: no second link
    assert (wiki / f"{COLLECTION}.md").read_text(encoding="utf-8").count(f"(/{PAGE})") == 1


def test_a_page_edited_in_the_wiki_since_is_never_overwritten(cli, tmp_path, remote, session) -> None:  # type: ignore[no-untyped-def]
    wiki = clone(remote, tmp_path / "wiki", "Robin")
    assert cli("publish", "quillpad", "--wiki", str(wiki), "--push").code == 0
    editor = clone(remote, tmp_path / "wikijs", "Wiki.js")  # an edit made in Wiki.js, which commits it
    page = editor / f"{PAGE}.md"
    page.write_text(page.read_text(encoding="utf-8").replace("TLS 1.2 on every endpoint.", "Edited on the wiki."),
                    encoding="utf-8")
    git(editor, "commit", "--quiet", "-am", f"docs: update {PAGE}")
    git(editor, "push", "--quiet", "origin", "HEAD:main")
    from tui.core.store import open_review

    with open_review(session) as opened:
        set_text(opened.review, "tls-external", detail="TLS 1.3 now.")
        opened.save()
    before = session.read_bytes()
    result = cli("publish", "quillpad", "--wiki", str(wiki), "--push")
    assert result.code == 1
    assert "changed in the wiki since this review last published it" in result.err
    assert "-| Does the SaaS provider protect external data in transit using TLS? | Yes | Edited on the wiki. |" in result.err
    assert "--force" in result.err and "import" in result.err
    assert session.read_bytes() == before, "the session is untouched"
    assert git(remote, "show", f"main:{PAGE}.md").count("Edited on the wiki.") == 1, "the wiki's version stays"
    assert cli("publish", "quillpad", "--wiki", str(wiki), "--push", "--force").code == 0
    assert "TLS 1.3 now." in git(remote, "show", f"main:{PAGE}.md")


def test_a_page_never_published_from_this_review_is_refused(cli, tmp_path, remote, session) -> None:  # type: ignore[no-untyped-def]
    wiki = clone(remote, tmp_path / "wiki", "Robin")
    (wiki / f"{PAGE}.md").parent.mkdir(parents=True, exist_ok=True)
    (wiki / f"{PAGE}.md").write_text("---\ntitle: Someone else's page\n---\n", encoding="utf-8")
    git(wiki, "add", ".")
    git(wiki, "commit", "--quiet", "-m", f"docs: create {PAGE}")
    result = cli("publish", "quillpad", "--wiki", str(wiki))
    assert result.code == 1 and "neither published from nor imported into this review" in result.err
    assert "Someone else's page" in (wiki / f"{PAGE}.md").read_text(encoding="utf-8")


def test_dry_run_changes_nothing(cli, tmp_path, remote, session) -> None:  # type: ignore[no-untyped-def]
    wiki = clone(remote, tmp_path / "wiki", "Robin")
    head = git(wiki, "rev-parse", "HEAD")
    before = session.read_bytes()
    result = cli("publish", "quillpad", "--wiki", str(wiki), "--dry-run")
    assert result.code == 0 and f"would publish /{PAGE}" in result.out
    assert git(wiki, "rev-parse", "HEAD") == head and not (wiki / f"{PAGE}.md").exists()
    assert session.read_bytes() == before


def test_two_reviewers_publishing_at_once_both_land(cli, tmp_path, remote, workspace, bronze) -> None:  # type: ignore[no-untyped-def]
    from tui.core.publishing.to_git import publish_to_git
    from tui.core.settings import WikiSettings

    reviews = [start_review(bronze, product=name, vendor=name) for name in ("Alpha Docs", "Beta Chat")]
    clones = [clone(remote, tmp_path / f"wiki-{n}", f"Reviewer{n}") for n in range(2)]
    errors: list[BaseException] = []

    def publish(index: int) -> None:
        try:
            publish_to_git(reviews[index], bronze, clones[index], name=reviews[index].product.split()[0].lower(),
                           settings=WikiSettings(), push=True)
        except BaseException as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)

    threads = [threading.Thread(target=publish, args=(n,)) for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    tree = git(remote, "ls-tree", "-r", "--name-only", "main").split()
    assert {f"{COLLECTION}/alpha.md", f"{COLLECTION}/beta.md"} <= set(tree)
    listed = git(remote, "show", f"main:{COLLECTION}.md")
    assert listed.index("(/bronze-controls/saas-security/acme-notes)") < listed.index("(/bronze-controls/saas-security/alpha)") \
        < listed.index("(/bronze-controls/saas-security/beta)") < listed.index("zebra-mail")


def test_a_rejected_push_is_retried_on_top_of_the_remote(cli, tmp_path, remote, session) -> None:  # type: ignore[no-untyped-def]
    wiki = clone(remote, tmp_path / "wiki", "Robin")
    other = clone(remote, tmp_path / "other", "Sam")  # moves the remote after our clone was made
    (other / "unrelated.md").write_text("---\ntitle: Other\n---\n", encoding="utf-8")
    git(other, "add", ".")
    git(other, "commit", "--quiet", "-m", "docs: create unrelated")
    git(other, "push", "--quiet", "origin", "HEAD:main")
    assert cli("publish", "quillpad", "--wiki", str(wiki), "--push").code == 0
    tree = git(remote, "ls-tree", "-r", "--name-only", "main").split()
    assert "unrelated.md" in tree and f"{PAGE}.md" in tree


@pytest.mark.parametrize("path", ["a.b", "with space", "back\\slash", "two//slashes", ""])
def test_page_paths_are_checked_as_wikijs_checks_them(path: str) -> None:
    with pytest.raises(PublishError):
        check_page_path(path)


def test_links_are_escaped_and_an_unsorted_list_gets_ours_before_the_first_that_sorts_after() -> None:
    page = "# Product evaluations\n\n- [Mango](/m)\n- [Apple](/a)\n{.links-list}\n"
    added = add_link(page, "Product evaluations", "Kiwi [beta]", "fast_and *bold*", "k")
    assert added == ("# Product evaluations\n\n- [Kiwi \\[beta\\] *fast\\_and \\*bold\\**](/k)\n"
                     "- [Mango](/m)\n- [Apple](/a)\n{.links-list}\n")


def test_a_review_imported_from_the_wiki_is_published_back_to_the_same_page(
        cli, tmp_path, remote, session) -> None:  # type: ignore[no-untyped-def]
    wiki = clone(remote, tmp_path / "wiki", "Robin")
    assert cli("publish", "quillpad", "--wiki", str(wiki), "--path", "vendors/quillpad", "--push").code == 0
    fresh = clone(remote, tmp_path / "wiki2", "Sam")
    elsewhere = tmp_path / "another-workspace"  # another reviewer's, who starts from the wiki's page
    elsewhere.mkdir()
    imported = cli("import", str(fresh / "vendors" / "quillpad.md"), "--workspace", str(elsewhere))
    assert imported.code == 0, imported.err
    name = Path(imported.out.split(" -> ")[1].strip()).stem
    result = cli("publish", name, "--wiki", str(fresh), "--workspace", str(elsewhere))
    assert result.code == 0, result.err
    assert "published /vendors/quillpad" in result.out
