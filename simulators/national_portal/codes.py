"""The national codes and the protocol's date format."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

VN = ZoneInfo("Asia/Ho_Chi_Minh")

STATUS_NAMES = {
    1: "Mới đăng ký",
    2: "Được tiếp nhận",
    3: "Không được tiếp nhận",
    4: "Đang xử lý",
    5: "Yêu cầu bổ sung giấy tờ",
    6: "Yêu cầu thực hiện nghĩa vụ tài chính",
    7: "Công dân yêu cầu rút hồ sơ",
    8: "Dừng xử lý",
    9: "Đã xử lý xong",
    10: "Đã trả kết quả",
}
FINAL = {3, 7, 8, 10}

CHANNEL_NAMES = {1: "Trực tiếp", 2: "Trực tuyến", 3: "Dịch vụ bưu chính công ích"}


def status_name(code) -> str:
    return STATUS_NAMES.get(code, f"Mã {code}" if code is not None else "—")


def may_move(current: int | None, new: int) -> bool:
    """The portal's rule: nothing leaves a final state (3, 7, 8, 10); 9 only goes to 10."""
    if current is None or new == current:
        return True
    if current in FINAL:
        return False
    if current == 9:
        return new == 10
    return True


def to_np(moment: datetime.datetime) -> str:
    return moment.astimezone(VN).strftime("%Y%m%d%H%M%S")


def parse_np(text) -> datetime.datetime | None:
    if not isinstance(text, str) or len(text) != 14 or not text.isdigit():
        return None
    try:
        return datetime.datetime.strptime(text, "%Y%m%d%H%M%S").replace(tzinfo=VN)
    except ValueError:
        return None


def show_np(text) -> str:
    """A protocol date as people read it: dd/mm/yyyy HH:MM ("—" when unknown)."""
    moment = parse_np(text)
    return moment.strftime("%d/%m/%Y %H:%M") if moment else "—"


def show(moment: datetime.datetime | None) -> str:
    return moment.astimezone(VN).strftime("%d/%m/%Y %H:%M:%S") if moment else "—"
