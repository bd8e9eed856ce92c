"""The demo catalogue: 20+ real commune-level procedures from motcua/data/procedures_demo.json, loaded through
the same import rule as `flask procedures import` (fees there are examples: each centre sets its own)."""

from pathlib import Path

from models.catalogue_io import import_catalogue
from models.transaction import perform

DEMO_FILE = Path(__file__).resolve().parent / "data" / "procedures_demo.json"


def load_demo_catalogue(session):
    return perform(session, import_catalogue, DEMO_FILE.read_bytes(), "json")
