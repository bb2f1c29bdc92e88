"""Who may use the page and how much of it: users with hashed passwords, the loopback rule, one answer at a time
per client, and Gradio's scratch folder. No gradio here; app.py wires these in.

users.toml (in the data folder; write it with `assistant user add NAME`):

    [users]
    alice = "pbkdf2_sha256$600000$<salt hex>$<hash hex>"
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import logging
import os
import secrets
import shutil
import threading
from pathlib import Path

from .config import read_toml
from .errors import ConfigError, InputError

log = logging.getLogger(__name__)

_ROUNDS = 600_000  # OWASP 2023 for PBKDF2-HMAC-SHA256


def hash_password(password: str, rounds: int = _ROUNDS) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, rounds)
    return f"pbkdf2_sha256${rounds}${salt.hex()}${digest.hex()}"


def check_password(password: str, stored: str) -> bool:
    try:
        kind, rounds, salt, digest = stored.split("$")
        if kind != "pbkdf2_sha256":
            return False
        got = hashlib.pbkdf2_hmac("sha256", str(password).encode("utf-8"), bytes.fromhex(salt), int(rounds))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(got.hex(), digest)


def load_users(path: Path) -> dict[str, str]:
    """name -> stored hash; empty when the file does not exist."""
    if not path.is_file():
        return {}
    data = read_toml(path, "用户文件无法解析 / cannot parse the users file {path}: {e}")
    users = data.get("users", {})
    if not isinstance(users, dict) or not all(isinstance(v, str) for v in users.values()):
        raise ConfigError(f"{path}: [users] must map each name to a password hash; write it with "
                          "`assistant user add NAME`")
    return dict(users)


def save_user(path: Path, name: str, password: str) -> None:
    """Add or replace one user (the file is rewritten atomically, readable by its owner only)."""
    if not name or not name.replace("_", "").replace("-", "").replace(".", "").isalnum():
        raise InputError(f"用户名只能含字母、数字和 _-. / user names may hold letters, digits and _-. only: {name!r}")
    if len(password) < 8:
        raise InputError("密码至少 8 个字符 / the password needs at least 8 characters")
    users = load_users(path)
    users[name] = hash_password(password)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text("[users]\n" + "".join(f'{n} = "{h}"\n' for n, h in sorted(users.items())), encoding="utf-8")
    os.chmod(tmp, 0o600)
    os.replace(tmp, path)


def authenticator(users: dict[str, str]):
    """The (username, password) -> bool callable Gradio's auth takes."""
    def auth(username: str, password: str) -> bool:
        stored = users.get(str(username))
        return stored is not None and check_password(password, stored)
    return auth


def is_loopback(host: str | None) -> bool:
    host = (host or "127.0.0.1").strip("[]")
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class ClientGate:
    """At most ``limit`` answers at once per client (its login name, else its session): one client cannot hold
    the workers that everyone shares. A request over the limit is refused at once, not queued."""

    def __init__(self, limit: int = 1):
        self.limit = max(1, limit)
        self._busy: dict[str, int] = {}
        self._lock = threading.Lock()

    def enter(self, client: str) -> bool:
        with self._lock:
            if self._busy.get(client, 0) >= self.limit:
                return False
            self._busy[client] = self._busy.get(client, 0) + 1
            return True

    def leave(self, client: str) -> None:
        with self._lock:
            n = self._busy.get(client, 0) - 1
            if n > 0:
                self._busy[client] = n
            else:
                self._busy.pop(client, None)


BUSY = ("上一个问题还在回答中，请稍候再问 / your previous question is still being answered; "
        "wait for it before asking the next one.")


def empty_folder(folder: Path) -> int:
    """Remove everything inside ``folder`` (Gradio's scratch folder, which this app owns); returns how many
    entries were removed. Symlinks are unlinked, never followed."""
    if not folder.is_dir():
        return 0
    n = 0
    for p in folder.iterdir():
        if p.is_dir() and not p.is_symlink():
            shutil.rmtree(p, ignore_errors=True)
        else:
            p.unlink(missing_ok=True)
        n += 1
    return n


def discard_upload(path: str | Path, folder: Path) -> None:
    """Delete a file Gradio stored for an upload, and its per-upload folder, once handled (only inside
    ``folder``)."""
    p = Path(path)
    try:
        if not p.resolve().is_relative_to(folder.resolve()):
            return
        p.unlink(missing_ok=True)
        if p.parent.resolve() != folder.resolve():
            p.parent.rmdir()
    except OSError:
        pass
