"""The outside checks of the BPMN export: the OMG BPMN 2.0 XSD (shipped in the SpiffWorkflow
package, a dev dependency) and bpmnlint with its recommended rules (an npm package, installed
once into a cache folder outside the repository, at a pinned version)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from functools import cache
from importlib.util import find_spec
from pathlib import Path

from lxml import etree

BPMNLINT_VERSION = "11.15.0"
INSTALL_SECONDS = 90  # well inside pytest-timeout's 120 s per test
RUN_SECONDS = 30


class BpmnlintUnavailable(Exception):
    """bpmnlint could not be installed or run; the message says what to do."""


@cache
def bpmn_schema() -> etree.XMLSchema:
    spec = find_spec("SpiffWorkflow")
    assert spec is not None and spec.submodule_search_locations, "pip install spiffworkflow"
    folder = Path(next(iter(spec.submodule_search_locations))) / "bpmn" / "parser" / "schema"
    return etree.XMLSchema(etree.parse(str(folder / "BPMN20.xsd")))


def cache_folder() -> Path:
    """Where bpmnlint is installed: $PATHMAPPER_TEST_CACHE, else ~/.cache/pathmapper-tests."""
    base = os.environ.get("PATHMAPPER_TEST_CACHE") or Path.home() / ".cache" / "pathmapper-tests"
    return Path(base) / f"bpmnlint-{BPMNLINT_VERSION}"


@dataclass(frozen=True)
class Bpmnlint:
    program: Path
    config: Path

    def errors(self, path: Path) -> list[str]:
        """bpmnlint's error lines for a file (its warnings are advice, not failures)."""
        try:
            done = subprocess.run(
                [str(self.program), "--config", str(self.config), str(path)],
                capture_output=True,
                text=True,
                timeout=RUN_SECONDS,
                check=False,
            )
        except subprocess.TimeoutExpired:
            raise BpmnlintUnavailable(f"bpmnlint took over {RUN_SECONDS} s on {path}") from None
        lines = [line.strip() for line in done.stdout.splitlines()]
        errors = [line for line in lines if "  error  " in line]
        if done.returncode != 0 and not errors:
            raise BpmnlintUnavailable(f"bpmnlint failed: {done.stderr.strip() or done.stdout}")
        return errors


def install_bpmnlint() -> Bpmnlint:
    """bpmnlint from the cache, installed there first when missing."""
    folder = cache_folder()
    program = folder / "node_modules" / ".bin" / "bpmnlint"
    if not program.exists():
        _install(folder)
    config = folder / "recommended.json"
    if not config.exists():
        config.write_text(json.dumps({"extends": "bpmnlint:recommended"}), encoding="utf-8")
    return Bpmnlint(program, config)


def _install(folder: Path) -> None:
    npm = shutil.which("npm")
    if npm is None or shutil.which("node") is None:
        raise BpmnlintUnavailable(
            "the BPMN export is checked with bpmnlint, which needs node and npm: install them "
            "(on Debian: apt-get install nodejs npm)"
        )
    folder.parent.mkdir(parents=True, exist_ok=True)
    # Install beside the cache folder, then move it into place: a stopped install leaves no
    # half-filled cache behind.
    staging = Path(tempfile.mkdtemp(prefix="bpmnlint-", dir=folder.parent))
    try:
        done = subprocess.run(
            [
                npm,
                "install",
                "--prefix",
                str(staging),
                "--no-audit",
                "--no-fund",
                "--loglevel=error",
                f"bpmnlint@{BPMNLINT_VERSION}",
            ],
            capture_output=True,
            text=True,
            timeout=INSTALL_SECONDS,
            check=False,
        )
    except subprocess.TimeoutExpired:
        shutil.rmtree(staging, ignore_errors=True)
        raise BpmnlintUnavailable(
            f"installing bpmnlint {BPMNLINT_VERSION} with npm took over {INSTALL_SECONDS} s; "
            "is the npm registry reachable?"
        ) from None
    if done.returncode != 0:
        shutil.rmtree(staging, ignore_errors=True)
        raise BpmnlintUnavailable(
            f"npm could not install bpmnlint {BPMNLINT_VERSION} into {folder}: "
            + (done.stderr.strip().splitlines() or ["no message"])[-1]
        )
    if folder.exists():
        shutil.rmtree(staging, ignore_errors=True)  # another run filled it meanwhile
    else:
        staging.rename(folder)
