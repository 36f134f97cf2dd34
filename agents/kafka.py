"""Connecting newswire's Kafka clients: Faust's credentials from the security settings, and a failed bootstrap
told in one line with its real reason, which aiokafka only logs."""

from __future__ import annotations

import asyncio
import logging
import ssl
from collections.abc import Awaitable, Callable

import faust
from aiokafka import AIOKafkaConsumer
from aiokafka.errors import (
    AuthenticationFailedError,
    KafkaError,
    SaslAuthenticationFailed,
    UnsupportedSaslMechanismError,
)
from faust.types.auth import CredentialsT

from agents.errors import BrokerError, Refused
from streams.security import Security

CLIENT_LOGGER = "aiokafka"
"""Where aiokafka logs why a bootstrap server could not be used; `start` reads it there."""
COMPRESSION = "zstd"
"""How every newswire producer compresses record batches on the wire: pages shrink five- to tenfold."""
REFUSALS = (SaslAuthenticationFailed, AuthenticationFailedError, UnsupportedSaslMechanismError, ssl.SSLError)
"""Failures a retry cannot mend: the broker answered, and refused the credentials or the TLS set-up."""


def faust_credentials(security: Security) -> CredentialsT | None:
    """The Faust `broker_credentials` for these settings (None for PLAINTEXT), so the app's clients match the CLI's."""
    context = security.ssl_context()
    if security.sasl:
        return faust.SASLCredentials(username=security.sasl_username, password=security.sasl_password,
                                     ssl_context=context, mechanism=security.sasl_mechanism)  # fmt: skip
    return faust.SSLCredentials(context) if context is not None else None


class _Reasons(logging.Handler):
    """Keeps the exceptions aiokafka logged while it tried the bootstrap servers."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.errors: list[BaseException] = []

    def emit(self, record: logging.LogRecord) -> None:
        if isinstance(record.args, tuple):
            self.errors.extend(arg for arg in record.args if isinstance(arg, BaseException))


async def start(begin: Callable[[], Awaitable[None]], url: str, security: Security, hint: str) -> None:
    """Run a client's start; when it cannot bootstrap, raise a BrokerError naming the reason and the remedy.

    aiokafka raises only "Unable to bootstrap" and logs why; the log records are caught here, and kept off the
    terminal, for the length of the start. `hint` is what to check when the broker is simply not there.
    """
    logger = logging.getLogger(CLIENT_LOGGER)
    reasons = _Reasons()
    level, propagate = logger.level, logger.propagate
    logger.addHandler(reasons)
    logger.setLevel(logging.WARNING)
    logger.propagate = False
    try:
        await begin()
    except KafkaError as exc:
        cause = refusal(reasons.errors[-1] if reasons.errors else exc)
        error = Refused if isinstance(cause, REFUSALS) else BrokerError
        raise error(scrub(explain(cause, url, security, hint), security)) from exc
    finally:
        logger.removeHandler(reasons)
        logger.setLevel(level)
        logger.propagate = propagate


async def stop_consumer(consumer: AIOKafkaConsumer) -> None:
    """Stop a consumer; a broker gone away makes aiokafka re-raise the cancellation of its own retrying fetch."""
    try:
        await consumer.stop()
    except asyncio.CancelledError:
        task = asyncio.current_task()
        if task is not None and task.cancelling():  # this task itself was cancelled: let that through
            raise
        await consumer._client.close()  # what stop() would have done last


def refusal(error: BaseException) -> BaseException:
    """The refusal among the causes of `error`, else `error`: aiokafka wraps a TLS alert that arrives after the
    handshake (TLS 1.3 tells a missing client certificate so) in "Connection closed"."""
    cause: BaseException | None = error
    while cause is not None and not isinstance(cause, REFUSALS):
        cause = cause.__cause__
    return cause or error


def refused_certificate(cause: ssl.SSLError) -> bool:
    """Whether the broker sent an alert about our certificate: none given where one is required, or not trusted."""
    reason = cause.reason or ""
    return "_ALERT_" in reason and ("CERTIFICATE" in reason or "UNKNOWN_CA" in reason)


def explain(cause: BaseException, url: str, security: Security, hint: str) -> str:
    """One line for why a connection to `url` failed: authentication, TLS, or the broker not answering."""
    if isinstance(cause, SaslAuthenticationFailed | AuthenticationFailedError):
        return (f"authentication failed at {url}: the broker refused user {security.sasl_username!r} with "
                f"{security.sasl_mechanism}; check NEWSWIRE_SASL_USERNAME, NEWSWIRE_SASL_PASSWORD (or its _FILE) "
                "and NEWSWIRE_SASL_MECHANISM")  # fmt: skip
    if isinstance(cause, UnsupportedSaslMechanismError):
        return (f"the broker at {url} does not enable SASL mechanism {security.sasl_mechanism} ({cause}): set "
                "NEWSWIRE_SASL_MECHANISM to one its listener enables")  # fmt: skip
    if isinstance(cause, ssl.SSLCertVerificationError):
        if "hostname" in str(cause).lower() or "ip address mismatch" in str(cause).lower():
            return (f"TLS: the broker's certificate at {url} does not match that host ({cause.verify_message}): "
                    "connect by a name the certificate holds, or turn the check off with "
                    "NEWSWIRE_SSL_CHECK_HOSTNAME=false (--no-ssl-check-hostname)")  # fmt: skip
        return (f"TLS: the broker's certificate at {url} could not be verified ({cause.verify_message}): set "
                "NEWSWIRE_SSL_CAFILE to the CA that signed it")  # fmt: skip
    if isinstance(cause, ssl.SSLError) and refused_certificate(cause):
        if security.ssl_certfile is None:
            return (f"TLS: the broker at {url} wants a client certificate ({cause.reason}): set "
                    "NEWSWIRE_SSL_CERTFILE and NEWSWIRE_SSL_KEYFILE to one its CA signed")  # fmt: skip
        return (f"TLS: the broker at {url} refused the client certificate {security.ssl_certfile} "
                f"({cause.reason}): set NEWSWIRE_SSL_CERTFILE and NEWSWIRE_SSL_KEYFILE to one signed by a CA the "
                "broker trusts")  # fmt: skip
    if isinstance(cause, ssl.SSLError):
        return (f"TLS handshake with {url} failed ({cause.reason or cause}): does its listener speak "
                f"{security.protocol}? check NEWSWIRE_SECURITY_PROTOCOL")  # fmt: skip
    return (f"cannot reach the broker at {url}: {cause}; {hint} (and does its listener speak "
            f"{security.protocol}? see NEWSWIRE_SECURITY_PROTOCOL)")  # fmt: skip


def scrub(text: str, security: Security) -> str:
    """The text without the SASL and key passwords, whatever a library put into it."""
    for secret in (security.sasl_password, security.ssl_key_password):
        text = text.replace(secret, "***") if secret else text
    return text
