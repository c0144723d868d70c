from django.conf import settings


def simulator(request):
    """The simulator's name for kit/base.html (settings.SIM_NAME)."""
    return {"sim_name": getattr(settings, "SIM_NAME", "Hệ thống giả lập")}
