"""What each demo account finds waiting right now, in a sentence for the banner.

An official's sentence names the office's own queues (office/queues.py: the tabs of
/can-bo/ho-so/) with what each holds for that account now, and how many of those are overdue,
due within a working day, paused or apologised for: the same queries the office runs, so the
banner and the screens agree whenever the banner is printed. A citizen's sentence counts their
own dossiers by status.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from motcua.agencies.choices import Role
from motcua.dossiers.choices import DossierStatus, ReturnChannel
from motcua.dossiers.models import Dossier
from motcua.office import queues as office_queues

S = DossierStatus

# The queues to try first for each role, in the office's order, with what to do there.
ROLE_QUEUES: dict[str, tuple[tuple[str, str], ...]] = {
    Role.RECEPTION: (
        ("cho-tiep-nhan", gettext_lazy("tiếp nhận, trả lại để bổ sung hoặc từ chối")),
    ),
    Role.SPECIALIST: (
        ("cua-toi", gettext_lazy("chuyển bước, trả lại bước trước hoặc yêu cầu bổ sung")),
    ),
    Role.UNIT_LEADER: (
        ("chua-phan-cong", gettext_lazy("phân công chuyên viên")),
        ("cho-duyet", gettext_lazy("duyệt, ký kết quả hoặc trả lại bước trước")),
    ),
    Role.RESULT_RETURN: (
        ("tra-ket-qua", gettext_lazy("trả tại quầy hoặc gửi qua bưu chính")),
        ("ton-dong", gettext_lazy("nhắc người nộp đến nhận")),
    ),
}


@dataclass(frozen=True)
class QueueCount:
    """One queue of the office as an official sees it now."""

    slug: str
    label: str
    total: int
    overdue: int = 0
    soon: int = 0
    paused: int = 0
    apologised: int = 0
    by_post: int = 0


def count_queue(slug: str, user, *, calendar, now: datetime) -> QueueCount:
    """The office queue `slug` for `user`, counted with the office's own filters."""
    queue = office_queues.BY_SLUG[slug]

    def dossiers(due: str = ""):
        return office_queues.queue_dossiers(queue, user, calendar=calendar, now=now, due=due)

    everything = dossiers()
    return QueueCount(
        slug=slug,
        label=str(queue.label),
        total=everything.count(),
        overdue=dossiers("qua-han").count(),
        soon=dossiers("sap-den-han").count(),
        paused=everything.filter(status=S.PAUSED).count(),
        apologised=everything.filter(apology__isnull=False).count(),
        by_post=everything.filter(requested_return_channel=ReturnChannel.POST).count(),
    )


def queue_text(count: QueueCount) -> str:
    """'“Chờ lãnh đạo duyệt” 5 hồ sơ (1 quá hạn, 2 sắp đến hạn)'."""
    details = []
    if count.overdue:
        details.append(_("%(count)d quá hạn") % {"count": count.overdue})
    if count.soon:
        details.append(_("%(count)d sắp đến hạn") % {"count": count.soon})
    if count.apologised:
        details.append(_("%(count)d đã xin lỗi và hẹn lại") % {"count": count.apologised})
    if count.paused:
        details.append(_("%(count)d tạm dừng chờ bổ sung") % {"count": count.paused})
    if count.by_post and count.slug == "tra-ket-qua":
        details.append(_("%(count)d gửi qua bưu chính") % {"count": count.by_post})
    text = ngettext("“%(queue)s” %(count)d hồ sơ", "“%(queue)s” %(count)d hồ sơ", count.total) % {
        "queue": count.label,
        "count": count.total,
    }
    if details:
        text += " (" + ", ".join(details) + ")"
    return text


def waiting_for(user, role: str, *, calendar, now: datetime) -> list[str]:
    """For an official holding `role`: each of the role's queues that holds something, as
    '“Chưa phân công” 3 hồ sơ: phân công chuyên viên'."""
    parts = []
    for slug, what in ROLE_QUEUES.get(role, ()):
        count = count_queue(slug, user, calendar=calendar, now=now)
        if count.total:
            parts.append(f"{queue_text(count)}: {what}")
    return parts


def city_figures(user, *, calendar, now: datetime) -> str:
    """For a report reader: what the whole city has in processing and overdue now."""
    queue = office_queues.BY_SLUG["tat-ca"]
    processing = (
        office_queues.queue_dossiers(queue, user, calendar=calendar, now=now)
        .filter(status=S.PROCESSING)
        .count()
    )
    if not processing:
        return ""
    overdue = office_queues.queue_dossiers(
        queue, user, calendar=calendar, now=now, due="qua-han"
    ).count()
    return ngettext(
        "“%(queue)s” có %(processing)d hồ sơ đang giải quyết; lọc “%(filter)s” thấy "
        "%(overdue)d hồ sơ",
        "“%(queue)s” có %(processing)d hồ sơ đang giải quyết; lọc “%(filter)s” thấy "
        "%(overdue)d hồ sơ",
        processing,
    ) % {
        "queue": queue.label,
        "processing": processing,
        "filter": office_queues.DUE_FILTERS["qua-han"],
        "overdue": overdue,
    }


def owned(user) -> str:
    """A citizen's or organisation's own dossiers, by status."""
    dossiers = Dossier.objects.filter(owner=user)
    count = dossiers.count()
    if not count:
        return ""
    by_status = {
        status: dossiers.filter(status=status).count()
        for status in (S.DRAFT, S.RETURNED_FOR_COMPLETION, S.DECIDED)
    }
    parts = [
        ngettext(
            "%(count)d hồ sơ đã nộp hoặc đang soạn", "%(count)d hồ sơ đã nộp hoặc đang soạn", count
        )
        % {"count": count}
    ]
    if by_status[S.DRAFT]:
        parts.append(
            ngettext("%(count)d bản nháp chờ nộp", "%(count)d bản nháp chờ nộp", by_status[S.DRAFT])
            % {"count": by_status[S.DRAFT]}
        )
    if by_status[S.RETURNED_FOR_COMPLETION]:
        parts.append(
            ngettext(
                "%(count)d hồ sơ được trả lại để bổ sung",
                "%(count)d hồ sơ được trả lại để bổ sung",
                by_status[S.RETURNED_FOR_COMPLETION],
            )
            % {"count": by_status[S.RETURNED_FOR_COMPLETION]}
        )
    if by_status[S.DECIDED]:
        parts.append(
            ngettext(
                "%(count)d hồ sơ đã có kết quả",
                "%(count)d hồ sơ đã có kết quả",
                by_status[S.DECIDED],
            )
            % {"count": by_status[S.DECIDED]}
        )
    return _("tài khoản này có %(parts)s.") % {"parts": ", ".join(parts)}
