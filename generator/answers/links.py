"""Short links: the opaque code printed on a card, and what it stands for.

A code is 8 characters of Crockford's base32 (digits and capitals without I, L, O and U,
so nothing reads as something else) taken from an HMAC of session, material, form and team
under the kit's secret. The printer and the server both compute codes here, so a code
printed on one machine resolves on another that has the same kit and secret; without
the secret nobody can work out a neighbouring team's code from their own.

The server resolves a code by computing the codes of every card and team of the
sessions it serves (a few thousand HMACs): nothing is stored at build time.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 8  # 40 bits: a collision among 100,000 links has odds of about 1 in 200
# what a person may type for a character of the alphabet
_READS_AS = str.maketrans({"O": "0", "I": "1", "L": "1", "U": "V"})
_CODE = re.compile(f"[{ALPHABET}]{{{CODE_LENGTH}}}")
SECRET_FILE = ".workshop-secret"
SECRET_ENV = "WORKSHOP_SECRET"
PATH = "/k/"  # where short links live on the answer server


@dataclass(frozen=True, order=True)
class Target:
    """What a short link stands for: one form of one material (a card of a deck, a
    worksheet) for one team in one session."""

    session: str
    material: str  # the material's name: elementen, fase-1
    form: str  # the form's id in it: element-3; a worksheet's own name
    team: int


class LinkError(ValueError):
    """Two targets share a code: the table cannot tell them apart."""


def code_for(secret: bytes, target: Target) -> str:
    message = "\x1f".join((target.session, target.material, target.form, str(target.team)))
    digest = hmac.new(secret, message.encode(), hashlib.sha256).digest()
    number = int.from_bytes(digest[:5], "big")
    return "".join(ALPHABET[(number >> (5 * i)) & 31] for i in reversed(range(CODE_LENGTH)))


def normalise(typed: str) -> str | None:
    """A code as a person typed or a scanner read it, or None if it cannot be one."""
    text = "".join(typed.split()).replace("-", "").upper().translate(_READS_AS)
    return text if _CODE.fullmatch(text) else None


def short_url(base_url: str, code: str) -> str:
    """The link in the QR code, in capitals: QR's alphanumeric mode then stores it in
    far fewer modules (scheme and host are case-insensitive; the server accepts /K/)."""
    return f"{base_url.rstrip('/')}{PATH}{code}".upper()


def printed_link(base_url: str, code: str) -> str:
    """The link as printed beside the code for people to type: no scheme, the code in
    two groups of four."""
    host = base_url.split("://", 1)[-1].rstrip("/")
    return f"{host}{PATH}{code[:4]}-{code[4:]}"


class Links:
    """The code of every target of a kit's sessions, and the way back."""

    def __init__(self, secret: bytes, targets: Iterable[Target]):
        self.secret = secret
        self._by_code: dict[str, Target] = {}
        for target in targets:
            code = code_for(secret, target)
            other = self._by_code.setdefault(code, target)
            if other != target:
                raise LinkError(f"{target} and {other} share the code {code}")

    def resolve(self, typed: str) -> Target | None:
        """The target of a code as typed or scanned, or None."""
        code = normalise(typed)
        return self.target(code) if code else None

    def target(self, code: str) -> Target | None:
        """The target of a code as printed (normalised), or None."""
        return self._by_code.get(code)

    def __len__(self) -> int:
        return len(self._by_code)


def load_secret(kit_root: Path, create: bool = False) -> bytes:
    """The kit's secret: $WORKSHOP_SECRET, else the file .workshop-secret in the kit
    folder, made on the first build (`create`). Copy that file with the kit to serve
    its codes on another machine; keep it out of version control."""
    if os.environ.get(SECRET_ENV):
        return os.environ[SECRET_ENV].encode()
    path = kit_root / SECRET_FILE
    if not path.exists() and create:
        path.write_text(secrets.token_hex(32) + "\n", encoding="ascii")
    return path.read_text(encoding="ascii").strip().encode()
