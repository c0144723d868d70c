"""What a procedure needs before it may be published (công bố) to citizens.

A draft may be incomplete: the catalog administrator fills it in over several sittings. A
published procedure is one a citizen can apply for and an official can receive, so:

- it offers at least one channel (counter, online or post): otherwise nobody can apply;
- it has at least one case (trường hợp): every dossier is received for one case, which gives
  its time limit;
- every case lists at least one required document (thành phần hồ sơ): the receipt (form 01)
  lists the documents received, and the national database publishes a THANHPHANHOSO for
  every case. A case that truly needs no paper lists the application form itself.

Implementing agencies are not required here: a procedure may be published before the agencies
that carry it out are loaded (the province's list comes by decision), and intake refuses a
dossier for a procedure with no agency anyway. The admin and the importer both call this.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext as _

from motcua.catalog.choices import PublicationStatus


def publication_errors(
    *,
    status: str,
    channels: Iterable[bool] | None = None,
    cases: Iterable[tuple[str, int]] | None = None,
) -> list[str]:
    """Problems that stop a procedure with this `status` from being published.

    `channels` are the via_counter, via_online and via_post flags; `cases` are (name,
    number of documents) pairs. A part given as None is not checked (the admin checks the
    channels on the procedure's form and the cases in the cases' formset). Returns an empty
    list for a draft or withdrawn procedure.
    """
    if status != PublicationStatus.PUBLISHED:
        return []
    problems: list[str] = []
    if channels is not None and not any(channels):
        problems.append(
            _(
                "Thủ tục đã công bố phải có ít nhất một cách thức nộp hồ sơ (trực tiếp, trực tuyến hoặc bưu chính)."
            )
        )
    if cases is None:
        return problems
    cases = list(cases)
    if not cases:
        problems.append(_("Thủ tục đã công bố phải có ít nhất một trường hợp."))
    for name, document_count in cases:
        if document_count < 1:
            problems.append(
                _("Trường hợp “%(case)s” phải có ít nhất một thành phần hồ sơ trước khi công bố.")
                % {"case": name}
            )
    return problems
