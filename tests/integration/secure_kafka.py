"""A Kafka with the listeners production clusters have: SASL_SSL, and SSL wanting a client certificate, on a
throwaway CA made with openssl; SCRAM users created at format time, PLAIN users in a JAAS config; and an SSL
listener whose certificate names another host, for the hostname check."""

from __future__ import annotations

import secrets
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from kafka import KafkaBroker, KafkaUnavailable

from agents.broker import free_port

USER = "alice"
"""The user of every mechanism: SCRAM-SHA-256 and -512 credentials made at format time, PLAIN in the JAAS config."""
SCRAM = ("SCRAM-SHA-256", "SCRAM-SHA-512")
DAYS = "2"
ELSEWHERE = "elsewhere.invalid"
"""The only name in the certificate of the ELSEWHERE listener, which the tests reach as 127.0.0.1."""


def openssl(*args: str, cwd: Path) -> None:
    """Run openssl in `cwd`, failing with its output."""
    done = subprocess.run(["openssl", *args], cwd=cwd, capture_output=True, text=True, timeout=60, check=False)
    if done.returncode != 0:
        raise KafkaUnavailable(f"openssl {args[0]} failed: {done.stderr[-1000:]}")


def sign(folder: Path, name: str, extensions: str) -> tuple[Path, Path]:
    """A key and a certificate with these X.509 extensions, signed by the CA in `folder`; return their PEM files."""
    openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", f"{name}.key", "-out", f"{name}.csr",
            "-subj", f"/CN=newswire test {name}", cwd=folder)  # fmt: skip
    (folder / f"{name}.ext").write_text(extensions + "\n")
    openssl("x509", "-req", "-in", f"{name}.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
            "-out", f"{name}.pem", "-days", DAYS, "-extfile", f"{name}.ext", cwd=folder)  # fmt: skip
    return folder / f"{name}.pem", folder / f"{name}.key"


def keystore(folder: Path, name: str, password: str) -> Path:
    """The PKCS12 keystore a broker serves the certificate `name` from."""
    openssl("pkcs12", "-export", "-in", f"{name}.pem", "-inkey", f"{name}.key", "-out", f"{name}.p12",
            "-passout", f"pass:{password}", cwd=folder)  # fmt: skip
    return folder / f"{name}.p12"


@dataclass(frozen=True, slots=True)
class Certificates:
    """The test CA, the brokers' keystores, a client's certificate with its key, plain and encrypted, and a
    stranger's certificate the CA did not sign."""

    ca: Path
    broker: Path
    elsewhere: Path
    client: Path
    client_key: Path
    encrypted_key: Path
    key_password: str
    stranger: Path
    stranger_key: Path


def make_certificates(folder: Path, keystore_password: str) -> Certificates:
    """A CA; broker certificates for 127.0.0.1 and localhost and for ELSEWHERE only; client certificates."""
    if shutil.which("openssl") is None:
        raise KafkaUnavailable("no `openssl` on PATH: the secure Kafka's certificates are made with it")
    folder.mkdir(parents=True, exist_ok=True)
    openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", DAYS,
            "-subj", "/CN=newswire test CA", cwd=folder)  # fmt: skip
    sign(folder, "broker", "subjectAltName=IP:127.0.0.1,DNS:localhost")
    sign(folder, "elsewhere", f"subjectAltName=DNS:{ELSEWHERE}")
    client, client_key = sign(folder, "client", "extendedKeyUsage=clientAuth")
    key_password = secrets.token_urlsafe(12)
    openssl("pkey", "-in", "client.key", "-aes256", "-out", "client-encrypted.key",
            "-passout", f"pass:{key_password}", cwd=folder)  # fmt: skip
    openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "stranger.key", "-out", "stranger.pem",
            "-days", DAYS, "-subj", "/CN=newswire test stranger", cwd=folder)  # fmt: skip
    return Certificates(ca=folder / "ca.pem", broker=keystore(folder, "broker", keystore_password),
                        elsewhere=keystore(folder, "elsewhere", keystore_password), client=client,
                        client_key=client_key, encrypted_key=folder / "client-encrypted.key",
                        key_password=key_password, stranger=folder / "stranger.pem",
                        stranger_key=folder / "stranger.key")  # fmt: skip


