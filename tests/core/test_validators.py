"""The one email and the one web-address validator, shared by sign-up, accounts, updates and reports."""
import pytest

from lib.core import validators


@pytest.mark.parametrize("text", ["marie@envol.example.org", "a.b-c@smo.qc.ca"])
def test_email_addresses_are_accepted(text):
    assert validators.is_email(text)


@pytest.mark.parametrize("text", ["", "pas-un-courriel", "a@b", "a b@c.org", "<a>@b.org", "a\"@b.org", "a@b.org'"])
def test_what_is_not_an_email_address_is_refused(text):
    assert not validators.is_email(text)


@pytest.mark.parametrize("text", ["https://exemple.org", "http://www.rocsmo.org/pv?id=3#p2", "https://smo.org:8443/a"])
def test_complete_web_addresses_are_accepted(text):
    assert validators.is_web_address(text)


@pytest.mark.parametrize("text", ["", "javascript:alert(1)", "ftp://exemple.org/x", "exemple.org/x", "https://",
                                  "https://exemple org/x", "http://localhost", "https://x.org/<script>"])
def test_what_is_not_a_web_address_is_refused(text):
    assert not validators.is_web_address(text)


def test_a_typed_site_gets_its_scheme_and_an_empty_one_stays_empty():
    assert validators.with_scheme(" exemple.org ") == "https://exemple.org"
    assert validators.with_scheme("HTTP://exemple.org") == "HTTP://exemple.org"
    assert validators.with_scheme("") == ""


def test_an_address_with_an_unbalanced_bracket_is_refused_not_raised():
    assert not validators.is_web_address("https://[")
    assert not validators.is_web_address("https://exemple.org]")
