"""Signed checkpoints of every dossier's audit head, appended to a file.

A head sealed with the key cannot be forged, but a head that was valid once (an earlier state of
the same dossier, copied from a backup) could be put back together with the rows it covered. A
checkpoint records, at a moment, each dossier's head (the last event's number and HMAC); a later
head lower than a checkpointed one is a rollback, and `verify_audit` reports it.

The file (`AUDIT_CHECKPOINT_DIR/checkpoints.jsonl`) is opened for appending only, one line per
checkpoint, canonical JSON:

    {"n": 7, "at": "…Z", "prev": "<sig of n=6>", "dossiers": 298,
     "heads": {"42": [5, "<hmac of event 5>"], …}, "sig": "<HMAC of everything else>"}

`heads` holds the dossiers whose head changed since the previous checkpoint (all of them in the
first); the state at checkpoint n is every line folded in order. `reference`, when present, is
the head of the reference-data chain (roles, agency tree, catalog, calendar: events/reference.py)
as [seq, hmac], written when it moved. Each line is signed with
AUDIT_HMAC_KEY and names the previous line's signature, so an edited, removed or reordered line
breaks the file's own chain. The file protects only while the application cannot rewrite it:
keep it where the application may append but not truncate (docs/audit.md).
"""

from __future__ import annotations

import fcntl
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.events import chain
from motcua.events.services import audit_key

FILE_NAME = "checkpoints.jsonl"


class CheckpointError(Exception):
    pass


@dataclass
class Checkpoints:
    """The heads as of the last good checkpoint, and what is wrong with the file, if anything."""

    heads: dict[int, tuple[int, str]] = field(default_factory=dict)
    # The reference-data chain's head as last checkpointed, or None.
    reference: tuple[int, str] | None = None
    last: dict | None = None
    problems: list[str] = field(default_factory=list)


def checkpoint_path(directory: Path | str | None = None) -> Path:
    return Path(directory or settings.AUDIT_CHECKPOINT_DIR) / FILE_NAME


def read_checkpoints(path: Path | None = None) -> Checkpoints:
    """Fold every checkpoint of the file, checking each signature and link. Reading stops at
    the first bad line: nothing after it can be trusted."""
    path = path or checkpoint_path()
    result = Checkpoints()
    if not path.exists():
        return result
    key = audit_key()
    prev_sig, expected_n = "", 1
    with path.open("rb") as lines:
        for number, raw in enumerate(lines, start=1):
            try:
                entry = json.loads(raw)
                body = {name: value for name, value in entry.items() if name != "sig"}
                signature = entry["sig"]
                heads = {
                    int(pk): (int(head[0]), str(head[1])) for pk, head in body["heads"].items()
                }
                reference = body.get("reference")
                if reference is not None:
                    reference = (int(reference[0]), str(reference[1]))
            except (ValueError, KeyError, TypeError, IndexError, AttributeError):
                result.problems.append(
                    _("mốc kiểm tra dòng %(line)d không đọc được") % {"line": number}
                )
                return result
            if not chain.check_checkpoint(key, body, signature):
                result.problems.append(
                    _("mốc kiểm tra dòng %(line)d bị sửa (sai chữ ký)") % {"line": number}
                )
                return result
            if body.get("n") != expected_n or body.get("prev") != prev_sig:
                result.problems.append(
                    _("mốc kiểm tra dòng %(line)d không nối tiếp mốc trước") % {"line": number}
                )
                return result
            result.heads.update(heads)
            if reference is not None:
                result.reference = reference
            result.last = entry
            prev_sig, expected_n = signature, expected_n + 1
    return result


@dataclass
class Written:
    checkpoint: dict | None
    refused: list[str]


def write_checkpoint(*, now=None, directory: Path | str | None = None) -> Written:
    """Append a checkpoint of the heads that changed since the last one. A head that went
    down, or whose seal does not match, is not recorded: it is reported in `refused` (and
    `verify_audit` reports it too). Refuses to extend a file whose own chain is broken."""
    from motcua.dossiers.models import Dossier

    now = now or timezone.now()
    path = checkpoint_path(directory)
    path.parent.mkdir(mode=0o750, parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o640)
    with os.fdopen(descriptor, "ab") as out:
        # One writer at a time: a second sweep waits, then sees the first one's line.
        fcntl.flock(out.fileno(), fcntl.LOCK_EX)
        known = read_checkpoints(path)
        if known.problems:
            raise CheckpointError("; ".join(known.problems))
        key = audit_key()
        changed: dict[str, list] = {}
        refused: list[str] = []
        count = 0
        heads = Dossier.objects.filter(audit_head_seq__gt=0).values_list(
            "pk", "audit_head_seq", "audit_head_hmac", "audit_head_seal"
        )
        for pk, seq, last_hmac, seal in heads.order_by("pk").iterator():
            count += 1
            before = known.heads.get(pk)
            if before == (seq, last_hmac):
                continue
            if not chain.check_head_seal(key, pk, seq, last_hmac, seal):
                refused.append(_("hồ sơ %(id)d: đầu chuỗi sai mã niêm phong") % {"id": pk})
            elif before is not None and seq <= before[0]:
                refused.append(
                    _("hồ sơ %(id)d: đầu chuỗi lùi từ sự kiện %(before)d về %(seq)d")
                    % {"id": pk, "before": before[0], "seq": seq}
                )
            else:
                changed[str(pk)] = [seq, last_hmac]
        reference = _reference_head(key, known.reference, refused)
        if not changed and reference is None and known.last is not None:
            return Written(None, refused)
        body = {
            "n": (known.last["n"] + 1) if known.last else 1,
            "at": chain.moment_text(now),
            "prev": known.last["sig"] if known.last else "",
            "dossiers": count,
            "heads": changed,
        }
        if reference is not None:
            body["reference"] = reference
        entry = {**body, "sig": chain.checkpoint_signature(key, body)}
        out.write((chain.canonical_json(entry) + "\n").encode())
        out.flush()
        os.fsync(out.fileno())
    return Written(entry, refused)


def _reference_head(key: bytes, before: tuple[int, str] | None, refused: list[str]):
    """The reference-data chain's head as [seq, hmac] when it moved forward since the last
    checkpoint and its seal holds; None when it did not move (or is refused, and said so)."""
    from motcua.events.models import ReferenceAuditHead
    from motcua.events.reference import head_is_sealed

    head = ReferenceAuditHead.objects.filter(pk=1).first()
    if head is None or not head.seq or before == (head.seq, head.hmac):
        return None
    if not head_is_sealed(key, head):
        refused.append(_("chuỗi nhật ký dữ liệu danh mục: đầu chuỗi sai mã niêm phong"))
        return None
    if before is not None and head.seq <= before[0]:
        refused.append(
            _("chuỗi nhật ký dữ liệu danh mục: đầu chuỗi lùi từ sự kiện %(before)d về %(seq)d")
            % {"before": before[0], "seq": head.seq}
        )
        return None
    return [head.seq, head.hmac]
