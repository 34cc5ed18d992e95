"""Who is reading: from sign-in (OpenID Connect, st.login), from the demo's "View as" picker, or nobody (sign-in off).

The reader is worked out once a run, by the entrypoint, and kept in the session for the pages and for tracker.app.data,
which applies the reader's scope to every query. Nothing from the URL decides it, except the demo's picker, and only on
the demo database.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st
from streamlit.errors import StreamlitSecretNotFoundError

from tracker.app.data import READER_KEY, person_by_email, whole_directory
from tracker.app.view import literal, unique_labels
from tracker.people.access import ADMIN, ANALYST, Reader, person_of

PICKER = "as"


def sign_in_configured() -> bool:
    """Whether .streamlit/secrets.toml has an [auth] section (sign-in through the force's identity provider)."""
    try:
        return "auth" in st.secrets
    except (StreamlitSecretNotFoundError, FileNotFoundError):
        return False


def identify(is_demo: bool) -> Reader | Callable[[], None]:
    """The reader of this run, kept in the session for the pages and queries; or, when nobody may read yet, the one
    page to show instead (sign in, or not registered)."""
    st.session_state.pop(READER_KEY, None)
    if sign_in_configured():
        if not st.user.is_logged_in:
            return sign_in_page
        if not email_verified(st.user.to_dict()):
            return unverified_page
        person = person_by_email(str(st.user.get("email") or ""))
        if person is None or not person.active:
            return not_registered_page
        reader = Reader(person, "signed in")
    elif is_demo:
        reader = viewing_as()
    else:
        reader = Reader(None, "sign-in off")
    st.session_state[READER_KEY] = reader
    return reader


ENTRA_ISSUERS = ("https://login.microsoftonline.com/", "https://sts.windows.net/")  # Microsoft Entra ID's


def email_verified(claims: dict) -> bool:
    """Whether the identity provider vouches for the email it sent: `email_verified` (OpenID Connect's standard claim),
    which wins whenever it is given, true or false; without it, Microsoft Entra ID's `xms_edov` (the email's domain is
    verified by its owner), counted only from Entra ID's own issuer. An email a provider merely passes on
    (self-registration, another tenant's directory) is never mapped to a person."""
    def yes(value) -> bool:
        return value is True or str(value).lower() == "true"

    if "email_verified" in claims:
        return yes(claims["email_verified"])
    return str(claims.get("iss") or "").startswith(ENTRA_ISSUERS) and yes(claims.get("xms_edov"))


def unverified_page() -> None:
    """For a sign-in whose email the provider does not vouch for: this and nothing else."""
    st.title("Email not verified")
    st.error("Your identity provider did not confirm that this email address is yours, so the tracker cannot tell "
             "who you are. Ask your tracker administrator: the provider must send the email_verified claim.",
             icon=":material/gpp_bad:")
    st.button("Sign out", icon=":material/logout:", on_click=st.logout)


def sign_in_page() -> None:
    """For someone not signed in: one button to the identity provider."""
    st.title("Recommendation Tracker")
    st.write("Sign in with your force account to see the recommendations your role allows.")
    st.button("Sign in", icon=":material/login:", on_click=st.login, type="primary")


def not_registered_page() -> None:
    """For a signed-in email the directory does not hold (or holds as inactive): this and nothing else."""
    st.title("Not registered here")
    st.error("This account is not registered in the tracker, or is no longer active. Ask your tracker administrator "
             "to add you.", icon=":material/person_off:")
    literal(st.user.get("email") or "")
    st.button("Sign out", icon=":material/logout:", on_click=st.logout)


def viewing_as() -> Reader:
    """On the demo database with sign-in off: a clearly marked picker to see the app as any demo person."""
    directory = whole_directory()
    active = directory[directory["active"]]
    options = active["person_id"].astype(str).tolist()
    labels = unique_labels(options, [f"{n} ({f if isinstance(f, str) else 'national'}) · {', '.join(r)}" for n, f, r in
                                     zip(active["name"], active["force"], active["roles"], strict=True)])
    # A national analyst by default: the demo opens showing every force, as it always has.
    national = active[active["force"].isna() & active["roles"].map(lambda r: ANALYST in r and ADMIN not in r)]
    default = str(national["person_id"].iloc[0]) if len(national) else (options[0] if options else None)
    # The bound picker reads and writes the label it shows (?as=Name (Force) · roles), so a link naming a person by
    # id (?as=603) would be dropped as no option: on the session's first run, it chooses that person instead.
    named = st.query_params.get(PICKER)
    if PICKER not in st.session_state and named in options:
        st.session_state[PICKER] = named
    with st.sidebar:
        chosen = st.selectbox("View as (demo only)", options, index=options.index(default) if default in options else None,
                              key=PICKER, bind="query-params", format_func=lambda o: labels.get(o, o),
                              help="Sign-in is off on the demo: choose anyone in the demo directory to see the app "
                                   "as their role and force allow.")
    row = active[active["person_id"].astype(str) == chosen]
    if row.empty:
        return Reader(None, "demo: viewing as")
    r = row.iloc[0]
    return Reader(person_of(r), "demo: viewing as")


def reader_banner(reader: Reader) -> None:
    """Say whose view this is, and how the app knows (the person's name shown as plain text)."""
    if reader.how == "sign-in off":
        st.info("**Sign-in is off.** This dashboard is read-only and shows every force to anyone who can reach it. "
                "To sign people in through your force's identity provider, add an `[auth]` section to "
                "`.streamlit/secrets.toml` (see the README).", icon=":material/lock_open:")
        return
    with st.sidebar:
        st.caption("Demo: viewing as" if reader.how.startswith("demo") else "Signed in as")
        literal(reader.person.label if reader.person else "nobody")
        if reader.how == "signed in":
            st.button("Sign out", icon=":material/logout:", on_click=st.logout, key="sign_out")
