"""Template helpers of the office's screens."""

from __future__ import annotations

from django import template

from motcua.agencies.choices import Role
from motcua.dossiers.choices import Channel, DossierStatus
from motcua.office.presenting import format_moment

register = template.Library()


@register.filter
def get(mapping, key):
    """{{ form.values|get:"form_data.dien_tich" }}: a dict lookup with any key."""
    if not mapping:
        return ""
    return mapping.get(key, "")


def _label(choices, value):
    # Asking the enum directly: `value in Choices.values` built the list of values on every
    # call, and these filters run on every row of a queue.
    try:
        return choices(value).label
    except ValueError:
        return value


@register.filter
def status_label(value):
    return _label(DossierStatus, value)


@register.filter
def role_label(value):
    return _label(Role, value)


@register.filter
def channel_label(value):
    return _label(Channel, value)


@register.filter
def moment(value):
    """An aware date and time as every office screen writes it, 14:30 25/03/2026 in the current
    time zone (presenting.format_moment): what `date:"H:i d/m/Y"` writes, at a third of its
    cost (a queue row shows several)."""
    return format_moment(value)


@register.simple_tag(takes_context=True)
def page_query(context, number):
    """The current query string with `page` set to `number`, for pagination links."""
    params = context["request"].GET.copy()
    params["page"] = number
    return "?" + params.urlencode()


@register.simple_tag(takes_context=True)
def queue_query(context, **changes):
    """The current query string with some parameters changed (an empty value drops it) and
    the page reset, for tab and filter links."""
    params = context["request"].GET.copy()
    params.pop("page", None)
    for key, value in changes.items():
        if value:
            params[key] = value
        else:
            params.pop(key, None)
    encoded = params.urlencode()
    return "?" + encoded if encoded else "?"


@register.simple_tag(takes_context=True)
def office_roles(context):
    """The roles of the signed-in official (read once per request), for the navigation."""
    from motcua.office.access import role_names

    request = context.get("request")
    if request is None or not request.user.is_authenticated:
        return set()
    return role_names(request)


@register.filter
def as_id(name):
    """A field name made into an element id: "form_data.so_tang" → "id_form_data-so_tang"."""
    return "id_" + str(name).replace(".", "-")


@register.filter
def join_key(prefix, name):
    return f"{prefix}.{name}"


@register.filter
def widget(field):
    """A bound field's widget tied to its help text and errors for screen readers."""
    attrs = {}
    described = []
    if field.help_text:
        described.append(f"{field.auto_id}_helptext")
    if field.errors:
        described.append(f"{field.auto_id}_error")
        attrs["aria-invalid"] = "true"
    if described:
        attrs["aria-describedby"] = " ".join(described)
    return field.as_widget(attrs=attrs)
