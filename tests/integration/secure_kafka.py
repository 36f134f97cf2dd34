"""A Kafka with a SASL_SSL listener as production clusters have: a throwaway CA made with openssl, SCRAM users
created at format time, and PLAIN users in a JAAS config."""

from __future__ import annotations

import secrets
import shutil
import subprocess
from pathlib import Path

from kafka import KafkaBroker, KafkaUnavailable

from agents.broker import free_port

USER = "alice"
"""The user of every mechanism: SCRAM-SHA-256 and -512 credentials made at format time, PLAIN in the JAAS config."""
SCRAM = ("SCRAM-SHA-256", "SCRAM-SHA-512")


def openssl(*args: str, cwd: Path) -> None:
    """Run openssl in `cwd`, failing with its output."""
    done = subprocess.run(["openssl", *args], cwd=cwd, capture_output=True, text=True, timeout=60, check=False)
    if done.returncode != 0:
        raise KafkaUnavailable(f"openssl {args[0]} failed: {done.stderr[-1000:]}")


def make_certificates(folder: Path, keystore_password: str) -> tuple[Path, Path]:
    """A CA and a broker certificate for 127.0.0.1 and localhost signed by it; return the CA's PEM and the
    broker's PKCS12 keystore."""
    if shutil.which("openssl") is None:
        raise KafkaUnavailable("no `openssl` on PATH: the secure Kafka's certificates are made with it")
    folder.mkdir(parents=True, exist_ok=True)
    days = "2"
    openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", days,
            "-subj", "/CN=newswire test CA", cwd=folder)  # fmt: skip
    openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", "broker.key", "-out", "broker.csr",
            "-subj", "/CN=localhost", cwd=folder)  # fmt: skip
    (folder / "san.ext").write_text("subjectAltName=IP:127.0.0.1,DNS:localhost\n")
    openssl("x509", "-req", "-in", "broker.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
            "-out", "broker.pem", "-days", days, "-extfile", "san.ext", cwd=folder)  # fmt: skip
    openssl("pkcs12", "-export", "-in", "broker.pem", "-inkey", "broker.key", "-out", "broker.p12",
            "-passout", f"pass:{keystore_password}", cwd=folder)  # fmt: skip
    return folder / "ca.pem", folder / "broker.p12"


class SecureKafka(KafkaBroker):
    """A KafkaBroker with a second listener, SASL_SSL on `secure_url`, taking PLAIN and both SCRAMs for `USER`.

    The PLAINTEXT listener stays for the broker's own use and the readiness check; newswire is pointed at the
    secure one.
    """

    def __init__(self, workdir: Path, lib: Path) -> None:
        super().__init__(workdir, lib)
        self.secure_port = free_port()
        self.secure_url = f"kafka://127.0.0.1:{self.secure_port}"
        self.password = secrets.token_urlsafe(12)
        self._keystore_password = secrets.token_urlsafe(12)
        self.cafile, self._keystore = make_certificates(workdir / "tls", self._keystore_password)

    def properties(self) -> dict[str, str]:
        """The plain listeners, and the SASL_SSL one with its keystore, mechanisms and PLAIN users."""
        ours = super().properties()
        secure = "listener.name.secure."
        return {
            **ours,
            "listeners": f"{ours['listeners']},SECURE://127.0.0.1:{self.secure_port}",
            "advertised.listeners": f"{ours['advertised.listeners']},SECURE://127.0.0.1:{self.secure_port}",
            "listener.security.protocol.map": "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT,SECURE:SASL_SSL",
            "sasl.enabled.mechanisms": ",".join(["PLAIN", *SCRAM]),
            f"{secure}sasl.enabled.mechanisms": ",".join(["PLAIN", *SCRAM]),
            f"{secure}plain.sasl.jaas.config": "org.apache.kafka.common.security.plain.PlainLoginModule required "
            f'user_{USER}="{self.password}";',
            **{f"{secure}{mechanism.lower()}.sasl.jaas.config":
               "org.apache.kafka.common.security.scram.ScramLoginModule required;" for mechanism in SCRAM},
            f"{secure}ssl.keystore.type": "PKCS12",
            f"{secure}ssl.keystore.location": str(self._keystore),
            f"{secure}ssl.keystore.password": self._keystore_password,
        }  # fmt: skip

    def format_options(self) -> list[str]:
        """The SCRAM users, made with the storage: Kafka keeps their credentials in its metadata."""
        return [option for mechanism in SCRAM
                for option in ("--add-scram", f"{mechanism}=[name={USER},password={self.password}]")]  # fmt: skip
