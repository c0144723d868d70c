"""A tiny protocol client for the simulator's tests (the adapter has its own, in motcua)."""


class PortalClient:
    def __init__(self, sim, dstcode="H26"):
        self.sim = sim
        self.dstcode = dstcode
        self.session = None

    def post(self, path, body, timeout=10.0):
        return self.sim.http.post(
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


class Receiver:
    """A tiny local HTTP receiver standing for Motcua's push endpoint: it records every
    request and answers with `status` and `answer` (set by the test)."""

    def __init__(self, status=200, answer=None):
        import http.server
        import threading

        self.requests = []
        self.status = status
        self.answer = answer if answer is not None else {"error_code": 0, "MaHoSo": "X-1"}
        receiver = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                raw = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                receiver.requests.append({"path": self.path, "headers": self.headers, "body": raw})
                import json

                body = json.dumps(receiver.answer).encode()
                self.send_response(receiver.status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def detail(code="1.001193", name="Đăng ký khai sinh", days=3):
    return {
        "code": code,
        "name": name,
        "field": {"code": "HT", "name": "Hộ tịch"},
        "channels": ["1", "2"],
        "applicant_types": ["citizen"],
        "applicant_description": "",
        "conditions": "",
        "description": "Bước 1: Nộp hồ sơ.\nBước 2: Nhận kết quả.",
        "publishing_agency_code": "000.00.00.H26",
        "cases": [
            {
                "code": "TH1",
                "name": "Trường hợp chung",
                "time_limit": {
                    "value": float(days),
                    "unit": "working_days",
                    "minutes": days * 480,
                    "text": "",
                },
                "time_limit_note": "",
                "documents": [
                    {
                        "code": "TK01",
                        "name": "Tờ khai",
                        "form_name": "",
                        "form_url": None,
                        "originals": 1,
                        "copies": 0,
                        "is_required": True,
                        "note": "",
                    }
                ],
            }
        ],
        "fees": [
            {"code": "LP1", "name": "Lệ phí", "amount": 8000, "unit": "hồ sơ", "case_code": None}
        ],
        "results": [{"code": "KQ1", "name": "Giấy khai sinh"}],
        "legal_bases": [{"number": "123/2015/NĐ-CP", "title": "Nghị định hộ tịch", "url": ""}],
        "agencies": [{"code": "000.01.40.H26", "name": "UBND Phường Hoàn Kiếm"}],
        "eform_schema": {},
    }
