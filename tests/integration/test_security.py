"""newswire on a Kafka that wants SASL_SSL or a client certificate: each mechanism and a client certificate get
files through; a wrong password, an untrusted certificate either way, a missing client certificate or a broker
certificate for another host ends in one line naming the remedy; the passwords are never printed."""

from __future__ import annotations

import asyncio
import subprocess
from collections.abc import Iterator
from pathlib import Path

import orjson
import pytest
from kafka import KafkaUnavailable, required
from secure_kafka import SCRAM, USER, SecureKafka

from agents.broker import ensure_topics
from agents.testing import NEWSWIRE, spawn
from streams import topics
from streams.security import Security
from streams.settings import Settings

pytestmark = pytest.mark.integration
MECHANISMS = ["PLAIN", *SCRAM]
STORY = (
    "Harbour cranes return to work after storm\n\n"
    "PORT TALBOT, Wales (Reuters) - Cranes at the harbour were back at work on Tuesday after a storm closed the "
    "port for two days, the operator said, and ships waiting offshore began to berth in the afternoon.\n\n"
    "The operator said no cargo was lost and that the backlog would be cleared by the end of the week.\n"
)

FERRY = (
    "Island ferry timetable doubles for the summer\n\n"
    "KIRKWALL, Scotland (Reuters) - The island ferry will sail twice as often from June, the council said on "
    "Monday, after a record number of visitors last year left cars queueing at both harbours for hours.\n\n"
    "A second vessel chartered from a Norwegian operator will take the extra crossings until September.\n"
)
"""The daemon's story: not the one the other tests sent to news.raw, which the daemon reads first."""


