"""The words the demo dataset is made of: reports, recommendation texts, people, boards, comments."""

from datetime import date

# Real titles only with their real publication dates; every other title says it is illustrative.
REAL_REPORTS = (
    ("Everyone's business: Improving the police response to domestic abuse", date(2014, 3, 27)),
    ("Crime-recording: making the victim count", date(2014, 11, 18)),
    ("Living in fear - the police and CPS response to harassment and stalking", date(2017, 7, 5)),
    ("An inspection of vetting, misconduct, and misogyny in the police service", date(2022, 11, 2)),
)
ILLUSTRATIVE_SUBJECTS = (
    "custody services", "child protection", "honour-based abuse", "modern slavery and human trafficking",
    "the use of stop and search", "police response to people with mental health needs",
    "digital forensics and cyber crime", "neighbourhood policing", "counter-corruption units",
    "victims' services", "rape investigation", "online child sexual exploitation", "fraud",
    "domestic abuse follow-up", "crime data integrity re-inspection", "leadership and workforce wellbeing",
    "missing children", "stalking protection orders", "road policing", "firearms licensing",
    "criminal justice file quality",
)
PEEL_TITLE = "Illustrative PEEL assessment {year}"

STEMS = {
    "stalking": (
        ("Chief constables should ensure that stalking offences are recorded correctly and that victims receive a risk "
        "assessment"),
        "Forces should use stalking protection orders where the legal tests are met and monitor their use"),
    "domestic abuse": (
        ("Chief constables should ensure that officers attending domestic abuse incidents complete a risk assessment in "
        "every case"),
        "Forces should review how coercive control offences are identified and investigated"),
    "child": (
        ("Chief constables should ensure that children at risk of exploitation are identified and referred to partner "
        "agencies without delay"),
        "Forces should improve the quality of supervision in child protection investigations"),
    "custody": (
        "Chief constables should ensure that detainees in custody have their risk assessed and reviewed at every handover",
        ("Forces should monitor the use of force in custody suites and report on it to the police and crime "
        "commissioner")),
    "crime data": ("Chief constables should ensure that crime recording decisions are made within 24 hours and audited",
                   "Forces should improve the accuracy of crime data for violent and sexual offences"),
    "vetting": ("Chief constables should ensure that all officers and staff hold the correct level of vetting",
                "Forces should strengthen counter-corruption intelligence about abuse of position for a sexual purpose"),
    "other": ("The force should improve how it understands demand and allocates its resources",
              "The force should make sure that victims are kept informed about the progress of their case",
              "The force should improve the supervision of investigations",
              "The force should improve its training records so that it knows which officers need refresher training"),
}
PURPOSES = (
    "so that risk is managed consistently.", "and report progress to the chief officer group.",
    "within six months.", "and check compliance through regular audit.", "in line with national guidance.",
)

RANKS = ("Supt", "Ch Supt", "DCI", "Ch Insp", "D Supt", "Insp", "DI")
CHIEF_RANKS = ("ACC", "DCC", "T/ACC")
SURNAMES = (
    "Wright", "Patel", "Evans", "Hughes", "Khan", "Murphy", "Okafor", "Campbell", "Shaw", "Reid",
    "Singh", "Turner", "Ahmed", "Clarke", "Walsh", "Morgan", "Price", "Kaur", "Lloyd", "Barker",
    "Fletcher", "Nolan", "Begum", "Doyle", "Hussain", "Jenkins", "Lowe", "Mensah", "Osei", "Pearce",
    "Quinn", "Rowe", "Sutton", "Thornton", "Underwood", "Vaughan", "Webb", "Yates", "Akhtar", "Baird",
    "Cooke", "Dunn", "Ellis", "Fox", "Grant", "Hale", "Irwin", "Joyce", "Kemp", "Lamb", "Mills", "Nash",
    "O'Neill", "Parry", "Rees", "Sharma", "Tait", "Vickers", "Ward", "Young", "Adeyemi", "Bishop",
    "Chapman", "Dixon", "Farrell", "Gill", "Holt", "Iqbal", "Jarvis", "Kirby", "Lynch", "Marsh",
    "Newton", "Owen", "Powell", "Rahman", "Stone", "Thomas", "Vale", "Wood", "Ali", "Bell", "Carr",
    "Day", "Ford", "Gray", "Hart", "Hope", "Kerr", "Lane", "Moss", "Noor", "Page", "Read", "Rose", "Ryan",
    "Sims", "Todd", "Wade", "Watson", "Abbott", "Bradley", "Cross", "Davies", "Edwards", "Finch",
    "Green", "Hill", "Jones", "King", "Lewis", "Moore", "Norris", "Palmer", "Roberts", "Smith",
    "Taylor", "Walker", "White", "Wilson", "Brown", "Cole", "Dean", "Field", "Gordon", "Harris",
    "Jackson", "Knight", "Little", "Martin", "North", "Osborne", "Perry", "Russell", "Stevens",
)
BOARDS = (
    "Strategic Domestic Abuse Board", "Force Performance Board", "Vulnerability Governance Board",
    "Custody Governance Board", "Crime Data Integrity Board", "Professional Standards Board",
    "Public Protection Board", "Organisational Learning Board",
)
PROGRESS = (
    "A working group has been set up and has met monthly since the last update.",
    "New guidance has been published on the force intranet and supervisors have been briefed.",
    "Training has been delivered to {pct}% of frontline officers, with the remainder booked.",
    "An audit of {n} cases found compliance at {pct}%, and an improvement plan is in place.",
    "The policy has been rewritten and is awaiting approval at the next chief officer meeting.",
    "Performance is now reported monthly to the {board}.",
    "A dip sample of {n} records was reviewed by the force crime registrar; {pct}% met the standard.",
)
REVIEWER = (
    "I will further review the status of this recommendation at the next quarterly meeting.",
    "I await an update from the force to demonstrate monitoring and compliance outcomes.",
    "The force has not yet demonstrated that the change is embedded.",
)

# Coroners' matters of concern and IOPC recommendations for the demo's other sources: about systems, never about a
# person (no deceased person's name or circumstances is stored anywhere).
PFD_CONCERNS = (
    "Custody staff were not trained to rouse detainees in person at the intervals their care plans set.",
    "The force has no written policy on when a call handler must pass a welfare concern to the ambulance service.",
    "Checks of detainees at risk were recorded on paper and could not be audited by supervisors.",
    "Officers attending a mental health crisis could not see the local health trust's crisis plans.",
    "There is no agreed arrangement for handing over a person in crisis from police to health services out of hours.",
    "Missing person risk assessments were not reviewed when new information was received.",
    "Cell call bells were found not to work and no routine test was recorded.",
    "Road closure decisions after a serious collision were not recorded, so their reasons could not be reviewed.",
)
IOPC_CASES = (
    "a pursuit that ended in a collision", "the handling of a missing person report",
    "a death following police contact", "the response to a domestic abuse call", "the use of a Taser in custody",
    "a complaint about stop and search", "the handling of calls from a person in crisis",
)
IOPC_RECOMMENDATIONS = (
    "The force should review how pursuits are authorised and recorded after midnight.",
    "The force should ensure that call handlers re-grade calls when a caller's risk changes.",
    "The force should give officers refresher training on the checks required when a detainee is intoxicated.",
    "The force should make sure body-worn video is switched on when force is used, and audit that it is.",
    "The force should ensure supervisors review missing person risk assessments within the set time.",
    "The force should share the learning from this investigation with every control room supervisor.",
)
