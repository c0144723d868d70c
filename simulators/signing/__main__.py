import os

from simulators.kit.server import run


def add_arguments(parser):
    parser.add_argument(
        "--pkcs12",
        default=os.environ.get("SIGNING_SIM_PKCS12", "var/signing/gateway.p12"),
        help="the PKCS#12 file of the key the gateway signs with (the demo CA's gateway.p12)",
    )
    parser.add_argument(
        "--passphrase",
        default=os.environ.get(
            "RESULT_SIGNING_PKCS12_PASSPHRASE", "insecure-demo-pkcs12-passphrase"
        ),
        help="the PKCS#12 file's passphrase",
    )
    parser.add_argument("--service-id", default="motcua", help="the service id Motcua presents")
    parser.add_argument(
        "--secret",
        default=os.environ.get("RESULT_SIGNING_REMOTE_SECRET", "insecure-demo-signing-secret"),
        help="the secret Motcua presents with its service id",
    )


run(
    "simulators.signing.settings",
    "Giả lập dịch vụ ký số từ xa (ký số tập trung)",
    add_arguments=add_arguments,
)
