"""The demo's search synonyms: phrases people type at the portal's search box, found in the
portal's search logs of other provinces, and the words the catalog uses for them. Catalog
administrators edit the list in the admin (Danh mục thủ tục › Từ đồng nghĩa khi tìm kiếm)."""

from __future__ import annotations

from motcua.catalog.models import SearchSynonym

SYNONYMS = [
    ("làm giấy khai sinh", "đăng ký khai sinh"),
    ("giấy khai sinh", "khai sinh"),
    ("làm khai sinh", "đăng ký khai sinh"),
    ("khai sinh cho con", "đăng ký khai sinh"),
    ("làm giấy đăng ký kết hôn", "đăng ký kết hôn"),
    ("giấy đăng ký kết hôn", "đăng ký kết hôn"),
    ("làm giấy chứng tử", "đăng ký khai tử"),
    ("giấy chứng tử", "khai tử"),
    ("giấy xác nhận độc thân", "xác nhận tình trạng hôn nhân"),
    ("xác nhận độc thân", "xác nhận tình trạng hôn nhân"),
    ("công chứng", "chứng thực"),
    ("sao y", "chứng thực bản sao"),
    ("sổ đỏ", "giấy chứng nhận quyền sử dụng đất"),
    ("sổ hồng", "giấy chứng nhận quyền sử dụng đất"),
    ("bằng lái xe", "giấy phép lái xe"),
    ("bằng lái", "giấy phép lái xe"),
    ("xin phép xây nhà", "giấy phép xây dựng nhà ở riêng lẻ"),
    ("xây nhà", "xây dựng nhà ở riêng lẻ"),
    ("sửa nhà", "sửa chữa, cải tạo nhà ở riêng lẻ"),
    ("lý lịch tư pháp", "phiếu lý lịch tư pháp"),
    ("bảo hiểm thất nghiệp", "trợ cấp thất nghiệp"),
    ("chuyển trường cho con", "chuyển trường"),
]


def create_synonyms() -> int:
    """Create the demo's synonyms; return how many."""
    SearchSynonym.objects.bulk_create(
        SearchSynonym(phrase=phrase, meaning=meaning) for phrase, meaning in SYNONYMS
    )
    return len(SYNONYMS)
