from django.shortcuts import redirect


def home(request):
    return redirect("portal:home")
