"""The migration that adds contacts keeps each application's one contact as a contact."""

import pytest

from ..migrating import migrate_to, migrate_to_latest

BEFORE = [("interviews", "0011_history_reminders_archive")]
AFTER = [("interviews", "0012_contacts_documents_capture")]


@pytest.fixture
def old_schema(transactional_db):
    apps = migrate_to(BEFORE)
    yield apps
    migrate_to_latest()


def add_applications(apps):
    user = apps.get_model("interviews", "User").objects.create(email="old@example.com")
    Application = apps.get_model("interviews", "Application")

    def add(company, **contact):
        return Application.objects.create(owner=user, company=company, role="Dev", **contact)

    return user, {
        "named": add("Acme", contact_name="Ann Lee", contact_email="ann@acme.example"),
        "address only": add("Globex", contact_email="hr@globex.example"),
        "name only": add("Initech", contact_name="Bo Park"),
        "none": add("Umbrella"),
    }


def test_each_applications_contact_becomes_a_contact_linked_to_it(old_schema):
    user, applications = add_applications(old_schema)

    apps = migrate_to(AFTER)

    Contact = apps.get_model("interviews", "Contact")
    found = {
        contact.applications.get().company: (contact.name, contact.email, contact.company)
        for contact in Contact.objects.all()
    }
    assert found == {
        "Acme": ("Ann Lee", "ann@acme.example", "Acme"),
        # Without a name, the address stands in for it.
        "Globex": ("hr@globex.example", "hr@globex.example", "Globex"),
        "Initech": ("Bo Park", "", "Initech"),
    }
    assert set(Contact.objects.values_list("owner_id", flat=True)) == {user.pk}
    Application = apps.get_model("interviews", "Application")
    assert not Application.objects.get(pk=applications["none"].pk).contacts.exists()


def test_going_back_puts_the_first_contact_back_on_its_application(old_schema):
    user, applications = add_applications(old_schema)
    apps = migrate_to(AFTER)
    Contact = apps.get_model("interviews", "Contact")
    umbrella = applications["none"].pk
    later = Contact.objects.create(owner_id=user.pk, name="Cy Moss", email="cy@umbrella.example")
    later.applications.add(umbrella)

    apps = migrate_to(BEFORE)

    Application = apps.get_model("interviews", "Application")
    back = {
        application.company: (application.contact_name, application.contact_email)
        for application in Application.objects.all()
    }
    assert back == {
        "Acme": ("Ann Lee", "ann@acme.example"),
        "Globex": ("hr@globex.example", "hr@globex.example"),
        "Initech": ("Bo Park", ""),
        "Umbrella": ("Cy Moss", "cy@umbrella.example"),
    }
