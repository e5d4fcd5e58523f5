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


def test_a_map_too_big_for_two_pixels_a_point_is_drawn_smaller_and_says_so(
    tmp_path: Path, qapp: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    """`render --png` with no options works at every size (issue #22): a map as wide as a
    1,000-step pathway (about 180,000 points) is drawn within 30,000 pixels a side."""
    from pathmapper.io import save_map
    from pathmapper.model import Flow, Lane, PathMap, Step

    steps = [
        Step(id=f"s{n}", kind=kind, lane="gp", label=f"Step {n}", x=x, y=40.0)
        for n, (kind, x) in enumerate((("start", 0.0), ("activity", 90_000.0), ("end", 180_000.0)))
    ]
    wide = PathMap(
        id="wide",
        title="Wide",
        lanes=[Lane(id="gp", name="GP practice")],
        steps=steps,
        flows=[Flow(id="f0", source="s0", target="s1"), Flow(id="f1", source="s1", target="s2")],
    )
    source, out = tmp_path / "wide.pathmap.json", tmp_path / "wide.png"
    save_map(wide, source)
    assert main(["render", str(source), "--png", str(out)]) == 0
    width, height = png_size(out)
    assert width == 30_000 and 0 < height < width  # the width is the limit that binds
    printed = capsys.readouterr().out
    assert f"{width} x {height} pixels" in printed
    assert "too big for 2 pixels per point" in printed and "--tile" in printed


def test_the_default_scale_is_the_largest_within_the_limits() -> None:
    from pathmapper.ui.canvas.render import DEFAULT_MAX_PIXELS, MAX_SIDE, default_scale

    assert default_scale(1500, 900) == 2.0  # a workshop map: 2 pixels per point
    for width, height in ((180_250, 2_224), (1_000, 400_000), (40_000, 40_000), (1e9, 1e9)):
        scale = default_scale(width, height)
        pixels = (width * scale, height * scale)
        assert (
            max(pixels) <= MAX_SIDE + 1e-6 and pixels[0] * pixels[1] <= DEFAULT_MAX_PIXELS * 1.001
        )
        assert max(pixels) > MAX_SIDE * 0.999 or pixels[0] * pixels[1] > DEFAULT_MAX_PIXELS * 0.999
