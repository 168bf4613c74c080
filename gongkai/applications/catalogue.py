"""Likely matches in the agency's 主动公开 catalogue, shown before an application is filed (第三十六条（一）).

Uses the publications app's search (``gongkai.publications.search.apply``) on short phrases of the
description; falls back to ``title__contains`` when that search is not available. No search engine here.
"""

import re

from django.urls import NoReverseMatch, reverse

SPLIT = re.compile(r"[\s，,。．.、；;：:！!？?（）()《》“”\"'·\-—/]+|的|和|及|与|或|关于|有关|相关|申请|公开|信息|政府")


def phrases(text: str, limit: int = 6) -> list[str]:
    out = []
    for part in SPLIT.split(text or ""):
        part = part.strip()
        if 2 <= len(part) <= 12 and part not in out:
            out.append(part)
        elif len(part) > 12:
            out.extend(p for p in (part[:6], part[-6:]) if p not in out)
    return out[:limit]


def likely_matches(org, text: str, limit: int = 5) -> list:
    try:
        from gongkai.publications.models import Publication
    except ImportError:  # pragma: no cover - publications app absent
        return []
    base = Publication.objects.filter(organization=org)
    base = base.published() if hasattr(base, "published") else base
    try:
        from gongkai.publications.search import apply as search
    except ImportError:  # pragma: no cover
        search = None
    scores: dict[int, int] = {}
    for phrase in phrases(text):
        try:
            qs = search(base, phrase)[0] if search else base.filter(title__contains=phrase)
            ids = list(qs.values_list("pk", flat=True)[:20])
        except Exception:  # noqa: BLE001 - a broken index must not stop an application
            ids = list(base.filter(title__contains=phrase).values_list("pk", flat=True)[:20])
        for pk in ids:
            scores[pk] = scores.get(pk, 0) + 1
    best = sorted(scores, key=lambda pk: -scores[pk])[:limit]
    by_id = Publication.objects.in_bulk(best)
    found = [by_id[pk] for pk in best if pk in by_id]
    for p in found:
        try:
            p.public_url = reverse("portal:publication", kwargs={"publication_id": p.pk})
        except NoReverseMatch:
            p.public_url = ""
    return found
