"""The security settings: read from NEWSWIRE_*, refused in one line when they cannot work, the password never shown."""

from __future__ import annotations

import ssl
from pathlib import Path

import pytest

from agents.kafka import explain, faust_credentials, scrub
from streams.security import Security, SecurityError
from streams.settings import Settings, kafka_options

SECRET = "s3cret-Pa55"


def sasl(**changes: object) -> Security:
    given: dict[str, object] = {"protocol": "SASL_PLAINTEXT", "sasl_mechanism": "SCRAM-SHA-256",
                                "sasl_username": "alice", "sasl_password": SECRET, **changes}  # fmt: skip
    return Security(**given)  # type: ignore[arg-type]


def test_plaintext_by_default_and_options_for_every_client(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("NEWSWIRE_SECURITY_PROTOCOL", "NEWSWIRE_SASL_PASSWORD", "NEWSWIRE_SASL_PASSWORD_FILE"):
        monkeypatch.delenv(name, raising=False)
    assert kafka_options("kafka://a:1;b:2", Security()) == {
        "bootstrap_servers": "a:1,b:2", "security_protocol": "PLAINTEXT", "ssl_context": None
    }  # fmt: skip
    assert faust_credentials(Security()) is None


def test_read_from_the_environment_with_the_password_from_a_file(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    secret = tmp_path / "password"
    secret.write_text(SECRET + "\n")
    monkeypatch.setenv("NEWSWIRE_SECURITY_PROTOCOL", "SASL_PLAINTEXT")
    monkeypatch.setenv("NEWSWIRE_SASL_MECHANISM", "SCRAM-SHA-512")
    monkeypatch.setenv("NEWSWIRE_SASL_USERNAME", "alice")
    monkeypatch.delenv("NEWSWIRE_SASL_PASSWORD", raising=False)
    monkeypatch.setenv("NEWSWIRE_SASL_PASSWORD_FILE", str(secret))
    settings = Settings()
    options = settings.security.client_options()
    assert options["sasl_mechanism"] == "SCRAM-SHA-512"
    assert options["sasl_plain_password"] == SECRET
    assert SECRET not in repr(settings)
    assert SECRET not in settings.security.describe()
    assert SECRET not in repr(faust_credentials(settings.security))


@pytest.mark.parametrize(
    ("changes", "named"),
    [
        ({"protocol": "SASL_TLS"}, "NEWSWIRE_SECURITY_PROTOCOL"),
        ({"sasl_mechanism": "GSSAPI"}, "unknown SASL mechanism 'GSSAPI'"),
        ({"sasl_mechanism": None}, "NEWSWIRE_SASL_MECHANISM"),
        ({"sasl_username": None}, "NEWSWIRE_SASL_USERNAME"),
        ({"sasl_password": None}, "NEWSWIRE_SASL_PASSWORD_FILE"),
        ({"protocol": "SASL_SSL", "ssl_cafile": Path("/no/such/ca.pem")}, "no file /no/such/ca.pem"),
    ],
)
def test_settings_that_cannot_work_are_one_line_naming_the_remedy(changes: dict[str, object], named: str) -> None:
    with pytest.raises(SecurityError) as refused:
        sasl(**changes)
    assert named in str(refused.value)
    assert "\n" not in str(refused.value)


def test_a_certificate_needs_its_key(tmp_path: Path) -> None:
    cert = tmp_path / "client.pem"
    cert.write_text("x")
    with pytest.raises(SecurityError, match="NEWSWIRE_SSL_KEYFILE"):
        Security(protocol="SSL", ssl_certfile=cert, ssl_keyfile=None)


def test_tls_checks_the_hostname_unless_told_not_to() -> None:
    context = Security(protocol="SSL", ssl_check_hostname=True).ssl_context()
    assert context is not None
    assert context.check_hostname
    assert context.verify_mode == ssl.CERT_REQUIRED
    unchecked = Security(protocol="SSL", ssl_check_hostname=False)
    assert not unchecked.client_options()["ssl_context"].check_hostname
    assert "hostname NOT checked" in unchecked.describe()


def test_a_bootstrap_failure_is_explained_without_the_password() -> None:
    cause = ConnectionRefusedError(111, f"refused {SECRET}")
    refused = scrub(explain(cause, "kafka://h:9093", sasl(), "is it running?"), sasl())
    assert SECRET not in refused
    assert "cannot reach the broker at kafka://h:9093" in refused
    assert "SASL_PLAINTEXT" in refused
