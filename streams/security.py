"""How newswire's Kafka clients authenticate and encrypt: one dataclass read from NEWSWIRE_* (Kafka's own names),
turned into the options every client is built with, so a daemon, its workers and the CLI all connect alike."""

from __future__ import annotations

import os
import ssl
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

PROTOCOLS = ("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL")
MECHANISMS = ("PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512")
FALSE = ("0", "false", "no", "off")


class SecurityError(ValueError):
    """The security settings cannot work as given; the message names the setting and the remedy."""


def _path(name: str) -> Path | None:
    value = os.environ.get(name)
    return Path(value) if value else None


def _secret(name: str) -> str | None:
    """The environment variable `name`, else the first line of the file `name`_FILE names: secrets stay out of `ps`."""
    value = os.environ.get(name)
    if value:
        return value
    path = os.environ.get(f"{name}_FILE")
    if not path:
        return None
    try:
        return Path(path).read_text(encoding="utf-8").splitlines()[0] if Path(path).stat().st_size else ""
    except OSError as exc:
        raise SecurityError(f"cannot read {name}_FILE={path} ({exc.strerror}): point it at a readable file") from exc


@dataclass(frozen=True, slots=True)
class Security:
    """Kafka's security.protocol, SASL and TLS settings; the passwords are left out of the repr and of every log."""

    protocol: str = field(default_factory=lambda: os.environ.get("NEWSWIRE_SECURITY_PROTOCOL") or "PLAINTEXT")
    sasl_mechanism: str | None = field(default_factory=lambda: os.environ.get("NEWSWIRE_SASL_MECHANISM") or None)
    sasl_username: str | None = field(default_factory=lambda: os.environ.get("NEWSWIRE_SASL_USERNAME") or None)
    sasl_password: str | None = field(default_factory=lambda: _secret("NEWSWIRE_SASL_PASSWORD"), repr=False)
    ssl_cafile: Path | None = field(default_factory=lambda: _path("NEWSWIRE_SSL_CAFILE"))
    ssl_certfile: Path | None = field(default_factory=lambda: _path("NEWSWIRE_SSL_CERTFILE"))
    ssl_keyfile: Path | None = field(default_factory=lambda: _path("NEWSWIRE_SSL_KEYFILE"))
    ssl_key_password: str | None = field(default_factory=lambda: _secret("NEWSWIRE_SSL_KEY_PASSWORD"), repr=False)
    ssl_check_hostname: bool = field(
        default_factory=lambda: os.environ.get("NEWSWIRE_SSL_CHECK_HOSTNAME", "true").lower() not in FALSE
    )

    def __post_init__(self) -> None:
        """Refuse settings that cannot work now, in one line naming the remedy, rather than at the first connection."""
        if self.protocol not in PROTOCOLS:
            raise SecurityError(
                f"unknown security protocol {self.protocol!r}: set NEWSWIRE_SECURITY_PROTOCOL (or "
                f"--security-protocol) to one of {', '.join(PROTOCOLS)}"
            )
        if self.sasl:
            if self.sasl_mechanism not in MECHANISMS:
                given = (
                    f"unknown SASL mechanism {self.sasl_mechanism!r}" if self.sasl_mechanism else "no SASL mechanism"
                )
                raise SecurityError(
                    f"{given} for {self.protocol}: set NEWSWIRE_SASL_MECHANISM (or --sasl-mechanism) to one of "
                    f"{', '.join(MECHANISMS)}"
                )
            if not self.sasl_username:
                raise SecurityError(
                    f"{self.protocol} needs a user name: set NEWSWIRE_SASL_USERNAME (or --sasl-username)"
                )
            if self.sasl_password is None:
                raise SecurityError(
                    f"{self.protocol} needs the password of {self.sasl_username}: set NEWSWIRE_SASL_PASSWORD, or "
                    "NEWSWIRE_SASL_PASSWORD_FILE to a file holding it"
                )
        for name, path in (("CAFILE", self.ssl_cafile), ("CERTFILE", self.ssl_certfile), ("KEYFILE", self.ssl_keyfile)):
            if path is not None and not path.is_file():
                raise SecurityError(
                    f"no file {path} (NEWSWIRE_SSL_{name}, --ssl-{name.lower()}): give the path of a PEM file"
                )
        if (self.ssl_certfile is None) != (self.ssl_keyfile is None):
            raise SecurityError(
                "a client certificate needs its key and the key its certificate: set both NEWSWIRE_SSL_CERTFILE "
                "and NEWSWIRE_SSL_KEYFILE (--ssl-certfile, --ssl-keyfile), or neither"
            )
        self.ssl_context()  # loads the TLS files: one that is not PEM, or a wrong key password, stops here

    @property
    def sasl(self) -> bool:
        """Whether the client authenticates with SASL."""
        return self.protocol.startswith("SASL_")

    @property
    def tls(self) -> bool:
        """Whether the connection is encrypted with TLS."""
        return self.protocol.endswith("SSL")

    def describe(self) -> str:
        """The settings as the start-up log says them: protocol, mechanism, user and CA, never the password."""
        parts = [self.protocol]
        if self.sasl:
            parts.append(f"{self.sasl_mechanism} as {self.sasl_username}")
        if self.tls:
            parts.append(f"CA {self.ssl_cafile}" if self.ssl_cafile else "system CAs")
            if self.ssl_certfile:
                parts.append(f"client certificate {self.ssl_certfile}")
            if not self.ssl_check_hostname:
                parts.append("hostname NOT checked")
        return ", ".join(parts)

    def ssl_context(self) -> ssl.SSLContext | None:
        """The TLS context for SSL and SASL_SSL: the CA file (else the system's), the client certificate if any."""
        if not self.tls:
            return None
        asked: list[bool] = []

        def key_password() -> str:
            """Called by OpenSSL only for an encrypted key: never a prompt on the terminal."""
            asked.append(True)
            if self.ssl_key_password is None:
                raise SecurityError(
                    f"the client key {self.ssl_keyfile} is encrypted: set NEWSWIRE_SSL_KEY_PASSWORD, or "
                    "NEWSWIRE_SSL_KEY_PASSWORD_FILE to a file holding its password"
                )
            return self.ssl_key_password

        try:
            context = ssl.create_default_context(cafile=str(self.ssl_cafile) if self.ssl_cafile else None)
            if self.ssl_certfile is not None and self.ssl_keyfile is not None:
                context.load_cert_chain(str(self.ssl_certfile), str(self.ssl_keyfile), password=key_password)
        except (ssl.SSLError, OSError) as exc:
            if asked and isinstance(exc, ssl.SSLError) and exc.reason is None:
                raise SecurityError(
                    f"the password in NEWSWIRE_SSL_KEY_PASSWORD (or its _FILE) does not open the client key "
                    f"{self.ssl_keyfile} ({exc}): give that key's password"
                ) from exc
            raise SecurityError(
                f"cannot load the TLS files ({exc}): NEWSWIRE_SSL_CAFILE, NEWSWIRE_SSL_CERTFILE and "
                "NEWSWIRE_SSL_KEYFILE must be PEM files, the key the certificate's"
            ) from exc
        context.check_hostname = self.ssl_check_hostname
        return context

    def client_options(self) -> dict[str, Any]:
        """The keyword arguments every aiokafka client (producer, consumer, admin) is given for these settings."""
        options: dict[str, Any] = {"security_protocol": self.protocol, "ssl_context": self.ssl_context()}
        if self.sasl:
            options.update(sasl_mechanism=self.sasl_mechanism, sasl_plain_username=self.sasl_username,
                           sasl_plain_password=self.sasl_password)  # fmt: skip
        return options
