"""The pre-commit hook, driven by pre-commit itself on a temporary git repository: the files pre-commit passes
are the focus, the config's reference corpus is read too, and a conflict with an archived article is
reported on the edited one."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PRE_COMMIT = shutil.which("pre-commit")


def git(*args, cwd):
    subprocess.run(["git", "-c", "user.email=ci@example.com", "-c", "user.name=ci", *args], cwd=cwd, check=True,
                   capture_output=True)


@pytest.mark.skipif(PRE_COMMIT is None or shutil.which("git") is None, reason="pre-commit and git are needed")
@pytest.mark.skipif(not (ROOT / ".git").exists(), reason="the hook repository must be a git checkout")
def test_pre_commit_hook_checks_the_edited_article_against_the_reference_corpus(tmp_path):
    repo = tmp_path / "newsroom"
    (repo / "archive").mkdir(parents=True)
    (repo / "archive" / "2025.txt").write_text("截至2024年底，无锡累计牵头建设国家重点实验室4家。\n"
                                               "无锡紧扣企业不同阶段、不同阶段的成长规律。\n", encoding="utf-8")
    (repo / "factcheck.toml").write_text('reference = ["archive"]\n', encoding="utf-8")
    (repo / "article.md").write_text("# 无锡科技\n\n截至2024年底，无锡累计牵头建设国家重点实验室5家。\n",
                                     encoding="utf-8")
    (repo / "clean.md").write_text("# 无锡科技\n\n截至2024年底，无锡累计牵头建设国家重点实验室4家。\n",
                                   encoding="utf-8")
    (repo / "notes.py").write_text("x = 5\n", encoding="utf-8")
    git("init", "-q", cwd=repo)
    git("add", "-A", cwd=repo)
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"), "PRE_COMMIT_COLOR": "never"}
    command = [PRE_COMMIT, "try-repo", str(ROOT), "factcheck", "--verbose"]

    def try_repo(*files):
        # pre-commit exits 3 when it cannot build the hook's environment (a dropped download); try once more.
        for _ in range(2):
            result = subprocess.run([*command, "--files", *files], cwd=repo, env=env, capture_output=True, text=True,
                                    encoding="utf-8", timeout=900)
            if result.returncode != 3:
                break
        return result

    failing = try_repo("article.md", "notes.py")
    assert failing.returncode == 1, failing.stdout + failing.stderr
    out = failing.stdout
    assert "FC101" in out and "article.md" in out and "archive/2025.txt" in out
    assert "FC701" not in out  # the archive's own defects are not the editor's business here

    passing = try_repo("clean.md")
    assert passing.returncode == 0, passing.stdout + passing.stderr


def test_hook_manifest_is_what_pre_commit_expects():
    import yaml

    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    hook = next(h for h in hooks if h["id"] == "factcheck")
    assert hook["entry"] == "factcheck" and hook["language"] == "python"
    assert hook["types_or"] == ["markdown", "plain-text"] and hook["require_serial"] is True
