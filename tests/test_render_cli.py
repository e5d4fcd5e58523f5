"""`pathmapper render`: the canvas drawn headless to PNG and SVG, with clear refusals."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from pathmapper.cli.main import main
from tests.conftest import SAMPLE_MAPS


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def test_render_without_a_display_sets_up_qt_offscreen_itself(tmp_path: Path) -> None:
    out = tmp_path / "map.png"
    env = {k: v for k, v in os.environ.items() if k not in {"DISPLAY", "WAYLAND_DISPLAY"}}
    env.pop("QT_QPA_PLATFORM", None)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pathmapper.cli.main",
            "render",
            str(SAMPLE_MAPS[0]),
            "--png",
            str(out),
            "--width",
            "1600",
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    width, height = png_size(out)
    assert width == 1600 and 100 < height < 1600


@pytest.mark.parametrize("sample", SAMPLE_MAPS, ids=lambda p: p.name.split(".")[0])
def test_every_sample_renders_to_png_and_svg(sample: Path, tmp_path: Path, qapp: Any) -> None:
    png, svg = tmp_path / "m.png", tmp_path / "m.svg"
    assert (
        main(["render", str(sample), "--png", str(png), "--width", "1200", "--svg", str(svg)]) == 0
    )
    assert png_size(png)[0] == 1200
    text = svg.read_text(encoding="utf-8")
    assert text.lstrip().startswith("<?xml") and "<svg" in text
    assert "DejaVu Sans" in text  # the labels are there, in the shipped font


def test_render_refuses_clearly(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sample = str(SAMPLE_MAPS[0])
    assert main(["render", sample]) == 2
    assert "--png" in capsys.readouterr().err
    assert main(["render", sample, "--png", str(tmp_path / "a.png"), "--width", "5"]) == 2
    assert "width" in capsys.readouterr().err
    assert main(["render", sample, "--png", sample]) == 2
    assert "refusing to write over the input" in capsys.readouterr().err
    broken = tmp_path / "broken.pathmap.json"
    broken.write_text("{", encoding="utf-8")
    assert main(["render", str(broken), "--png", str(tmp_path / "b.png")]) == 2
    assert not (tmp_path / "b.png").exists()
