"""A killed ingest leaves nothing behind outside KB_HOME."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

# An ingest into a store under KB_HOME, killed with SIGKILL once its chunks are written.
_KILLED_INGEST = """
import os, signal, sys
from pathlib import Path
from indexer.store.sqlite import SqliteStore
from ingest.pipeline import Ingestor

if __name__ == "__main__":
    home, source = Path(sys.argv[1]), sys.argv[2]
    summary = Ingestor(SqliteStore(home / "stores" / "kb"), None).ingest([source])
    assert summary.added > 0, summary
    os.kill(os.getpid(), signal.SIGKILL)
"""


def test_a_killed_ingest_leaves_no_temporary_files(tmp_path: Path) -> None:
    """Defect 12: pyvi's CRF model copied to /tmp/model*.crfsuite survived every kill -9."""
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    law = tmp_path / "thong-tu.txt"
    law.write_text(
        "THÔNG TƯ\nQuy định về đo lường\nĐiều 1. Phạm vi điều chỉnh\n"
        "Thông tư này quy định về kiểm định phương tiện đo.\n",
        encoding="utf-8",
    )
    script = tmp_path / "killed_ingest.py"
    script.write_text(_KILLED_INGEST, encoding="utf-8")
    env = {**os.environ, "TMPDIR": str(scratch), "PYTHONPATH": str(REPO)}
    done = subprocess.run(
        [sys.executable, str(script), str(tmp_path / "home"), str(law)],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == -signal.SIGKILL, done.stderr
    assert (tmp_path / "home" / "stores" / "kb").is_dir()
    assert sorted(p.name for p in scratch.iterdir()) == []
