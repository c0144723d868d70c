"""The national population database (CSDL quốc gia về dân cư): the adapter (client.py)."""
