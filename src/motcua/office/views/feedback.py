"""Complaints and petitions in the office (/can-bo/phan-anh/): the queue of the agencies an
official leads (and of what was assigned to them), one complaint with its actions, and the
figures of complaints and ratings (docs/feedback.md)."""

from __future__ import annotations

from datetime import datetime

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from motcua.accounts.models import User
from motcua.dossiers.errors import DossierError, NotFound
from motcua.feedback import policies, selectors, services
from motcua.office.access import official_required
from motcua.workdays.zone import VIETNAM


@require_safe
@official_required
def queue(request):
    now = timezone.now()
    rows = list(selectors.office_queue(request.user)[:500])
    for complaint in rows:
        complaint.overdue = services.is_overdue(complaint, now)
    return render(request, "office/feedback/queue.html", {"complaints": rows})


def _complaint(request, code):
    try:
        return selectors.complaint_in_office(request.user, code[:30])
    except NotFound as exc:
        raise Http404(str(exc)) from exc


@require_safe
@official_required
def detail(request, code):
    complaint = _complaint(request, code)
    return _render(request, complaint)


def _render(request, complaint, errors=None, status=200):
    leads = policies.leads(request.user, complaint)
    assignees = []
    if leads:
        assignees = [
            user
            for user in User.objects.filter(is_active=True, kind="official").order_by("full_name")[
                :200
            ]
            if policies.may_be_assigned(user, complaint)
        ]
    context = {
        "complaint": complaint,
        "leads": leads,
        "assignees": assignees,
        "is_open": complaint.status in ("received", "assigned", "more_requested"),
        "errors": errors or {},
        "overdue": services.is_overdue(complaint, timezone.now()),
    }
    return render(request, "office/feedback/detail.html", context, status=status)


ACTIONS = {
    "assign": lambda complaint, user, post: services.assign_complaint(
        complaint,
        actor=user,
        assignee=User.objects.filter(pk=post.get("assignee") or None).first()
        if (post.get("assignee") or "").isdigit()
        else None,
    ),
    "refuse": lambda complaint, user, post: services.refuse_complaint(
        complaint, actor=user, reason=post.get("reason", "")
    ),
    "ask_more": lambda complaint, user, post: services.ask_for_more(
        complaint, actor=user, request_text=post.get("request_text", "")
    ),
    "answer": lambda complaint, user, post: services.answer_complaint(
        complaint, actor=user, answer=post.get("answer", "")
    ),
    "publish": lambda complaint, user, post: services.publish_answer(complaint, actor=user),
}


@require_POST
@official_required
def act(request, code, action):
    complaint = _complaint(request, code)
    run = ACTIONS.get(action)
    if run is None:
        raise Http404(_("Không có thao tác này."))
    try:
        run(complaint, request.user, request.POST)
    except DossierError as exc:
        errors = exc.errors or {exc.field or action: [exc.message]}
        return _render(request, complaint, errors, status=exc.status if exc.status != 400 else 422)
    messages.success(request, _("Đã ghi nhận."))
    return redirect("office:feedback_detail", code=complaint.code)


@require_safe
@official_required
def figures(request):
    """This year's figures (or ?nam=YYYY) for the agencies the official leads."""
    try:
        year = int(request.GET.get("nam") or timezone.localdate().year)
    except ValueError:
        year = timezone.localdate().year
    year = min(max(year, 2000), 2100)
    start = datetime(year, 1, 1, tzinfo=VIETNAM)
    end = datetime(year + 1, 1, 1, tzinfo=VIETNAM)
    agencies = policies.handled_agencies(request.user)
    context = {
        "year": year,
        "complaints": selectors.complaint_figures(
            start=start, end=end, now=timezone.now(), agencies=agencies
        ),
        "ratings": selectors.rating_figures(start=start, end=end, agencies=agencies),
    }
    return render(request, "office/feedback/figures.html", context)
