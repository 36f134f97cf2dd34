"""What ships: the wheel holds the product (`streams`, `agents`), not the lab or the tests."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.integration
ROOT = Path(__file__).resolve().parents[2]


def test_the_wheel_holds_the_product_and_no_lab(tmp_path: Path) -> None:
    command = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(tmp_path), str(ROOT)]
    built = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
    assert built.returncode == 0, built.stderr
    [wheel] = tmp_path.glob("newswire-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    packages = {name.split("/", 1)[0] for name in names if "/" in name and ".dist-info" not in name}
    assert packages == {"streams", "agents"}
    assert "streams/pipeline.py" in names
    assert "agents/cli/lab.py" in names
    assert not [name for name in names if "benchmark" in name or "evaluation" in name or "/tests/" in name]
