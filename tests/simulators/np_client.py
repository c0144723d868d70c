"""A tiny protocol client for the simulator's tests (the adapter has its own, in motcua)."""

import httpx


class PortalClient:
    def __init__(self, sim, dstcode="H26"):
        self.sim = sim
        self.dstcode = dstcode
        self.session = None

    def post(self, path, body, timeout=10.0):
        return httpx.post(
            f"{self.sim.api_url}/{path}",
            json=body,
            headers={"dstcode": self.dstcode},
            timeout=timeout,
        )

    def sign_in(self, username=None, password=None):
        answer = self.post(
            "auth",
            {"username": username or self.sim.username, "password": password or self.sim.password},
        ).json()
        if answer["error_code"] == 0:
            self.session = answer["session"]
        return answer

    def call(self, endpoint, service, data, madonvi="000.01.40.H26", timeout=10.0):
        response = self.post(
            endpoint,
            {"session": self.session, "madonvi": madonvi, "service": service, "data": data},
            timeout=timeout,
        )
        return response.json()

    def sync(self, data, **kw):
        return self.call("integration", "DongBoHoSoMC", data, **kw)

    def progress(self, data, **kw):
        return self.call("integration", "CapNhatTienDoHoSoMC", data, **kw)

    def share(self, service, data, **kw):
        return self.call("share", service, data, **kw)


def dossier(code="000.01.40.H26-261203-0001", status=2, **extra):
    return {
        "MaHoSo": code,
        "MaTTHC": "1.001193",
        "TenTTHC": "Đăng ký khai sinh",
        "KenhThucHien": 1,
        "ChuHoSo": "Nguyễn Thị Mai",
        "TrangThaiHoSo": status,
        "NgayNop": "20261203081500",
        "NgayTiepNhan": "20261203093000",
        "NgayHenTra": "20261204093000",
        "NgayKetThucXuLy": "",
        "isUpdating": False,
        **extra,
    }


def line(code="000.01.40.H26-261203-0001", status=4, ma_tien_do="1", **extra):
    return {
        "MaHoSo": code,
        "MaTienDo": ma_tien_do,
        "NguoiXuLy": "Lê Thị Mai Phương",
        "ChucDanh": "Chuyên viên",
        "ThoiDiemXuLy": "20261203101500",
        "PhongBanXuLy": "Bộ phận Tư pháp – Hộ tịch",
        "NoiDungXuLy": "Thẩm định hồ sơ",
        "TrangThai": status,
        **extra,
    }