class SecureKafka(KafkaBroker):
    """A KafkaBroker with three more listeners, all TLS on the test CA:

    SASL_SSL on `secure_url`, taking PLAIN and both SCRAMs for `USER`; SSL on `mutual_url`, refusing a client
    without a certificate the CA signed; SSL on `elsewhere_url`, serving a certificate for ELSEWHERE only.
    The PLAINTEXT listener stays for the broker's own use and the readiness check.
    """

    def __init__(self, workdir: Path, lib: Path) -> None:
        super().__init__(workdir, lib)
        self.secure_port, self.mutual_port, self.elsewhere_port = free_port(), free_port(), free_port()
        self.secure_url = f"kafka://127.0.0.1:{self.secure_port}"
        self.mutual_url = f"kafka://127.0.0.1:{self.mutual_port}"
        self.elsewhere_url = f"kafka://127.0.0.1:{self.elsewhere_port}"
        self.password = secrets.token_urlsafe(12)
        self._keystore_password = secrets.token_urlsafe(12)
        self.certificates = make_certificates(workdir / "tls", self._keystore_password)
        self.cafile = self.certificates.ca

    def _keystore(self, listener: str, path: Path) -> dict[str, str]:
        """The settings serving the certificate in keystore `path` on `listener`."""
        prefix = f"listener.name.{listener}."
        return {f"{prefix}ssl.keystore.type": "PKCS12", f"{prefix}ssl.keystore.location": str(path),
                f"{prefix}ssl.keystore.password": self._keystore_password}  # fmt: skip

    def properties(self) -> dict[str, str]:
        """The plain listeners; SASL_SSL with its mechanisms and PLAIN users; SSL with client certificates
        checked against the CA (a PEM truststore); SSL with the other host's certificate."""
        ours = super().properties()
        secure, mutual = "listener.name.secure.", "listener.name.mutual."
        added = (f"SECURE://127.0.0.1:{self.secure_port},MUTUAL://127.0.0.1:{self.mutual_port},"
                 f"ELSEWHERE://127.0.0.1:{self.elsewhere_port}")  # fmt: skip
        return {
            **ours,
            "listeners": f"{ours['listeners']},{added}",
            "advertised.listeners": f"{ours['advertised.listeners']},{added}",
            "listener.security.protocol.map": "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT,SECURE:SASL_SSL,MUTUAL:SSL,"
            "ELSEWHERE:SSL",
            "sasl.enabled.mechanisms": ",".join(["PLAIN", *SCRAM]),
            f"{secure}sasl.enabled.mechanisms": ",".join(["PLAIN", *SCRAM]),
            f"{secure}plain.sasl.jaas.config": "org.apache.kafka.common.security.plain.PlainLoginModule required "
            f'user_{USER}="{self.password}";',
            **{f"{secure}{mechanism.lower()}.sasl.jaas.config":
               "org.apache.kafka.common.security.scram.ScramLoginModule required;" for mechanism in SCRAM},
            **self._keystore("secure", self.certificates.broker),
            **self._keystore("mutual", self.certificates.broker),
            f"{mutual}ssl.client.auth": "required",
            f"{mutual}ssl.truststore.type": "PEM",
            f"{mutual}ssl.truststore.location": str(self.certificates.ca),
            **self._keystore("elsewhere", self.certificates.elsewhere),
        }  # fmt: skip

    def format_options(self) -> list[str]:
        """The SCRAM users, made with the storage: Kafka keeps their credentials in its metadata."""
        return [option for mechanism in SCRAM
                for option in ("--add-scram", f"{mechanism}=[name={USER},password={self.password}]")]  # fmt: skip
