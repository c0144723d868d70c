"""The configuration of the service index (Decision 766/QĐ-TTg, 2022): its groups, indicators,
maximum points, thresholds and ranking bands, as documented configuration.

The defaults below are the reading docs/service-index.md describes. A deployment may change the
weights, the thresholds and the bands without touching the code: `SERVICE_INDEX_CONFIG` names a
JSON or TOML file (docs/configuration.md) read and checked once when Django starts
(`ReportsConfig.ready`); a file that does not hold together stops the start with
`ImproperlyConfigured` saying what is wrong. What each indicator counts (its definition) is
code, in reports/service_index.py; only its numbers are configuration.

The file's shape (TOML; JSON has the same keys):

    [indicators.on_time]          # an indicator's code
    max_points = 18
    threshold = 0.9               # 0 < t <= 1, or "none" for no threshold

    [indicators.synced]
    max_points = 8

    [[bands]]                     # the whole list of bands, replacing the default one
    code = "excellent"
    label = "Xuất sắc"
    minimum = 90
    ...

The maximum points of the indicators must add up to 100 (a group's maximum is the sum of its
indicators'), and the bands must include one with minimum 0.
"""

from __future__ import annotations

import json
import math
import tomllib
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

TOTAL_POINTS = 100.0


@dataclass(frozen=True)
class Group:
    number: int
    label: str
    max_points: float


@dataclass(frozen=True)
class Indicator:
    code: str
    group: int
    label: str
    max_points: float
    threshold: float | None
    definition: str  # the reading implemented, in Vietnamese (docs/service-index.md)

    def points_for(self, ratio: float) -> float:
        """With a threshold t: maximum × min(1, ratio ÷ t); without: ratio × maximum."""
        ratio = min(max(ratio, 0.0), 1.0)
        if self.threshold:
            return self.max_points * min(1.0, ratio / self.threshold)
        return ratio * self.max_points


@dataclass(frozen=True)
class Band:
    code: str
    label: str
    minimum: float  # the lowest total (out of 100) in the band, inclusive


_GROUP_LABELS = {
    1: _("Công khai, minh bạch"),
    2: _("Tiến độ giải quyết"),
    3: _("Dịch vụ công trực tuyến"),
    4: _("Số hóa hồ sơ"),
    5: _("Mức độ hài lòng"),
}

