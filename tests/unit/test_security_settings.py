"""The security settings: read from NEWSWIRE_*, refused in one line when they cannot work, the password never shown."""

from __future__ import annotations

import ssl
from pathlib import Path

import pytest
from aiokafka.errors import KafkaConnectionError

from agents.kafka import explain, faust_credentials, refusal, scrub
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


def test_the_key_password_is_read_from_a_file_and_never_shown(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    secret = tmp_path / "key-password"
    secret.write_text(SECRET + "\n")
    monkeypatch.delenv("NEWSWIRE_SSL_KEY_PASSWORD", raising=False)
    monkeypatch.setenv("NEWSWIRE_SSL_KEY_PASSWORD_FILE", str(secret))
    security = sasl(protocol="SASL_SSL")
    assert security.ssl_key_password == SECRET
    assert SECRET not in repr(security) + security.describe()
    assert scrub(f"bad key password {SECRET}", security) == "bad key password ***"
    monkeypatch.setenv("NEWSWIRE_SSL_KEY_PASSWORD_FILE", str(tmp_path / "gone"))
    with pytest.raises(SecurityError, match=f"cannot read NEWSWIRE_SSL_KEY_PASSWORD_FILE={tmp_path / 'gone'}"):
        sasl()


def alert(reason: str) -> KafkaConnectionError:
    """What aiokafka logs when the broker ends the TLS session with this alert after the handshake."""
    received = ssl.SSLError(1, f"[SSL: {reason}] alert")
    received.reason = reason
    closed = KafkaConnectionError("Connection at h:9093 closed")
    closed.__cause__ = received
    return closed


@pytest.mark.parametrize(
    ("reason", "certificate", "said"),
    [
        ("SSLV3_ALERT_BAD_CERTIFICATE", False, "the broker at kafka://h:9093 wants a client certificate"),
        ("TLSV13_ALERT_CERTIFICATE_REQUIRED", False, "the broker at kafka://h:9093 wants a client certificate"),
        ("SSLV3_ALERT_CERTIFICATE_UNKNOWN", True, "refused the client certificate"),
        ("TLSV1_ALERT_UNKNOWN_CA", True, "refused the client certificate"),
        ("TLSV1_ALERT_PROTOCOL_VERSION", False, "TLS handshake with kafka://h:9093 failed"),
    ],
)
def test_a_refused_client_certificate_is_told_under_the_closed_connection(
    reason: str, certificate: bool, said: str, tmp_path: Path
) -> None:
    cert, key = tmp_path / "client.pem", tmp_path / "client.key"
    security = Security(protocol="SSL")
    if certificate:  # the files are not loaded here: object.__setattr__ skips the checks of a frozen dataclass
        object.__setattr__(security, "ssl_certfile", cert)
        object.__setattr__(security, "ssl_keyfile", key)
    cause = refusal(alert(reason))
    assert isinstance(cause, ssl.SSLError)
    message = explain(cause, "kafka://h:9093", security, "is it running?")
    assert said in message
    assert ("NEWSWIRE_SSL_CERTFILE and NEWSWIRE_SSL_KEYFILE" in message) == (reason != "TLSV1_ALERT_PROTOCOL_VERSION")


def test_a_closed_connection_without_a_refusal_under_it_is_told_as_it_is() -> None:
    closed = KafkaConnectionError("Connection at h:9093 closed")
    closed.__cause__ = EOFError("0 bytes read")
    assert refusal(closed) is closed
