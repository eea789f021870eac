from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the shipped catalog in `tmp_path/proj`, with the working directory at tmp_path."""
    dest = tmp_path / "proj"
    for folder in ("metrics", "views"):
        shutil.copytree(REPO / folder, dest / folder)
    monkeypatch.chdir(tmp_path)
    return dest
