from simulators.kit.server import run


def add_arguments(parser):
    parser.add_argument(
        "--token", default="demo-population-token", help="the token Motcua presents (Bearer)"
    )
    parser.add_argument(
        "--residents", default="", help="a JSON file of residents loaded at start (the demo's)"
    )


run(
    "simulators.population.settings",
    "Giả lập CSDL quốc gia về dân cư",
    add_arguments=add_arguments,
)
