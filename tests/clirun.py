"""Run the installed console script as a user does (falling back to python -m factcheck)."""

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXE = shutil.which("factcheck")


def run(*args, cwd=None, stdin=None, env=None):
    command = [EXE] if EXE else [sys.executable, "-m", "factcheck"]
    return subprocess.run([*command, *map(str, args)], capture_output=True, text=True, encoding="utf-8", cwd=cwd,
                          input=stdin, env=env, timeout=600)
