"""The command line without a daemon: version, help, and errors a person can act on in one line."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import time
from pathlib import Path

import pytest
from kafka import KafkaBroker
from prometheus_client import start_http_server

from agents.broker import free_port
from agents.testing import NEWSWIRE, Spawned, spawn


def newswire(*args: str, state: Path, **environment: str) -> subprocess.CompletedProcess[str]:
    env = {"PATH": "/usr/bin:/bin", "NEWSWIRE_STATE_DIR": str(state), "HOME": str(state), **environment}
    if "PYTHONPATH" in os.environ:  # a worktree testing its own code with the shared virtualenv
        env["PYTHONPATH"] = os.environ["PYTHONPATH"]
    return subprocess.run(
        [NEWSWIRE, *args], capture_output=True, text=True, timeout=120, env=env, check=False, cwd=state
    )  # in the state folder, so a daemon's default inbox and out folder are made there


@pytest.fixture
def story(tmp_path: Path) -> Path:
    """A short story file to send."""
    path = tmp_path / "story.txt"
    path.write_text("Harbour fares rise again on the northern routes.")
    return path


def one_line_error(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 2, result.stdout + result.stderr
    assert result.stderr.startswith("error: ")
    assert result.stderr.count("\n") == 1, result.stderr
    return result.stderr


def test_version_and_help_with_defaults_and_environment(tmp_path: Path) -> None:
    version = newswire("--version", state=tmp_path)
    assert version.returncode == 0
    assert version.stdout.startswith("newswire ")
    shown = newswire("run", "--help", state=tmp_path)
    assert shown.returncode == 0
    for text in ("NEWSWIRE_BROKER", "NEWSWIRE_INBOX", "NEWSWIRE_METRICS_PORT", "./inbox", "9108"):
        assert text in shown.stdout


@pytest.mark.parametrize("command", ["run", "worker", "ingest", "tail"])
def test_help_in_80_columns_names_every_variable_whole(command: str, tmp_path: Path) -> None:
    shown = newswire(command, "--help", state=tmp_path, COLUMNS="80")
    assert shown.returncode == 0
    assert max(len(line) for line in shown.stdout.splitlines()) <= 80
    assert not re.search(r"NEWSWIRE_[A-Z_]*…", shown.stdout), shown.stdout
    named = ["NEWSWIRE_SECURITY_PROTOCOL", "NEWSWIRE_SASL_MECHANISM", "NEWSWIRE_SASL_USERNAME"]
    named += ["NEWSWIRE_SASL_PASSWORD_FILE", "NEWSWIRE_SSL_KEY_PASSWORD", "NEWSWIRE_SSL_CHECK_HOSTNAME=false"]
    for variable in named:
        assert variable in shown.stdout


@pytest.mark.parametrize("broker", ["localhost:9092", "http://example.com:9092", "kafka://host", "kafka://h:99999"])
def test_a_malformed_broker_is_named_with_the_form_to_use(broker: str, tmp_path: Path) -> None:
    for command in (["ingest", str(tmp_path)], ["tail", "news.enriched"], ["run"]):
        message = one_line_error(newswire(*command, "--broker", broker, state=tmp_path))
        assert broker in message


def test_an_unreachable_broker_is_one_line(story: Path, tmp_path: Path) -> None:
    assert "cannot reach the broker at kafka://127.0.0.1:1" in one_line_error(
        newswire("ingest", "--broker", "kafka://127.0.0.1:1", str(story), state=tmp_path)
    )


def test_no_daemon_and_no_broker_says_what_to_do(tmp_path: Path) -> None:
    assert "start the daemon, or pass --broker" in one_line_error(newswire("tail", "news.enriched", state=tmp_path))


def test_a_metrics_port_in_use_is_named_before_anything_starts(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("", 0))
        taken.listen()
        port = taken.getsockname()[1]
        message = one_line_error(newswire("run", "--metrics-port", str(port), state=tmp_path))
    assert f"metrics port {port} is in use" in message
    assert "--metrics-port" in message
    assert not (tmp_path / "tansu.log").exists(), "nothing was started"


@pytest.mark.parametrize(("option", "setting"), [("--out", "NEWSWIRE_OUT"), ("--inbox", "NEWSWIRE_INBOX")])
def test_a_folder_the_daemon_cannot_write_is_named_before_anything_starts(
    tmp_path: Path, option: str, setting: str
) -> None:
    # A read-only out folder once stopped the sinks after "ready": every file stayed without its account.
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    message = one_line_error(newswire("run", "--metrics-port", "0", option, str(blocked / "sub"), state=tmp_path))
    assert f"cannot write in the {'out folder' if option == '--out' else 'inbox'} {blocked / 'sub'}" in message
    assert message.rstrip().endswith(f"choose another with {setting} or {option}")
    assert not (tmp_path / "tansu.log").exists(), "nothing was started"


def test_paths_that_cannot_be_read_or_written_are_one_line_errors(tmp_path: Path, story: Path) -> None:
    fifo = tmp_path / "a-fifo"
    os.mkfifo(fifo)
    for command in (["process", str(fifo)], ["ingest", "--broker", "kafka://127.0.0.1:1", str(fifo)]):
        assert f"not a file or folder that can be read: {fifo}" in one_line_error(newswire(*command, state=tmp_path))
    assert "cannot read /proc/self/mem: Input/output error" in one_line_error(
        newswire("process", "/proc/self/mem", state=tmp_path)
    )
    empty = tmp_path / "empty"
    (empty / ".hidden").mkdir(parents=True)
    (empty / ".hidden" / "story.txt").write_text("skipped")
    unreachable = ["--broker", "kafka://127.0.0.1:1"]  # named before the broker is contacted
    for command in (["process", str(empty)], ["ingest", *unreachable, str(empty)]):
        message = one_line_error(newswire(*command, state=tmp_path))
        assert message.startswith(f"error: no files in {empty} (files and folders whose names start with a dot"), (
            message
        )
    message = one_line_error(newswire("process", str(story), "--out", str(story / "out"), state=tmp_path))
    assert message.startswith(f"error: cannot write in the out folder {story / 'out'}: Not a directory")
    # Probe: a name too long for the file system printed a traceback; one unreadable file among others was found
    # only after those before it were sent, and the summary said none was.
    long = tmp_path / ("x" * 300 + ".txt")
    for command in (["process", str(long)], ["ingest", *unreachable, str(long)]):
        assert f"cannot read {long}: File name too long" in one_line_error(newswire(*command, state=tmp_path))
    message = one_line_error(newswire("ingest", *unreachable, str(story), "/proc/self/mem", state=tmp_path))
    assert message == "error: cannot read /proc/self/mem: Input/output error; nothing was sent\n"


def usage_error(result: subprocess.CompletedProcess[str], option: str) -> None:
    assert result.returncode == 2, result.stdout + result.stderr
    assert f"Invalid value for '{option}'" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("command", "option"),
    [
        (["run", "--metrics-port", "99999"], "--metrics-port"),
        (["run", "--partitions", "0"], "--partitions"),
        (["run", "--partitions", "-3"], "--partitions"),
        (["run", "--inbox", "/etc/passwd"], "--inbox"),
        (["run", "--out", "/etc/passwd"], "--out"),
        (["status", "--once", "--interval", "-1"], "--interval"),
        (["tail", "news.enriched", "--limit", "-1"], "--limit"),
    ],
)
def test_an_option_out_of_range_is_refused_before_anything_starts(
    command: list[str], option: str, tmp_path: Path
) -> None:
    usage_error(newswire(*command, state=tmp_path), option)
    assert not (tmp_path / "tansu.log").exists(), "nothing was started"


@pytest.mark.parametrize(
    ("variable", "value", "command"),
    [
        ("NEWSWIRE_MAX_FILE_BYTES", "32MB", ["ingest", "story.txt"]),
        ("NEWSWIRE_MAX_FILE_BYTES", "200000000", ["ingest", "story.txt"]),
        ("NEWSWIRE_METRICS_PORT", "abc", ["status", "--once"]),
        ("NEWSWIRE_TAG_PROCESSES", "0", ["tail", "news.enriched"]),
        ("NEWSWIRE_NEAR_THRESHOLD", "1.5", ["ingest", "story.txt"]),
    ],
)
def test_a_wrong_environment_variable_is_named_with_what_it_takes(
    variable: str, value: str, command: list[str], story: Path, tmp_path: Path
) -> None:
    args = [str(story) if arg == "story.txt" else arg for arg in command]
    message = one_line_error(newswire(*args, state=tmp_path, **{variable: value}))
    assert f"{variable}={value} is not valid: it takes a" in message


def test_a_crawl_time_that_is_not_one_is_refused_with_an_example(story: Path, tmp_path: Path) -> None:
    result = newswire("ingest", "--crawled-at", "yesterday", str(story), state=tmp_path)
    usage_error(result, "--crawled-at")
    assert "e.g. 2026-12-05T09:30:00+01:00" in " ".join(result.stderr.replace("│", " ").split())


def test_a_timeout_without_wait_is_refused(story: Path, tmp_path: Path) -> None:
    assert "only applies with --wait" in one_line_error(
        newswire("ingest", "--timeout", "5", str(story), state=tmp_path)
    )


FILES_UNDER_WAIT = 400
"""More files than the daemon accounts for in the 2 s before it is stopped (15 once took 0.9 s)."""


def test_a_daemon_stopped_under_ingest_wait_leaves_the_files_named_without_a_traceback(
    broker: KafkaBroker | None, tmp_path: Path
) -> None:
    # Without --timeout, ingest waits up to 600 s for the next account; it used to wait them out after the
    # daemon had gone. It notices now: the embedded broker stops answering, or Kafka's group has no member.
    folder = tmp_path / "files"
    folder.mkdir()
    for number in range(FILES_UNDER_WAIT):
        (folder / f"{number:03}.txt").write_text(f"Story {number}: harbour fares rise again on the northern routes.")
    with spawn(tmp_path / "daemon", broker=broker.url if broker else None) as daemon:
        waiting, seconds = outlive(daemon, ["ingest", "--wait", str(folder)], after=2)
    err = waiting.stderr
    assert seconds < 60, "told well before its 600 s wait ran out"
    assert waiting.returncode == 1, waiting.stdout + err
    assert "Traceback" not in err
    why = "no newswire worker has been running at" if broker else "the broker at \\S+ stopped answering"
    assert ("send them again once the daemon is back" in err) is (broker is None), "files gone with it are named so"
    unaccounted = re.search(rf"for (\d+) files \({why} .*\): (\S+)", err)
    assert unaccounted is not None, err
    assert 1 <= int(unaccounted[1]) <= FILES_UNDER_WAIT
    assert Path(unaccounted[2]).parent == folder


def test_tail_whose_broker_goes_away_says_so(tmp_path: Path) -> None:
    # Without --timeout, tail follows a topic for good; once the embedded broker had ended with its daemon it
    # waited forever, silently.
    with spawn(tmp_path / "daemon") as daemon:
        following, seconds = outlive(daemon, ["tail", "news.enriched"], after=3)
    err = following.stderr
    assert seconds < 60
    assert following.returncode == 2, following.stdout + err
    assert re.fullmatch(r"error: the broker at \S+ stopped answering .* after 0 records of news\.enriched\n", err), err


def outlive(daemon: Spawned, command: list[str], after: float) -> tuple[subprocess.CompletedProcess[str], float]:
    """Run a command against the daemon, stop the daemon (SIGTERM) `after` seconds into it; what the command
    printed and how long it ran on once the daemon had stopped."""
    running = subprocess.Popen([NEWSWIRE, *command], env=daemon.env, cwd=daemon.workdir,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)  # fmt: skip
    time.sleep(after)
    daemon.process.send_signal(signal.SIGTERM)
    daemon.process.wait(60)
    stopped = time.monotonic()
    out, err = running.communicate(timeout=120)
    return subprocess.CompletedProcess(running.args, running.returncode, out, err), time.monotonic() - stopped


def test_status_with_no_daemon_says_what_to_do(tmp_path: Path) -> None:
    port = str(free_port())
    message = one_line_error(newswire("status", "--once", state=tmp_path, NEWSWIRE_METRICS_PORT=port))
    assert f"http://127.0.0.1:{port}/metrics does not answer" in message
    assert message.rstrip().endswith("start the daemon, or pass --metrics HOST:PORT")


def test_status_takes_a_worker_as_host_and_port(tmp_path: Path) -> None:
    port = free_port()
    server, thread = start_http_server(port, addr="127.0.0.1")
    try:
        shown = newswire("status", "--once", "--interval", "0.1", "--metrics", f"127.0.0.1:{port}", state=tmp_path)
    finally:
        server.shutdown()
        thread.join()
    assert shown.returncode == 0, shown.stdout + shown.stderr


def test_status_at_an_address_where_no_worker_answers_is_a_one_line_error(tmp_path: Path) -> None:
    port = free_port()
    result = newswire("status", "--once", "--interval", "0.1", "--metrics", f"127.0.0.1:{port}", state=tmp_path)
    assert result.returncode == 1, "as `status --help` says"
    assert result.stderr.startswith(f"error: no worker answered (http://127.0.0.1:{port}/metrics: ")
    assert result.stderr.count("\n") == 1, result.stderr
    assert result.stdout == "", "no dashboard of dashes"


@pytest.mark.parametrize("address", ["127.0.0.1:abc", "not a url", "127.0.0.1:99999", "", "ftp://127.0.0.1:9108"])
def test_status_at_an_address_that_is_none_says_what_to_give(address: str, tmp_path: Path) -> None:
    message = one_line_error(newswire("status", "--once", "--metrics", address, state=tmp_path))
    assert message.startswith(f"error: --metrics {address!r} is not a worker's metrics address: give HOST:PORT")


def test_status_written_to_a_pipe_prints_each_view(tmp_path: Path) -> None:
    # Probe: `newswire status > file` wrote nothing until Ctrl-C (a redrawn view reaches no file).
    command = [NEWSWIRE, "status", "--interval", "0.5", "--metrics", f"127.0.0.1:{free_port()}"]
    with pytest.raises(subprocess.TimeoutExpired) as running:
        subprocess.run(command, check=False, capture_output=True, text=True, timeout=4, cwd=tmp_path,
                       env={**os.environ, "NEWSWIRE_STATE_DIR": str(tmp_path / "state")})  # fmt: skip
    printed = running.value.stdout or b""
    text = printed.decode() if isinstance(printed, bytes) else printed
    assert text.count("Stages") >= 2, text


def test_a_count_of_one_is_singular(tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text(
        "LONDON (Reuters) - The Bank of England kept interest rates on hold on Thursday and signalled that it "
        "would wait for more data before moving, traders said.\n",
        encoding="utf-8",
    )
    done = newswire("process", "--out", str(tmp_path / "out"), str(story), state=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "1 file: 1 article enriched, 0 duplicates, 0 rejected" in done.stderr
