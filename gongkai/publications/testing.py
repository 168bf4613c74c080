"""URL kwargs for the staff URL isolation test: objects of 原店镇."""


def _publication(world):
    from gongkai.publications.models import Publication

    from .test_support import make_publication

    pub = Publication.objects.filter(organization=world["orgs"]["yuandian"]).first()
    return (pub or make_publication(world["orgs"]["yuandian"], by=world["users"]["yd_clerk"])).pk


def _attachment(world):
    from .test_support import make_attachment

    return make_attachment(world["orgs"]["yuandian"], by=world["users"]["yd_clerk"]).pk


URL_KWARGS = {
    "publication_id": _publication,
    "pub_attachment_id": _attachment,
}
