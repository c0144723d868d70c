"""A simulator of the national population database (CSDL quốc gia về dân cư): a small REST
protocol answering whether a personal ID, a name and a date of birth belong together."""