DEFAULT_INDICATORS: tuple[Indicator, ...] = (
    Indicator(
        "published_on_time",
        1,
        _("Thủ tục hành chính được công bố đúng hạn"),
        6,
        None,
        _(
            "Thủ tục đang công bố có cơ quan thực hiện trong phạm vi: được công bố lần đầu "
            "không muộn hơn ngày có hiệu lực (thủ tục không ghi ngày có hiệu lực thì có hiệu "
            "lực từ khi công bố, nên đúng hạn)."
        ),
    ),
    Indicator(
        "updated_on_time",
        1,
        _("Thủ tục hành chính được cập nhật đúng hạn"),
        4,
        None,
        _(
            "Thủ tục có cơ quan thực hiện trong phạm vi và ngày hết hiệu lực không muộn hơn "
            "ngày cuối kỳ: đã được bãi bỏ trên danh mục không muộn hơn ngày hết hiệu lực."
        ),
    ),
    Indicator(
        "published_complete",
        1,
        _("Thủ tục hành chính công khai đầy đủ các bộ phận"),
        2,
        None,
        _(
            "Thủ tục đang công bố trong phạm vi có đủ: trình tự thực hiện, ít nhất một trường "
            "hợp và mỗi trường hợp có thành phần hồ sơ, kết quả thực hiện, căn cứ pháp lý."
        ),
    ),
    Indicator(
        "synced",
        1,
        _("Hồ sơ được đồng bộ lên Cổng Dịch vụ công quốc gia"),
        6,
        None,
        _(
            "Hồ sơ tiếp nhận trong kỳ đã được gửi thành công lên Cổng Dịch vụ công quốc gia "
            "÷ hồ sơ tiếp nhận trong kỳ."
        ),
    ),
    Indicator(
        "on_time",
        2,
        _("Hồ sơ giải quyết đúng hạn"),
        20,
        None,
        _(
            "Hồ sơ đã có kết quả trong kỳ và hồ sơ còn đang giải quyết cuối kỳ, xét theo cách "
            "của Cổng quốc gia (trừ thời gian bổ sung; yêu cầu bổ sung lần hai trở lên là trễ "
            "hạn; hồ sơ đã xin lỗi xét theo hạn gốc; hồ sơ còn mở xét tại cuối kỳ): số không "
            "trễ hạn ÷ tổng số."
        ),
    ),
    Indicator(
        "full_process_dossiers",
        3,
        _("Hồ sơ trực tuyến toàn trình"),
        3,
        None,
        _(
            "Hồ sơ tiếp nhận trong kỳ nộp trực tuyến ÷ hồ sơ tiếp nhận trong kỳ của thủ tục "
            "đủ điều kiện trực tuyến toàn trình."
        ),
    ),
    Indicator(
        "online_procedures",
        3,
        _("Thủ tục hành chính cung cấp dịch vụ công trực tuyến"),
        3,
        0.8,
        _(
            "Thủ tục đang công bố trong phạm vi được cung cấp trực tuyến (mức độ 3, 4 hoặc "
            "toàn trình, một phần) ÷ thủ tục đang công bố trong phạm vi; ngưỡng 80%."
        ),
    ),
    Indicator(
        "online_services_used",
        3,
        _("Dịch vụ công trực tuyến phát sinh hồ sơ"),
        3,
        None,
        _(
            "Thủ tục cung cấp trực tuyến trong phạm vi có ít nhất một hồ sơ trực tuyến tiếp "
            "nhận trong kỳ ÷ thủ tục cung cấp trực tuyến trong phạm vi."
        ),
    ),
    Indicator(
        "online_dossiers",
        3,
        _("Tỷ lệ hồ sơ trực tuyến"),
        3,
        0.5,
        _(
            "Hồ sơ tiếp nhận trong kỳ nộp trực tuyến, trừ hồ sơ đã có văn bản kết quả mà "
            "không có kết quả điện tử ký số ÷ hồ sơ tiếp nhận trong kỳ; ngưỡng 50%."
        ),
    ),
    Indicator(
        "payment_integrated",
        3,
        _("Thủ tục có phí, lệ phí tích hợp thanh toán trực tuyến"),
        2,
        None,
        _(
            "Thủ tục đang công bố trong phạm vi có phí, lệ phí và được cung cấp ở mức độ 4 "
            "hoặc toàn trình (nộp phí trực tuyến) ÷ thủ tục đang công bố có phí, lệ phí."
        ),
    ),
    Indicator(
        "payment_used",
        3,
        _("Thủ tục có phát sinh thanh toán trực tuyến"),
        2,
        None,
        _(
            "Thủ tục có phí, lệ phí trong phạm vi có ít nhất một khoản thanh toán trực tuyến "
            "thành công trong kỳ ÷ thủ tục đang công bố có phí, lệ phí."
        ),
    ),
    Indicator(
        "paid_online",
        3,
        _("Hồ sơ thanh toán trực tuyến"),
        6,
        None,
        _(
            "Hồ sơ tiếp nhận trong kỳ có khoản phải nộp lớn hơn 0 đã thanh toán trực tuyến "
            "thành công ÷ hồ sơ tiếp nhận trong kỳ có khoản phải nộp lớn hơn 0."
        ),
    ),
    Indicator(
        "electronic_result",
        4,
        _("Hồ sơ có kết quả điện tử"),
        6,
        None,
        _(
            "Hồ sơ có kết quả giải quyết trong kỳ, có văn bản kết quả ký số ÷ hồ sơ có kết quả "
            "giải quyết trong kỳ."
        ),
    ),
    Indicator(
        "digitised",
        4,
        _("Hồ sơ được số hóa thành phần và kết quả"),
        4,
        0.8,
        _(
            "Hồ sơ tiếp nhận trong kỳ có mọi thành phần đã số hóa (hoặc khai trên biểu mẫu "
            "điện tử) và, khi đã có văn bản kết quả, có kết quả ký số ÷ hồ sơ tiếp nhận trong "
            "kỳ; ngưỡng 80%."
        ),
    ),
    Indicator(
        "certified_copies",
        4,
        _("Bản sao điện tử"),
        2,
        None,
        _(
            "Thành phần hồ sơ nhận dưới dạng bản sao điện tử ÷ thành phần nhận dưới dạng bản "
            "sao (bản sao, bản sao chứng thực, bản sao điện tử) của hồ sơ tiếp nhận trong kỳ."
        ),
    ),
    Indicator(
        "reused",
        4,
        _("Hồ sơ tái sử dụng dữ liệu số hóa"),
        2,
        0.8,
        _(
            "Hồ sơ tiếp nhận trong kỳ có ít nhất một thành phần lấy từ kho dữ liệu (của tỉnh "
            "hoặc kho dữ liệu cá nhân) ÷ hồ sơ tiếp nhận trong kỳ; ngưỡng 80%."
        ),
    ),
    Indicator(
        "personal_data_store",
        4,
        _("Hồ sơ sử dụng kho dữ liệu cá nhân"),
        4,
        None,
        _(
            "Hồ sơ tiếp nhận trong kỳ có ít nhất một thành phần lấy từ kho dữ liệu cá nhân "
            "trên Cổng Dịch vụ công quốc gia ÷ hồ sơ tiếp nhận trong kỳ."
        ),
    ),
    Indicator(
        "population_procedures",
        4,
        _("Thủ tục khai thác Cơ sở dữ liệu quốc gia về dân cư"),
        2,
        None,
        _(
            "Thủ tục có hồ sơ của công dân tiếp nhận trong kỳ, trong đó ít nhất một hồ sơ "
            "được đối chiếu với CSDL dân cư và có câu trả lời ÷ thủ tục có hồ sơ của công dân "
            "tiếp nhận trong kỳ."
        ),
    ),
    Indicator(
        "population_dossiers",
        4,
        _("Hồ sơ khai thác Cơ sở dữ liệu quốc gia về dân cư"),
        2,
        None,
        _(
            "Hồ sơ của công dân tiếp nhận trong kỳ được đối chiếu với CSDL dân cư và có câu "
            "trả lời (khớp, không khớp, không có) ÷ hồ sơ của công dân tiếp nhận trong kỳ."
        ),
    ),
    Indicator(
        "complaints_on_time",
        5,
        _("Phản ánh, kiến nghị xử lý đúng hạn"),
        6,
        None,
        _(
            "Phản ánh, kiến nghị tiếp nhận trong kỳ: đã trả lời hoặc từ chối đúng hạn, hoặc "
            "còn mở mà chưa quá hạn trả lời tại cuối kỳ ÷ phản ánh, kiến nghị tiếp nhận trong "
            "kỳ."
        ),
    ),
    Indicator(
        "complaints_resolved",
        5,
        _("Phản ánh, kiến nghị được giải quyết, công khai"),
        6,
        None,
        _(
            "Phản ánh, kiến nghị tiếp nhận trong kỳ (trừ bị từ chối) đã có câu trả lời được "
            "công khai ÷ phản ánh, kiến nghị tiếp nhận trong kỳ (trừ bị từ chối)."
        ),
    ),
    Indicator(
        "satisfaction",
        5,
        _("Mức độ hài lòng trong giải quyết hồ sơ"),
        6,
        0.9,
        _(
            "100% − (tỷ lệ hồ sơ trễ hạn + tỷ lệ hồ sơ bị phản ánh hoặc được đánh giá không "
            "hài lòng), trên hồ sơ xét tiến độ của chỉ số đúng hạn; ngưỡng 90%."
        ),
    ),
)

