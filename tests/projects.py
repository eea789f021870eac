"""A throw-away catalog project for a test: one metrics file and, optionally, one views file."""
from __future__ import annotations

from pathlib import Path


def write_project(folder: Path, metrics: str, views: str | None = None) -> Path:
    """`folder` made a project: `metrics` as metrics/m.yml, `views` (if any) as views/v.yml."""
    (folder / "metrics").mkdir(parents=True)
    (folder / "metrics" / "m.yml").write_text(metrics)
    if views is not None:
        (folder / "views").mkdir()
        (folder / "views" / "v.yml").write_text(views)
    return folder
