"""The boundary with a province's dossier system: receipts are pushed after the commit (a failing remote loses
nothing), and states pulled from the remote move a dossier forward along the allowed path only."""

from datetime import datetime

import pytest
from sqlalchemy import select

from models import Dossier, DossierStatus, Procedure, db
from models.dossier_rules import Applicant, Receipt, receive_dossier
from models.dossier_systems import BuiltInRegister, sync_state, system_named
from models.transaction import perform


class FakeRemote:
    """A province system in memory: it records what was pushed and reports whatever state it is told to."""

    name = "fake"

    def __init__(self, fail=False):
        self.pushed, self.states, self.fail = [], {}, fail

    def push(self, dossier):
        if self.fail:
            raise ConnectionError("the province's system is down")
        self.pushed.append(dossier.code)
        return f"REMOTE-{len(self.pushed)}"

    def pull_state(self, dossier):
        return self.states.get(dossier.code)


@pytest.fixture
def remote(app, monkeypatch):
    def use(fake):
        monkeypatch.setitem(app.extensions, "dossier_system", fake)
        return fake

    return use


def _receive(demo) -> Dossier:
    procedure_id = db.session.scalar(select(Procedure.id).filter_by(code="1.004873"))
    receipt = Receipt(procedure_id, Applicant("Đỗ Văn Giang", "0912345678"))
    return perform(
        db.session, receive_dossier, demo.site.id, demo.users["canbo1"], receipt, now=datetime(2026, 3, 6, 7)
    )


def test_a_receipt_is_pushed_to_the_remote(demo, remote):
    fake = remote(FakeRemote())
    dossier = _receive(demo)
    assert fake.pushed == [dossier.code]


def test_a_remote_that_is_down_loses_no_receipt(demo, remote):
    remote(FakeRemote(fail=True))
    dossier = _receive(demo)
    db.session.expire_all()
    assert db.session.get(Dossier, dossier.id).status == DossierStatus.RECEIVED


def test_pulled_states_move_forward_in_order_and_never_back(demo):
    fake = FakeRemote()
    dossier = _receive(demo)
    fake.states[dossier.code] = DossierStatus.RESULT_READY
    perform(db.session, sync_state, fake, dossier.id, demo.users["canbo1"])
    assert [e.to_status for e in dossier.events] == ["received", "processing", "result_ready"]
    fake.states[dossier.code] = DossierStatus.PROCESSING
    assert perform(db.session, sync_state, fake, dossier.id, demo.users["canbo1"]) is None
    fake.states[dossier.code] = DossierStatus.REFUSED  # needs a written reason: left for a person
    assert perform(db.session, sync_state, fake, dossier.id, demo.users["canbo1"]) is None
    assert dossier.status == DossierStatus.RESULT_READY


def test_the_built_in_register_is_the_default():
    assert isinstance(system_named(None), BuiltInRegister)
    assert isinstance(system_named("unknown"), BuiltInRegister)