@pytest.fixture(scope="module")
def secure(kafka_lib: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[SecureKafka]:
    """One SASL_SSL Kafka for the module, with newswire's topics on it."""
    try:
        broker = SecureKafka(tmp_path_factory.mktemp("secure-kafka"), kafka_lib)
    except KafkaUnavailable as exc:
        if required():
            pytest.fail(f"NEWSWIRE_KAFKA_REQUIRED is set but the secure Kafka cannot run: {exc}")
        pytest.skip(str(exc))
    with broker:
        yield broker


def client_env(broker: SecureKafka, mechanism: str, password: str, state: Path) -> dict[str, str]:
    """The environment a user sets to reach the secure listener (the password from the environment)."""
    return {
        "PATH": "/usr/bin:/bin", "HOME": str(state), "NEWSWIRE_STATE_DIR": str(state),
        "NEWSWIRE_BROKER": broker.secure_url, "NEWSWIRE_SECURITY_PROTOCOL": "SASL_SSL",
        "NEWSWIRE_SASL_MECHANISM": mechanism, "NEWSWIRE_SASL_USERNAME": USER, "NEWSWIRE_SASL_PASSWORD": password,
        "NEWSWIRE_SSL_CAFILE": str(broker.cafile),
    }  # fmt: skip


def newswire(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([NEWSWIRE, *args], capture_output=True, text=True, timeout=180, env=env, check=False)


def one_line_error(result: subprocess.CompletedProcess[str], password: str) -> str:
    """The single line a failed command printed, checked to be alone, on status 2, and free of the password."""
    assert result.returncode == 2, result.stdout + result.stderr
    assert result.stderr.startswith("error: "), result.stderr
    assert result.stderr.count("\n") == 1, result.stderr
    assert password not in result.stdout + result.stderr
    return result.stderr


@pytest.mark.parametrize("mechanism", MECHANISMS)
def test_each_mechanism_sends_and_reads_files(secure: SecureKafka, mechanism: str, tmp_path: Path) -> None:
    security = Security(protocol="SASL_SSL", sasl_mechanism=mechanism, sasl_username=USER,
                        sasl_password=secure.password, ssl_cafile=secure.cafile)  # fmt: skip
    asyncio.run(ensure_topics(secure.secure_url, [topics.RAW], Settings(security=security)))
    story = tmp_path / f"{mechanism}.txt"
    story.write_text(STORY)
    env = client_env(secure, mechanism, secure.password, tmp_path)
    sent = newswire("ingest", str(story), env=env)
    assert sent.returncode == 0, sent.stderr
    read = newswire("tail", topics.RAW.name, "--from-beginning", "--timeout", "20", env=env)
    assert read.returncode == 0, read.stderr
    names = [orjson.loads(line)["headers"]["filename"] for line in read.stdout.splitlines()]
    assert story.name in names
    assert secure.password not in sent.stdout + sent.stderr + read.stdout + read.stderr


@pytest.mark.parametrize("command", ["ingest", "tail", "run"])
def test_a_wrong_password_is_one_line_naming_the_login(secure: SecureKafka, command: str, tmp_path: Path) -> None:
    wrong = "not-the-password-" + secure.password[:4]
    env = client_env(secure, "SCRAM-SHA-256", wrong, tmp_path)
    story = tmp_path / "story.txt"
    story.write_text(STORY)
    args = {"ingest": [str(story)], "tail": [topics.RAW.name], "run": ["--metrics-port", "0", "--no-watch-inbox"]}
    message = one_line_error(newswire(command, *args[command], env={**env, "NEWSWIRE_TAG_PROCESSES": "1"}), wrong)
    assert f"authentication failed at {secure.secure_url}" in message
    assert "NEWSWIRE_SASL_PASSWORD" in message


def test_a_certificate_from_an_unknown_ca_is_one_line(secure: SecureKafka, tmp_path: Path) -> None:
    env = client_env(secure, "PLAIN", secure.password, tmp_path)
    del env["NEWSWIRE_SSL_CAFILE"]
    message = one_line_error(newswire("tail", topics.RAW.name, env=env), secure.password)
    assert "certificate" in message
    assert "NEWSWIRE_SSL_CAFILE" in message


def test_the_daemon_runs_the_pipeline_on_the_secure_listener(secure: SecureKafka, tmp_path: Path) -> None:
    """The whole daemon, its password from a file: a story goes in and comes out tagged on news.enriched."""
    secret = tmp_path / "password"
    secret.write_text(secure.password + "\n")
    env = {"NEWSWIRE_SECURITY_PROTOCOL": "SASL_SSL", "NEWSWIRE_SASL_MECHANISM": "SCRAM-SHA-512",
           "NEWSWIRE_SASL_USERNAME": USER, "NEWSWIRE_SASL_PASSWORD_FILE": str(secret),
           "NEWSWIRE_SSL_CAFILE": str(secure.cafile), "NEWSWIRE_TAG_PROCESSES": "1"}  # fmt: skip
    with spawn(tmp_path / "daemon", env=env, broker=secure.secure_url) as daemon:
        story = tmp_path / "ferry.txt"
        story.write_text(FERRY)
        sent = daemon.cli("ingest", "--wait", "--timeout", "120", str(story))
        assert sent.returncode == 0, sent.stderr
        assert "1 enriched" in sent.stderr, sent.stderr
        read = daemon.cli("tail", topics.ENRICHED.name, "--from-beginning", "--timeout", "10")
        assert read.returncode == 0, read.stderr
        assert "Island ferry" in read.stdout
        log = daemon.log.read_text()
    assert f"SASL_SSL, SCRAM-SHA-512 as {USER}" in log
    assert secure.password not in log + sent.stdout + sent.stderr + read.stdout


def tls_env(broker: SecureKafka, url: str, state: Path) -> dict[str, str]:
    """The environment of a user reaching an SSL listener with the test CA, as yet without a client certificate."""
    return {"PATH": "/usr/bin:/bin", "HOME": str(state), "NEWSWIRE_STATE_DIR": str(state), "NEWSWIRE_BROKER": url,
            "NEWSWIRE_SECURITY_PROTOCOL": "SSL", "NEWSWIRE_SSL_CAFILE": str(broker.cafile)}  # fmt: skip


def mutual_env(broker: SecureKafka, certificate: Path, key: Path, state: Path) -> dict[str, str]:
    """The environment of a user reaching the listener that wants client certificates, with this one."""
    return {**tls_env(broker, broker.mutual_url, state), "NEWSWIRE_SSL_CERTFILE": str(certificate),
            "NEWSWIRE_SSL_KEYFILE": str(key)}  # fmt: skip


def sent_and_read(story: Path, sending: dict[str, str], reading: dict[str, str], *flags: str) -> None:
    """`ingest` sends the story with the `sending` settings and `tail`, with `reading` and `flags`, reads it back."""
    sent = newswire("ingest", str(story), env=sending)
    assert sent.returncode == 0, sent.stderr
    read = newswire("tail", *flags, topics.RAW.name, "--from-beginning", "--timeout", "20", env=reading)
    assert read.returncode == 0, read.stderr
    assert story.name in [orjson.loads(line)["headers"]["filename"] for line in read.stdout.splitlines()]


def test_a_client_certificate_sends_and_reads_files(secure: SecureKafka, tmp_path: Path) -> None:
    """The listener wants a certificate its CA signed: given one (its key plain), files go in and come out."""
    story = tmp_path / "mutual.txt"
    story.write_text(STORY)
    certificates = secure.certificates
    env = mutual_env(secure, certificates.client, certificates.client_key, tmp_path)
    sent_and_read(story, env, env)


def test_an_encrypted_client_key_opens_with_its_password_from_a_file(secure: SecureKafka, tmp_path: Path) -> None:
    """Without the password, or with a wrong one, the command stops in one line; with it, a file is sent."""
    certificates = secure.certificates
    env = mutual_env(secure, certificates.client, certificates.encrypted_key, tmp_path)
    missing = one_line_error(newswire("tail", topics.RAW.name, env=env), certificates.key_password)
    assert f"the client key {certificates.encrypted_key} is encrypted" in missing
    assert "NEWSWIRE_SSL_KEY_PASSWORD" in missing
    wrong = "not-" + certificates.key_password
    refused = one_line_error(newswire("tail", topics.RAW.name, env={**env, "NEWSWIRE_SSL_KEY_PASSWORD": wrong}), wrong)
    assert f"does not open the client key {certificates.encrypted_key}" in refused
    secret = tmp_path / "key-password"
    secret.write_text(certificates.key_password + "\n")
    story = tmp_path / "encrypted.txt"
    story.write_text(STORY)
    sent = newswire("ingest", str(story), env={**env, "NEWSWIRE_SSL_KEY_PASSWORD_FILE": str(secret)})
    assert sent.returncode == 0, sent.stderr
    assert certificates.key_password not in sent.stdout + sent.stderr


@pytest.mark.parametrize("command", ["ingest", "tail"])
def test_no_client_certificate_is_one_line_naming_the_settings(
    secure: SecureKafka, command: str, tmp_path: Path
) -> None:
    """Kafka ends the TLS session when no certificate came; aiokafka only says the connection closed."""
    story = tmp_path / "story.txt"
    story.write_text(STORY)
    args = {"ingest": [str(story)], "tail": [topics.RAW.name]}
    result = newswire(command, *args[command], env=tls_env(secure, secure.mutual_url, tmp_path))
    message = one_line_error(result, secure.password)
    assert f"the broker at {secure.mutual_url} wants a client certificate" in message
    assert "NEWSWIRE_SSL_CERTFILE and NEWSWIRE_SSL_KEYFILE" in message


def test_a_client_certificate_the_ca_did_not_sign_is_one_line(secure: SecureKafka, tmp_path: Path) -> None:
    certificates = secure.certificates
    env = mutual_env(secure, certificates.stranger, certificates.stranger_key, tmp_path)
    message = one_line_error(newswire("tail", topics.RAW.name, env=env), secure.password)
    assert f"refused the client certificate {certificates.stranger}" in message
    assert "NEWSWIRE_SSL_CERTFILE" in message


def test_a_certificate_for_another_host_is_one_line_unless_the_check_is_off(
    secure: SecureKafka, tmp_path: Path
) -> None:
    """The listener's certificate, signed by the trusted CA, names only elsewhere.invalid; we connect to 127.0.0.1."""
    story = tmp_path / "elsewhere.txt"
    story.write_text(STORY)
    env = tls_env(secure, secure.elsewhere_url, tmp_path)
    message = one_line_error(newswire("ingest", str(story), env=env), secure.password)
    assert f"the broker's certificate at {secure.elsewhere_url} does not match that host" in message
    assert "NEWSWIRE_SSL_CHECK_HOSTNAME=false" in message
    sent_and_read(story, {**env, "NEWSWIRE_SSL_CHECK_HOSTNAME": "false"}, env, "--no-ssl-check-hostname")
