"""The public sign-up cannot be shut for everyone: refused submissions never count toward the
global cap, which counts accepted sign-ups inside the sign-up's own transaction; limits per
browser and per address come first; under a flood the form asks a question instead of closing."""
import threading

import pytest

from lib.campaign import signup
from lib.campaign.ambassadors import AmbassadorError
from tests.ambassador_helpers import current_id, signed_up, signup_data

EMPTY_FORM = {"accepted": False}


def flood(db, count: int) -> None:
    """`count` empty forms, each from a new browser session and a new address."""
    for number in range(count):
        with pytest.raises(AmbassadorError):
            signup.sign_up(db, current_id(db), EMPTY_FORM, session_id=f"bot-{number}", client=f"10.0.{number // 250}."
                           f"{number % 250}")


def test_a_flood_of_refused_submissions_does_not_turn_away_a_real_organisation(db):
    flood(db, 120)
    assert signup.challenge_needed(db)
    with pytest.raises(AmbassadorError) as error:
        signed_up(db, session_id="real", client="192.0.2.7")
    assert error.value.messages == [signup.CHALLENGE_MESSAGE]
    assert signup.sign_up(db, current_id(db), signup_data(), session_id="real", client="192.0.2.7",
                          challenge_ok=True)
    assert db.scalar("SELECT count(*) FROM signup_attempts WHERE accepted") == 1


def test_refused_submissions_never_count_toward_the_global_cap(db, monkeypatch):
    monkeypatch.setattr(signup, "MAX_SIGNUPS_OVERALL", 2)
    monkeypatch.setattr(signup, "PRESSURE_REFUSALS", 10_000)
    flood(db, 30)
    signed_up(db, session_id="a", client="192.0.2.1")
    signed_up(db, session_id="b", client="192.0.2.2", organisation="Deux", email="deux@x.org", username="deux")
    with pytest.raises(AmbassadorError) as error:
        signed_up(db, session_id="c", client="192.0.2.3", organisation="Trois", email="trois@x.org", username="trois")
    assert "trop d’inscriptions en ce moment" in error.value.messages[0]


def test_parallel_sign_ups_never_exceed_the_global_cap(db, monkeypatch):
    monkeypatch.setattr(signup, "MAX_SIGNUPS_OVERALL", 5)
    outcomes: list[str] = []
    start = threading.Barrier(16)

    def one(number: int) -> None:
        data = signup_data(organisation=f"Organisme {number}", email=f"o{number}@x.org", username=f"org-{number}")
        start.wait()
        try:
            signup.sign_up(db, current_id(db), data, session_id=f"s{number}", client=f"192.0.2.{number}")
            outcomes.append("accepted")
        except AmbassadorError as error:
            outcomes.append(error.messages[0])

    threads = [threading.Thread(target=one, args=(number,)) for number in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcomes.count("accepted") == 5
    assert db.scalar("SELECT count(*) FROM ambassadors") == 5
    assert all("trop d’inscriptions" in outcome for outcome in outcomes if outcome != "accepted")


def test_one_address_over_its_limit_must_answer_the_question_and_other_addresses_need_not(db, monkeypatch):
    monkeypatch.setattr(signup, "PRESSURE_REFUSALS", 10_000)  # this address alone, not the whole form
    for number in range(signup.MAX_ATTEMPTS_PER_CLIENT):
        with pytest.raises(AmbassadorError):
            signup.sign_up(db, current_id(db), EMPTY_FORM, session_id=f"bot-{number}", client="203.0.113.9")
    assert signup.challenge_needed(db, "203.0.113.9") and not signup.challenge_needed(db, "198.51.100.4")
    with pytest.raises(AmbassadorError) as error:
        signed_up(db, session_id="bot-new", client="203.0.113.9")
    assert error.value.messages == [signup.CHALLENGE_MESSAGE]
    assert signed_up(db, session_id="someone", client="198.51.100.4")
    assert signup.sign_up(db, current_id(db), signup_data(organisation="Voisin", email="voisin@x.org",
                                                          username="voisin"),
                          session_id="office", client="203.0.113.9", challenge_ok=True)


def test_one_browser_session_over_its_limit_is_refused(db):
    for _ in range(signup.MAX_ATTEMPTS_PER_SESSION):
        with pytest.raises(AmbassadorError):
            signup.sign_up(db, current_id(db), EMPTY_FORM, session_id="bot", client="203.0.113.9")
    with pytest.raises(AmbassadorError) as error:
        signup.sign_up(db, current_id(db), signup_data(), session_id="bot", challenge_ok=True)
    assert error.value.messages == ["Trop d’envois depuis ce navigateur. Réessayez dans une heure."]


def test_the_challenge_is_a_sum_checked_against_the_answer_kept_by_the_page():
    question, answer = signup.make_challenge()
    first, second = (int(part) for part in question.split("font ")[1].split("?")[0].split(" + "))
    assert answer == str(first + second)
    assert signup.challenge_passed(answer, f" {answer} ")
    assert not signup.challenge_passed(answer, "")
    assert not signup.challenge_passed(None, "") and not signup.challenge_passed("", "")
