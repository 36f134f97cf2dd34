"""What the commands share: the console, the options several commands take, and one-line errors."""

from __future__ import annotations

import functools
import inspect
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from rich.console import Console

from streams.security import Security, SecurityError
from streams.settings import takes, within

console = Console(stderr=True)

BrokerOption = Annotated[
    str | None,
    typer.Option(
        "--broker",
        envvar="NEWSWIRE_BROKER",
        show_default="the embedded broker",
        help="kafka://HOST:PORT[,HOST:PORT] of a Kafka cluster.",
    ),
]
OutOption = Annotated[
    Path | None,
    typer.Option(
        envvar="NEWSWIRE_OUT", show_default="./out", file_okay=False, help="Folder the public topics are appended to."
    ),
]


def in_range(low: int, high: int | None = None) -> Callable[[int | None], int | None]:
    """A check refusing a flag's number outside [low, high]; typer's own min=/max= would print the range in a
    column of its own and so narrow every help line of `run` and `worker` until env var names are cut."""

    def check(value: int | None) -> int | None:
        if value is not None and not within(value, low, high):
            raise typer.BadParameter(f"{value} is out of range: it takes {takes(int, low, high)}")
        return value

    return check


MetricsPortOption = Annotated[
    int | None,
    typer.Option(envvar="NEWSWIRE_METRICS_PORT", show_default="9108", callback=in_range(0, 65535),
                 help="Port of the Prometheus /metrics endpoint (0: any free port)."),
]  # fmt: skip
MetricsHostOption = Annotated[
    str | None,
    typer.Option(
        envvar="NEWSWIRE_METRICS_HOST",
        show_default="127.0.0.1",
        help="Address /metrics listens on; 0.0.0.0 opens it to other hosts.",
    ),
]
PartitionsOption = Annotated[
    int | None,
    typer.Option(
        envvar="NEWSWIRE_PARTITIONS", show_default="4", callback=in_range(1), help="Partitions of each topic created."
    ),
]
CorpusOption = Annotated[Path, typer.Option(envvar="NEWSWIRE_CORPUS", help="The shared corpus folder.")]


def quiet_clients() -> None:
    """Keep the Kafka client's own connection warnings off the terminal: failures end in one line of ours."""
    logging.getLogger("aiokafka").setLevel(logging.CRITICAL)


def log_to_terminal() -> None:
    """The daemon's log format, on standard error."""
    logging.basicConfig(level=logging.INFO, format="[%(asctime)s] %(levelname)s %(name)s: %(message)s")


def say_error(exc: Exception) -> None:
    """Print an error a person can act on as one line."""
    console.print(f"[red]error:[/red] {exc}", highlight=False, soft_wrap=True)


def fail(exc: Exception) -> NoReturn:
    """Print an error a person can act on as one line and exit with status 2."""
    say_error(exc)
    raise typer.Exit(2) from exc


SECURITY_PANEL = "Kafka security (passwords by environment only)"
SECURITY_FLAGS: dict[str, tuple[str, object]] = {
    "security_protocol": ("protocol", Annotated[str | None, typer.Option(
        envvar="NEWSWIRE_SECURITY_PROTOCOL", show_default="PLAINTEXT", rich_help_panel=SECURITY_PANEL,
        help="PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL.")]),
    "sasl_mechanism": ("sasl_mechanism", Annotated[str | None, typer.Option(
        envvar="NEWSWIRE_SASL_MECHANISM", rich_help_panel=SECURITY_PANEL,
        help="PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512.")]),
    "sasl_username": ("sasl_username", Annotated[str | None, typer.Option(
        envvar="NEWSWIRE_SASL_USERNAME", rich_help_panel=SECURITY_PANEL,
        help="SASL user name; its password in NEWSWIRE_SASL_PASSWORD or NEWSWIRE_SASL_PASSWORD_FILE.")]),
    "ssl_cafile": ("ssl_cafile", Annotated[Path | None, typer.Option(
        envvar="NEWSWIRE_SSL_CAFILE", show_default="the system's CAs", rich_help_panel=SECURITY_PANEL,
        help="PEM file of the CA that signed the brokers' certificates.")]),
    "ssl_certfile": ("ssl_certfile", Annotated[Path | None, typer.Option(
        envvar="NEWSWIRE_SSL_CERTFILE", rich_help_panel=SECURITY_PANEL, help="PEM client certificate (mutual TLS).")]),
    "ssl_keyfile": ("ssl_keyfile", Annotated[Path | None, typer.Option(
        envvar="NEWSWIRE_SSL_KEYFILE", rich_help_panel=SECURITY_PANEL,
        help="PEM key of the client certificate; if encrypted, its password in NEWSWIRE_SSL_KEY_PASSWORD or "
             "NEWSWIRE_SSL_KEY_PASSWORD_FILE.")]),
    "no_ssl_check_hostname": ("ssl_check_hostname", Annotated[bool | None, typer.Option(
        "--no-ssl-check-hostname", show_default=False, rich_help_panel=SECURITY_PANEL,
        help="Accept a broker certificate made out to another host (still checked against the CA); "
             "the same as NEWSWIRE_SSL_CHECK_HOSTNAME=false.")]),
}  # fmt: skip
"""The Kafka security flags, under Kafka's names, and the `Security` field each sets; no flag for a password.

A `no_` flag turns its field off when given (one name, not an on/off pair, keeps `--help` readable at 80 columns).
"""


def with_security(command: Callable[..., None]) -> Callable[..., None]:
    """Give a command that talks to Kafka the security flags; it receives them checked, as `security`."""
    signature = inspect.signature(command, eval_str=True)
    kept = [parameter for parameter in signature.parameters.values() if parameter.name != "security"]
    added = [inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=None, annotation=annotation)
             for name, (_, annotation) in SECURITY_FLAGS.items()]  # fmt: skip

    @functools.wraps(command)
    def wrapper(**options: Any) -> None:
        given = {field: _flag_value(name, options.pop(name)) for name, (field, _) in SECURITY_FLAGS.items()}
        try:
            security = Security(**{field: value for field, value in given.items() if value is not None})
        except SecurityError as exc:
            fail(exc)
        command(security=security, **options)

    wrapper.__signature__ = signature.replace(parameters=[*kept, *added])  # type: ignore[attr-defined]
    wrapper.__annotations__ = {parameter.name: parameter.annotation for parameter in [*kept, *added]}
    return wrapper


def _flag_value(name: str, value: Any) -> Any:
    """What a security flag sets: its value, except that a `no_` flag given means off and not given means unset."""
    if name.startswith("no_"):
        return False if value else None
    return value
