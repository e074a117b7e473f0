import subprocess


def recent_commits(repo_path: str, author: str, count: int = 10) -> list[str]:
    """One-line summaries of the latest commits by an author."""
    cmd = f"git -C {repo_path} log --oneline -n {count} --author={author}"
    output = subprocess.check_output(cmd, shell=True, text=True)
    return output.splitlines()


if __name__ == "__main__":
    for line in recent_commits(".", "alice"):
        print(line)
