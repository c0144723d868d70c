"""Administrators edit the texts (through services.update_template, audited) and see every
message with its status, attempts and last error (failures retry with backoff)."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext as _

from motcua.dossiers.errors import DossierError
from motcua.notifications import services, texts
from motcua.notifications.models import Message, MessageTemplate


class TemplateForm(forms.ModelForm):
    class Meta:
        model = MessageTemplate
        fields = ("subject", "body")

    def clean(self):
        data = super().clean()
        for field in ("subject", "body"):
            wrong = texts.check_placeholders(data.get(field) or "")
            if wrong is not None:
                self.add_error(field, _("Chỗ điền “%(name)s” không có.") % {"name": wrong})
        return data


@admin.register(MessageTemplate)
class MessageTemplateAdmin(admin.ModelAdmin):
    form = TemplateForm
    list_display = ("topic", "language", "subject", "updated_at", "updated_by")
    list_filter = ("language", "topic")
    fields = ("topic", "language", "subject", "body", "updated_at", "updated_by")
    readonly_fields = ("topic", "language", "updated_at", "updated_by")

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        try:
            services.update_template(obj, actor=request.user, subject=obj.subject, body=obj.body)
        except DossierError as exc:
            messages.error(request, exc.message)


@admin.register(Message)
class MessageAdmin(admin.ModelAdmin):
    list_display = ("created_at", "topic", "channel", "address", "status", "attempts", "last_error")
    list_filter = ("status", "channel", "topic")
    search_fields = ("address", "subject")
    readonly_fields = [f.name for f in Message._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
