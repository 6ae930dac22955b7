"""`http://[::1` and other malformed hosts are refused in one line by the one check every
path goes through: `source add`, `source remove`, and evidence typed in the wizard."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.core.errors import InputError
from tui.core.interview import check_evidence_url, make_evidence

PAGE = Path(__file__).parent / "fixtures" / "vendor_pages" / "ferncloud-trust.txt"
MALFORMED = ["http://[::1", "https://[::1/x", "http://[::1]x/", "http://[zz]/", "https://h:99999/",
             "http://h:port/", "http://:80/"]


@pytest.mark.parametrize("url", MALFORMED)
def test_source_add_refuses_a_malformed_host_in_one_line(cli, workspace: Path, url: str) -> None:
    assert cli("new", "--product", "Fern Cloud").code == 0

    result = cli("source", "add", "fern-cloud", url)

    assert result.code == 1
    assert result.err.startswith(f"vendor-review: error: {url!r} is not a web address: "), result.err
    assert result.err.count("\n") == 1 and "Traceback" not in result.err


@pytest.mark.parametrize("url", MALFORMED[:2])
def test_source_remove_with_a_malformed_host_says_there_is_no_such_source(cli, workspace: Path, url: str) -> None:
    assert cli("new", "--product", "Fern Cloud").code == 0
    assert cli("source", "add", "fern-cloud", str(PAGE)).code == 0

    result = cli("source", "remove", "fern-cloud", url)

    assert result.code == 1
    assert result.err == f"vendor-review: error: no source {url!r} in this review (numbers: 1 to 1; see `source list`)\n"


@pytest.mark.parametrize("url", MALFORMED)
def test_evidence_typed_in_the_wizard_with_a_malformed_host_is_refused_with_a_reason(url: str) -> None:
    with pytest.raises(InputError, match="is not a web address"):
        check_evidence_url(url)
    with pytest.raises(InputError, match="is not a web address"):
        make_evidence(url)


@pytest.mark.parametrize("url", ["http://[::1]:8080/trust", "https://user@vendor.example:443/p?q=1#f",
                                 "https://vendor.example"])
def test_well_formed_hosts_still_pass(url: str) -> None:
    assert check_evidence_url(url) == url
