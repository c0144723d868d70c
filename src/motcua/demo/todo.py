"""What each demo account has waiting right now, in one sentence for the banner: the queue to
receive, the steps to assign or to work on, the decisions to sign, the results to hand over.
Counted live from the database, so the banner tells the truth whenever it is printed."""

from __future__ import annotations

from datetime import datetime

from django.db.models import Q, QuerySet

from motcua.agencies.choices import Role
from motcua.agencies.models import Agency, RoleGrant
from motcua.dossiers.choices import DossierStatus, ReturnChannel
from motcua.dossiers.models import Dossier, DossierStep

S = DossierStatus


def _scope(grant: RoleGrant) -> QuerySet[Agency]:
    if grant.includes_subtree:
        return grant.agency.subtree()
    return Agency.objects.filter(pk=grant.agency_id)


def _where(grant: RoleGrant) -> str:
    if grant.includes_subtree and grant.agency.children.filter(receives_dossiers=True).exists():
        return f"{grant.agency.name} và các chi nhánh"
    return grant.agency.name


def _open_steps(agencies, role: str) -> QuerySet[DossierStep]:
    return DossierStep.objects.filter(
        unit__in=agencies, role=role, finished_at__isnull=True, dossier__status=S.PROCESSING
    )


def _reception(grant: RoleGrant, now: datetime) -> str:
    waiting = Dossier.objects.filter(status=S.SUBMITTED, receiving_agency__in=_scope(grant))
    count = waiting.count()
    if not count:
        return ""
    oldest = waiting.order_by("submitted_at").values_list("code", flat=True).first()
    return (
        f"tiếp nhận {count} hồ sơ đang chờ tại {_where(grant)} (nộp sớm nhất: {oldest}); "
        "trả lại để bổ sung hoặc từ chối nếu chưa đủ điều kiện."
    )


def _specialist(grant: RoleGrant, now: datetime) -> str:
    steps = _open_steps(_scope(grant), Role.SPECIALIST)
    mine = steps.filter(assigned_to=grant.user)
    count, overdue = mine.count(), mine.filter(dossier__due_at__lt=now).count()
    unassigned = steps.filter(assigned_to__isnull=True).count()
    if not count and not unassigned:
        return ""
    text = f"thẩm định {count} hồ sơ được phân công tại {grant.agency.name}"
    if overdue:
        text += f" ({overdue} đã quá hạn)"
    if unassigned:
        text += f"; {unassigned} hồ sơ khác đang chờ lãnh đạo phân công"
    return text + "; chuyển bước, trả lại bước trước hoặc yêu cầu bổ sung."


def _leader(grant: RoleGrant, now: datetime) -> str:
    agencies = _scope(grant)
    to_assign = _open_steps(agencies, Role.SPECIALIST).filter(assigned_to__isnull=True).count()
    to_sign = _open_steps(agencies, Role.UNIT_LEADER).count()
    overdue = (
        Dossier.objects.filter(status=S.PROCESSING, due_at__lt=now)
        .filter(Q(responsible_agency__in=agencies) | Q(steps__unit__in=agencies))
        .distinct()
        .count()
    )
    if not to_assign and not to_sign:
        return ""
    text = f"phân công {to_assign} hồ sơ, duyệt và ký {to_sign} hồ sơ tại {grant.agency.name}"
    if overdue:
        text += f"; {overdue} hồ sơ đã quá hạn (xin lỗi, hẹn lại nếu cần)"
    return text + "."


def _result_return(grant: RoleGrant, now: datetime) -> str:
    ready = Dossier.objects.filter(status=S.DECIDED, receiving_agency__in=_scope(grant))
    count = ready.count()
    if not count:
        return ""
    by_post = ready.filter(requested_return_channel=ReturnChannel.POST).count()
    how = f" ({by_post} gửi qua bưu chính, còn lại trả tại quầy)" if by_post else " tại quầy"
    return f"trả {count} kết quả đang chờ tại {_where(grant)}{how}."


def _reports(grant: RoleGrant, now: datetime) -> str:
    processing = Dossier.objects.filter(status=S.PROCESSING)
    count = processing.count()
    if not count:
        return ""
    overdue = processing.filter(due_at__lt=now).count()
    return (
        f"toàn Thành phố có {count} hồ sơ đang giải quyết, {overdue} hồ sơ quá hạn "
        "(báo cáo chi tiết sẽ có sau)."
    )


WAITING = {
    Role.RECEPTION: _reception,
    Role.SPECIALIST: _specialist,
    Role.UNIT_LEADER: _leader,
    Role.RESULT_RETURN: _result_return,
    Role.REPORT_READER: _reports,
}


def waiting_for(grant: RoleGrant, now: datetime) -> str:
    """What waits for the holder of `grant` now, or "" when nothing does."""
    describe = WAITING.get(grant.role)
    return describe(grant, now) if describe else ""


def owned(user, now: datetime) -> str:
    """A citizen's or organisation's own dossiers, by status."""
    dossiers = Dossier.objects.filter(owner=user)
    count = dossiers.count()
    if not count:
        return ""
    by_status = {
        status: dossiers.filter(status=status).count()
        for status in (S.DRAFT, S.RETURNED_FOR_COMPLETION, S.DECIDED)
    }
    parts = [f"{count} hồ sơ đã nộp hoặc đang soạn"]
    if by_status[S.DRAFT]:
        parts.append(f"{by_status[S.DRAFT]} bản nháp chờ nộp")
    if by_status[S.RETURNED_FOR_COMPLETION]:
        parts.append(f"{by_status[S.RETURNED_FOR_COMPLETION]} hồ sơ được trả lại để bổ sung")
    if by_status[S.DECIDED]:
        parts.append(f"{by_status[S.DECIDED]} hồ sơ đã có kết quả")
    return "tài khoản này có " + ", ".join(parts) + "."
