from simulators.kit.server import run


def add_arguments(parser):
    parser.add_argument(
        "--api-key", default="demo-sms-key", help="the key Motcua presents (Bearer)"
    )


run("simulators.sms.settings", "Giả lập nhà cung cấp SMS", add_arguments=add_arguments)
