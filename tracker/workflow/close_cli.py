"""`python -m tracker close KEY risk-accepted|sign-off|noted|withdraw|carried-forward`: closings that say what
happened, each step checked by the rules the app uses (tracker/workflow/closing.py)."""

from __future__ import annotations

from tracker.core import clock
from tracker.core.filters import Filters
from tracker.core.text import missing
from tracker.store import queries
from tracker.store.database import open_reader
from tracker.workflow.actions import (
    carry_forward,
    note_risk,
    propose_risk_acceptance,
    sign_off_risk,
    withdraw_risk_acceptance,
)
from tracker.workflow.events import WorkflowError

STEPS = ("risk-accepted", "sign-off", "noted", "withdraw", "carried-forward")


def add_command(add, as_date) -> None:
    """The close command, on the tool's parser."""
    close = add("close", help="close an item as risk accepted (propose, sign off, the board's noting) or carried "
                              "forward into a newer one")
    close.add_argument("key", help="the recommendation: '<id>-<force>'")
    close.add_argument("step", choices=STEPS, help="risk-accepted proposes it; sign-off records the chief officer's or "
                                                   "commissioner's; noted records the board's, by its meeting's "
                                                   "chair; withdraw takes the proposal back; carried-forward closes "
                                                   "it into --to")
    close.add_argument("--reason", default=None, help="why (risk-accepted, withdraw; optional for carried-forward)")
    close.add_argument("--by", dest="signer", default=None, metavar="NAME", help="sign-off: who signed it off")
    close.add_argument("--signed-as", choices=("chief-officer", "commissioner"), default=None,
                       help="sign-off: as chief officer or as commissioner")
    close.add_argument("--on", dest="signed_on", type=as_date, default=None, metavar="DATE",
                       help="sign-off: the day they signed (default: today)")
    close.add_argument("--meeting", type=int, default=None, metavar="N",
                       help="noted: the board meeting it was noted at (the number 'meeting' printed)")
    close.add_argument("--note", default=None, help="noted: what the board said")
    close.add_argument("--to", dest="other", default=None, metavar="KEY",
                       help="carried-forward: the newer recommendation that takes it over")
    close.add_argument("--as", dest="as_email", required=True, metavar="EMAIL",
                       help="a reviewer (risk-accepted, withdraw, sign-off), the commissioner (sign-off), the "
                            "meeting's chair (noted), the inspectorate or a force's liaison (carried-forward)")


def then(db, key: str) -> str:
    """Where the item's closing stands today, in a few words after a step: '; closed as risk accepted', or what its
    risk acceptance still waits for ('; waiting for the board's noting')."""
    row = queries.run(open_reader(db), "workflow_item", **Filters(as_of=clock.today()).params(), key=key)
    if row is None:
        return ""
    if row["status"] == "risk-accepted":
        return "; closed as risk accepted"
    waits = [w for w, done in (("the sign-off", row["risk_signed_by"]), ("the board's noting", row["risk_noted_on"]))
             if missing(done)]
    return "; waiting for " + " and ".join(waits) if row["risk_state"] == "waiting" and waits else ""


def cmd_close(args, db, person_as) -> int:
    """One step of a closing, as the person --as names."""
    person = person_as(db, args.as_email)
    key = args.key
    if args.step == "risk-accepted":
        seq = propose_risk_acceptance(db, person, key, args.reason, source="command line")
        print(f"{key}: closing as risk accepted proposed (event #{seq}): it closes once the chief officer or the "
              "commissioner signs it off and its board notes it")
    elif args.step == "withdraw":
        seq = withdraw_risk_acceptance(db, person, key, args.reason, source="command line")
        print(f"{key}: risk acceptance withdrawn (event #{seq})")
    elif args.step == "sign-off":
        signed_as = (args.signed_as or "").replace("-", " ") or None
        signed_on = args.signed_on or clock.today()
        seq = sign_off_risk(db, person, key, args.signer, signed_as, signed_on, source="command line")
        print(f"{key}: risk acceptance signed off by {args.signer}, {signed_as}, on {signed_on:%-d %b %Y} "
              f"(event #{seq}){then(db, key)}")
    elif args.step == "noted":
        if args.meeting is None:
            raise WorkflowError("close noted: give --meeting N, the meeting the board noted it at")
        seq = note_risk(db, person, args.meeting, key, args.note, source="command line")
        print(f"{key}: risk acceptance noted at meeting {args.meeting} (event #{seq}){then(db, key)}")
    else:
        seq = carry_forward(db, person, key, args.other or "", args.reason, source="command line")
        print(f"{key}: carried forward into {args.other} (event #{seq}): closed")
    return 0
