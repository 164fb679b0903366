"""Signoffs verified against the pull request's reviews on GitHub.

Each signoff a pull request adds must be matched on the git host: a re-check or an
approval by an approving review from that person's login (the roster's ``login``), not
earlier than the signoff's date; a preparation by the pull request's author or an
approving review. The comparison is pure; only ``fetch`` talks to the API.
"""

from __future__ import annotations

import json
import os
import re
import urllib.request
from datetime import datetime
from zoneinfo import ZoneInfo

from .errors import GuanjiaError
from .findings import Finding, Severity
from .rules.links import at
from .signing import STEP_ZH


def latest_reviews(reviews: list[dict]) -> dict[str, dict]:
    """Each reviewer's standing review: the last one that approved or requested changes."""
    out: dict[str, dict] = {}
    for review in sorted(reviews, key=lambda r: r.get("submitted_at") or ""):
        login = (review.get("user") or {}).get("login", "").lower()
        if review.get("state") in ("APPROVED", "CHANGES_REQUESTED", "DISMISSED") and login:
            out[login] = review
    return out


def check_reviews(items, roster, pull: dict, reviews: list[dict], zone: str) -> list[Finding]:
    """``items``: (doc, step, signoff) added by the pull request."""
    tz = ZoneInfo(zone)
    standing = latest_reviews(reviews)
    author = (pull.get("user") or {}).get("login", "").lower()
    found = []
    for doc, step, signoff in items:
        person = roster.get(signoff.by) if roster else None
        if person is None:
            continue
        name = f"“{STEP_ZH[step]}”签字（{person.name}）"
        login = (person.login or "").lower()
        if not login:
            found.append(at(doc, (step, "by"), "GJ-C020", f"{name}无法核对：花名册没有{person.name}的平台账号 login。",
                            "请 IT 在 records/roster.yaml 中补上 login。"))
            continue
        review = standing.get(login)
        approved = review is not None and review.get("state") == "APPROVED"
        if step == "prepared" and (login == author or approved):
            continue
        if not approved:
            found.append(at(doc, (step, "by"), "GJ-C021",
                            f"{name}没有对应的批准审核：拉取请求上{person.name}（{login}）没有点“Approve”。",
                            "签字的人要在拉取请求的 Files changed → Review changes 中选择 Approve。"))
            continue
        reviewed_on = datetime.fromisoformat(review["submitted_at"].replace("Z", "+00:00")).astimezone(tz).date()
        if reviewed_on < signoff.date:
            found.append(at(doc, (step, "date"), "GJ-C022",
                            f"{name}的日期是 {signoff.date}，但{person.name}的批准审核在 {reviewed_on}，早于签字。",
                            "先签字（guanjia approve --commit 并推送），再在拉取请求上批准。"))
        elif reviewed_on > signoff.date:
            found.append(at(doc, (step, "date"), "GJ-C023",
                            f"{name}的日期是 {signoff.date}，{person.name}在 {reviewed_on} 才在拉取请求上批准。",
                            "签字日期应是实际批准的日期。", Severity.WARNING))
    return found


def fetch(repo: str, number: int, token: str | None = None, api: str | None = None) -> tuple[dict, list[dict]]:
    """The pull request and all its reviews, from the GitHub REST API."""
    api = (api or os.environ.get("GITHUB_API_URL") or "https://api.github.com").rstrip("/")
    token = token or os.environ.get("GITHUB_TOKEN")
    pull = _get(f"{api}/repos/{repo}/pulls/{number}", token)[0]
    reviews, url = [], f"{api}/repos/{repo}/pulls/{number}/reviews?per_page=100"
    while url:
        page, url = _get(url, token)
        reviews += page
    return pull, reviews


def _get(url: str, token: str | None):
    request = urllib.request.Request(url, headers={"Accept": "application/vnd.github+json",
                                                   "X-GitHub-Api-Version": "2022-11-28",
                                                   **({"Authorization": f"Bearer {token}"} if token else {})})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - the API's own https URL
            body = json.loads(response.read().decode("utf-8"))
            link = response.headers.get("Link") or ""
    except (OSError, ValueError) as exc:
        raise GuanjiaError(f"无法读取 GitHub 上的审核记录（{url}）：{exc}") from None
    following = re.search(r'<([^>]+)>;\s*rel="next"', link)
    return body, following.group(1) if following else None
