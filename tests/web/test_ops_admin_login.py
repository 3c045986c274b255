"""The admin signs in through the site's own log-in, so its rate limits guard the admin too."""

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from interviews.models import User

from ..conftest import PASSWORD

ADMIN_EMAIL = "admin@example.com"


@pytest.fixture
def superuser(db):
    user = User.objects.create_superuser(email=ADMIN_EMAIL, password=PASSWORD)
    EmailAddress.objects.create(user=user, email=ADMIN_EMAIL, verified=True, primary=True)
    return user


def admin_log_in(client, password):
    return client.post(
        reverse("admin:login") + "?next=/admin/", {"username": ADMIN_EMAIL, "password": password}
    )


def test_the_admin_log_in_form_checks_no_password(client, superuser):
    for _ in range(25):
        admin_log_in(client, "a-wrong-guess")
    response = admin_log_in(client, PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("account_login", query={"next": "/admin/"})
    assert client.get(reverse("admin:index")).status_code == 302
    assert "_auth_user_id" not in client.session


def test_repeated_wrong_admin_passwords_are_limited(client, superuser):
    login_url = admin_log_in(client, "a-wrong-guess")["Location"]
    for _ in range(5):
        client.post(login_url, {"login": ADMIN_EMAIL, "password": "a-wrong-guess"})
    response = client.post(login_url, {"login": ADMIN_EMAIL, "password": PASSWORD})
    assert b"Too many failed login attempts" in response.content
    assert client.get(reverse("admin:index")).status_code == 302


def test_the_admin_signs_in_through_the_site_and_reaches_the_admin(client, superuser):
    login_url = client.get(reverse("admin:index"), follow=True).redirect_chain[-1][0]
    response = client.post(login_url, {"login": ADMIN_EMAIL, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:index")
    assert client.get(reverse("admin:index")).status_code == 200


def test_a_signed_in_user_who_is_not_staff_is_refused_the_admin_log_in(alice_client):
    assert alice_client.get(reverse("admin:login")).status_code == 403
