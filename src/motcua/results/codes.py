"""The verification code printed on a signed result: `KQ-XXXX-XXXX-XXXX`, 60 random bits in
an alphabet without look-alikes (no 0/O, 1/I), so it can be typed from paper."""

import re
import secrets

ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
PATTERN = re.compile(r"^KQ-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$")


def new_code() -> str:
    chars = "".join(secrets.choice(ALPHABET) for _ in range(12))
    return f"KQ-{chars[:4]}-{chars[4:8]}-{chars[8:]}"


def normalise(text: str) -> str:
    """What the person typed, as stored: upper case, spaces dropped."""
    return re.sub(r"\s+", "", text or "").upper()


def looks_valid(code: str) -> bool:
    return bool(PATTERN.match(code))
