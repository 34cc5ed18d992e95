"""The directory the workflow and meeting tests import beside the six-recommendation fixture, and its people."""

from tracker.people.access import Person

DIRECTORY = """email,name,force,roles
supt.a@kent.example,Supt A,Kent,lead
acc.x@kent.example,ACC X,Kent,reviewer
dci.b@essex.example,DCI B,Essex,lead
acc.y@essex.example,ACC Y,Essex,reviewer;lead
viewer@kent.example,Mr Viewer,Kent,viewer
admin@hmicfrs.example,Ms Admin,national,admin
"""
# In the fixture, Supt A owns 2-kent and 5-kent (ACC X oversees), DCI B owns 3-essex and 4-essex (ACC Y oversees).
LEAD, ACC_X, ESSEX_LEAD, ACC_Y, VIEWER, ADMIN = (
    Person(1, "supt.a@kent.example", "Supt A", "Kent", ("lead",)),
    Person(2, "acc.x@kent.example", "ACC X", "Kent", ("reviewer",)),
    Person(3, "dci.b@essex.example", "DCI B", "Essex", ("lead",)),
    Person(4, "acc.y@essex.example", "ACC Y", "Essex", ("reviewer", "lead")),
    Person(5, "viewer@kent.example", "Mr Viewer", "Kent", ("viewer",)),
    Person(6, "admin@hmicfrs.example", "Ms Admin", None, ("admin",)),
)
