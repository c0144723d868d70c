"""The REST API, v1: one NinjaAPI; each domain adds its router in its own module here."""

from __future__ import annotations

from ninja import NinjaAPI

from motcua.api import errors


class MotcuaAPI(NinjaAPI):
    # Schemas that an operation refers to by hand (a body parsed by the view itself, such as the
    # multipart submission); ninja only collects the schemas of declared parameters.
    extra_components: list = []

    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        from ninja.openapi.schema import REF_TEMPLATE, NinjaGenerateJsonSchema

        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        for model in self.extra_components:
            generated = model.model_json_schema(
                ref_template=REF_TEMPLATE, schema_generator=NinjaGenerateJsonSchema
            )
            components.update(generated.pop("$defs", {}))
            components[model.__name__] = generated
        return schema

    def get_openapi_operation_id(self, operation) -> str:
        """Operation ids name the face's module, not its internal layout: the endpoints of the
        `motcua.api.dossiers` package keep the ids they had as one module."""
        module = operation.view_func.__module__
        if module.startswith("motcua.api.dossiers."):
            module = "motcua.api.dossiers"
        return f"{module}_{operation.view_func.__name__}".replace(".", "_")


api = MotcuaAPI(
    title="Motcua API",
    version="1",
    description=(
        "API của hệ thống một cửa điện tử: danh mục thủ tục hành chính, lịch làm việc, hồ sơ. "
        "Mọi lỗi có dạng {detail, errors: [{field, message}]}."
    ),
    urls_namespace="api-v1",
    openapi_url="/openapi.json",
    docs_url="/docs",
)
errors.install(api)

# Routers are registered here, in one place, so the API's shape reads top to bottom.
from motcua.api.calendar import router as calendar_router  # noqa: E402
from motcua.api.dossiers import extra_components as dossiers_extra_components  # noqa: E402
from motcua.api.dossiers import lookup_router  # noqa: E402
from motcua.api.dossiers import router as dossiers_router  # noqa: E402
from motcua.api.feedback import router as feedback_router  # noqa: E402
from motcua.api.national_portal import router as national_portal_router  # noqa: E402
from motcua.api.open_data import router as open_data_router  # noqa: E402
from motcua.api.postal import router as postal_router  # noqa: E402
from motcua.api.procedures import router as procedures_router  # noqa: E402
from motcua.api.reports import router as reports_router  # noqa: E402
from motcua.api.results import router as results_router  # noqa: E402
from motcua.api.webhooks import router as webhooks_router  # noqa: E402

api.extra_components.extend(dossiers_extra_components)

api.add_router("/procedures", procedures_router, tags=["Thủ tục hành chính"])
api.add_router("/calendar", calendar_router, tags=["Lịch làm việc"])
api.add_router("/dossiers", dossiers_router, tags=["Hồ sơ"])
api.add_router("/lookup", lookup_router, tags=["Tra cứu hồ sơ"])
api.add_router("/webhooks", webhooks_router, tags=["Webhook"])
api.add_router("/postal", postal_router, tags=["Bưu chính công ích"])
api.add_router("/national-portal", national_portal_router, tags=["Cổng Dịch vụ công quốc gia"])
api.add_router("/results", results_router, tags=["Xác thực kết quả"])
api.add_router("/feedback", feedback_router, tags=["Đánh giá, phản ánh, kiến nghị"])
api.add_router("/reports", reports_router, tags=["Báo cáo, thống kê"])
api.add_router("/open", open_data_router, tags=["Dữ liệu mở"])
