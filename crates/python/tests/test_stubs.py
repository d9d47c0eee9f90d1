"""The type stubs (``*.pyi``) agree with the package at run time: mypy's stubtest compares every
stubbed function's and class's signature with the imported module's."""

import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("mypy")


def test_stubs_match_the_runtime(tmp_path):
    config = tmp_path / "mypy.ini"
    # scikit-learn ships no type information: its classes are the estimators' bases
    config.write_text("[mypy]\nignore_missing_imports = True\ncache_dir = " + str(tmp_path / "cache") + "\n")
    allowlist = Path(__file__).with_name("stubtest-allowlist.txt")
    run = subprocess.run(
        [sys.executable, "-m", "mypy.stubtest", "sigfeat", "--ignore-missing-stub",
         "--mypy-config-file", str(config), "--allowlist", str(allowlist)],
        capture_output=True, text=True, cwd=tmp_path,
    )
    assert run.returncode == 0, run.stdout + run.stderr
