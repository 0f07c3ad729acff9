"""Schemathesis hooks for hexstack's fuzz run (scripts/fuzz.sh).

The fuzzer acts as a dedicated superuser, never the first superuser. What it fuzzes can end its
own session (logout, ending sessions), change its own email or password, or demote, deactivate
or delete it; so before each token it checks the account and, when the fuzzer broke it, puts
it back through the first superuser's token. Its logins come from their own client address
(the server trusts this machine as a proxy), so the fuzzer's failed logins, limited per
address, never lock it out.
"""

import os
import uuid

import requests
import schemathesis

BASE = os.environ["FUZZ_BASE_URL"]
ADMIN = (os.environ["FUZZ_ADMIN_EMAIL"], os.environ["FUZZ_ADMIN_PASSWORD"])
EMAIL, PASSWORD = os.environ["FUZZ_USER_EMAIL"], os.environ["FUZZ_USER_PASSWORD"]
USER_ID = os.environ["FUZZ_USER_ID"]
ADMIN_ID = os.environ["FUZZ_ADMIN_ID"]
OWN_ADDRESS = {"X-Forwarded-For": "192.0.2.1"}


def login(email, password):
    answer = requests.post(
        f"{BASE}/api/v1/login/access-token",
        data={"username": email, "password": password},
        headers=OWN_ADDRESS,
        timeout=10,
    )
    return answer.json()["access_token"] if answer.status_code == 200 else None


def still_superuser(token):
    answer = requests.get(
        f"{BASE}/api/v1/users/me", headers={"Authorization": f"Bearer {token}"}, timeout=10
    )
    return answer.status_code == 200 and answer.json().get("is_superuser") is True


def restore():
    """The fuzzer's account back as it was: same id where it still exists."""
    global USER_ID
    admin = login(*ADMIN)
    if admin is None:
        raise RuntimeError("the first superuser cannot log in: the fuzzer's account cannot be restored")
    headers = {"Authorization": f"Bearer {admin}"}
    account = {"email": EMAIL, "password": PASSWORD, "is_active": True, "is_superuser": True}
    answer = requests.patch(
        f"{BASE}/api/v1/users/{USER_ID}", json=account, headers=headers, timeout=10
    )
    if answer.status_code == 404:
        created = requests.post(f"{BASE}/api/v1/users/", json=account, headers=headers, timeout=10)
        if created.status_code == 200:
            USER_ID = created.json()["id"]


def names_the_first_superuser(path_parameters):
    user_id = (path_parameters or {}).get("user_id")
    return isinstance(user_id, str) and user_id.strip().lower() == ADMIN_ID.lower()


@schemathesis.hook
def filter_path_parameters(ctx, path_parameters):
    """The first superuser is never a target: the account that restores the fuzzer's stays whole."""
    return not names_the_first_superuser(path_parameters)


@schemathesis.hook
def before_call(ctx, case, kwargs):
    """The same guard for ids the fuzzer took from earlier answers (the users list, audit events
    name the first superuser), which bypass the filter of generated values: such a case goes to
    an id nobody has."""
    if names_the_first_superuser(case.path_parameters):
        case.path_parameters["user_id"] = str(uuid.uuid4())


@schemathesis.auth(refresh_interval=2)
class DedicatedSuperuser:
    def get(self, case, ctx):
        token = login(EMAIL, PASSWORD)
        if token is None or not still_superuser(token):
            restore()
            token = login(EMAIL, PASSWORD)
        return token

    def set(self, case, data, ctx):
        if data:
            case.headers = case.headers or {}
            case.headers["Authorization"] = f"Bearer {data}"