DEFAULT_BANDS: tuple[Band, ...] = (
    Band("excellent", _("Xuất sắc"), 90),
    Band("good", _("Tốt"), 80),
    Band("fair", _("Khá"), 65),
    Band("average", _("Trung bình"), 50),
    Band("weak", _("Yếu"), 0),
)


@dataclass(frozen=True)
class Configuration:
    groups: tuple[Group, ...]
    indicators: tuple[Indicator, ...]
    bands: tuple[Band, ...]  # highest minimum first

    def band_for(self, total: float) -> Band:
        for band in self.bands:
            if total >= band.minimum - 1e-9:
                return band
        return self.bands[-1]

    def indicator(self, code: str) -> Indicator:
        for indicator in self.indicators:
            if indicator.code == code:
                return indicator
        raise KeyError(code)


def _groups_of(indicators: tuple[Indicator, ...]) -> tuple[Group, ...]:
    numbers = sorted({i.group for i in indicators})
    return tuple(
        Group(n, _GROUP_LABELS[n], sum(i.max_points for i in indicators if i.group == n))
        for n in numbers
    )


def _problem(message: str, path) -> ImproperlyConfigured:
    return ImproperlyConfigured(f"SERVICE_INDEX_CONFIG ({path}): {message}")


def _number(value, what: str, path) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise _problem(f"{what} must be a number, not {value!r}.", path)
    return float(value)


def _read(path: Path) -> dict:
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise _problem(f"cannot read the file: {error}.", path) from error
    try:
        if path.suffix.lower() == ".json":
            data = json.loads(raw.decode("utf-8"))
        elif path.suffix.lower() == ".toml":
            data = tomllib.loads(raw.decode("utf-8"))
        else:
            raise _problem("the file must end in .json or .toml.", path)
    except (ValueError, UnicodeDecodeError) as error:
        raise _problem(f"not valid {path.suffix[1:].upper()}: {error}.", path) from error
    if not isinstance(data, dict):
        raise _problem("the file must hold an object (a table).", path)
    return data


def _override_indicators(data, path) -> tuple[Indicator, ...]:
    if not isinstance(data, dict):
        raise _problem("`indicators` must be a table keyed by indicator code.", path)
    known = {i.code: i for i in DEFAULT_INDICATORS}
    unknown = sorted(set(data) - set(known))
    if unknown:
        raise _problem(
            f"unknown indicator code(s) {', '.join(unknown)}; the codes are {', '.join(known)}.",
            path,
        )
    indicators = []
    for indicator in DEFAULT_INDICATORS:
        change = data.get(indicator.code)
        if change is None:
            indicators.append(indicator)
            continue
        if not isinstance(change, dict) or set(change) - {"max_points", "threshold"}:
            raise _problem(
                f"indicators.{indicator.code} may set only max_points and threshold.", path
            )
        values = {}
        if "max_points" in change:
            points = _number(change["max_points"], f"indicators.{indicator.code}.max_points", path)
            if points < 0:
                raise _problem(f"indicators.{indicator.code}.max_points must be 0 or more.", path)
            values["max_points"] = points
        if "threshold" in change:
            threshold = change["threshold"]
            if threshold in (None, "none"):
                values["threshold"] = None
            else:
                threshold = _number(threshold, f"indicators.{indicator.code}.threshold", path)
                if not 0 < threshold <= 1:
                    raise _problem(
                        f"indicators.{indicator.code}.threshold must be above 0 and at most 1 "
                        f'(a share), or "none".',
                        path,
                    )
                values["threshold"] = threshold
        indicators.append(replace(indicator, **values))
    return tuple(indicators)


def _override_bands(data, path) -> tuple[Band, ...]:
    if not isinstance(data, list) or not data:
        raise _problem("`bands` must be a non-empty list of {code, label, minimum}.", path)
    bands = []
    for position, item in enumerate(data, start=1):
        if not isinstance(item, dict) or set(item) != {"code", "label", "minimum"}:
            raise _problem(f"band {position} must have exactly code, label and minimum.", path)
        code, label = item["code"], item["label"]
        if not isinstance(code, str) or not code or not isinstance(label, str) or not label:
            raise _problem(f"band {position}: code and label must be non-empty text.", path)
        minimum = _number(item["minimum"], f"band {position} minimum", path)
        if not 0 <= minimum <= TOTAL_POINTS:
            raise _problem(f"band {position}: minimum must be between 0 and 100.", path)
        bands.append(Band(code, label, minimum))
    codes = [b.code for b in bands]
    if len(set(codes)) != len(codes):
        raise _problem("two bands have the same code.", path)
    minima = [b.minimum for b in bands]
    if len(set(minima)) != len(minima):
        raise _problem("two bands have the same minimum.", path)
    if 0 not in minima:
        raise _problem("one band must have minimum 0, so that every total has a band.", path)
    return tuple(sorted(bands, key=lambda b: -b.minimum))


def load_configuration(path: str | Path | None) -> Configuration:
    """The defaults, changed by the file at `path` when one is given; ImproperlyConfigured
    with what is wrong when the file does not hold together."""
    indicators, bands = DEFAULT_INDICATORS, DEFAULT_BANDS
    if path:
        path = Path(path)
        data = _read(path)
        unknown = sorted(set(data) - {"indicators", "bands"})
        if unknown:
            raise _problem(
                f"unknown key(s) {', '.join(unknown)}; expected indicators, bands.", path
            )
        if "indicators" in data:
            indicators = _override_indicators(data["indicators"], path)
        if "bands" in data:
            bands = _override_bands(data["bands"], path)
        total = sum(i.max_points for i in indicators)
        if abs(total - TOTAL_POINTS) > 1e-6:
            raise _problem(
                f"the indicators' max_points add up to {total:g}, not {TOTAL_POINTS:g}.", path
            )
    return Configuration(groups=_groups_of(indicators), indicators=indicators, bands=bands)


@lru_cache(maxsize=4)
def _configuration_at(path: str) -> Configuration:
    return load_configuration(path or None)


def active_configuration() -> Configuration:
    """The configuration in force: the defaults, or the file SERVICE_INDEX_CONFIG names."""
    return _configuration_at(str(getattr(settings, "SERVICE_INDEX_CONFIG", "") or ""))


def check_configuration() -> None:
    """Read and check the configuration now (at start-up): ImproperlyConfigured if it is bad."""
    active_configuration()
