"""Signoffs verified against the pull request's reviews on GitHub.

Each signoff a pull request adds (a step, a late note, a change decision, an amendment) must be
matched on the git host by an approving review from that person's login (the base roster's
``login``), not earlier than the signoff's date, unless that person opened the pull request (their own
account did that on the host; the host does not let anyone approve their own pull request). A change to the roster or the settings needs the GM's approving review. The
comparison is pure; only ``fetch`` talks to the API.
"""

from __future__ import annotations

import json
import os
import re
import urllib.request
from datetime import date, datetime
from zoneinfo import ZoneInfo

from .errors import GuanjiaError
from .findings import Finding, Severity
from .rules.links import at
from .signoffs import Signed


def latest_reviews(reviews: list[dict]) -> dict[str, dict]:
    """Each reviewer's standing review: the last one that approved or requested changes."""
    out: dict[str, dict] = {}
    for review in sorted(reviews, key=lambda r: r.get("submitted_at") or ""):
        login = (review.get("user") or {}).get("login", "").lower()
        if review.get("state") in ("APPROVED", "CHANGES_REQUESTED", "DISMISSED") and login:
            out[login] = review
    return out


def check_reviews(items: list[Signed], roster, pull: dict, reviews: list[dict], zone: str) -> list[Finding]:
    """Each signoff the pull request adds (of any kind) is matched by its signer's approving review."""
    tz = ZoneInfo(zone)
    standing = latest_reviews(reviews)
    author = (pull.get("user") or {}).get("login", "").lower()
    found = []
    for s in items:
        doc, signoff = s.doc, s.signoff
        person = roster.get(signoff.by) if roster else None
        if person is None:
            continue
        name = f"“{s.name}”签字（{person.name}）"
        login = (person.login or "").lower()
        if not login:
            found.append(at(doc, s.key + ("by",), "GJ-C020", f"{name}无法核对：花名册没有{person.name}的平台账号 login。",
                            "请 IT 在 records/roster.yaml 中补上 login。"))
            continue
        if signoff.paper is not None:
            found += _paper_reviewed(s, roster, standing, zone)
            continue
        if login == author:
            continue  # the signer opened the pull request: their own account put it before the others
        review = standing.get(login)
        approved = review is not None and review.get("state") == "APPROVED"
        if not approved:
            found.append(at(doc, s.key + ("by",), "GJ-C021",
                            f"{name}没有对应的批准审核：拉取请求上{person.name}（{login}）没有点“Approve”。",
                            "签字的人要在拉取请求的 Files changed → Review changes 中选择 Approve。"))
            continue
        reviewed_on = _day(review, tz)
        if reviewed_on < signoff.date:
            found.append(at(doc, s.key + ("date",), "GJ-C022",
                            f"{name}的日期是 {signoff.date}，但{person.name}的批准审核在 {reviewed_on}，早于签字。",
                            "先签字（guanjia approve --commit 并推送），再在拉取请求上批准。"))
        elif reviewed_on > signoff.date:
            found.append(at(doc, s.key + ("date",), "GJ-C023",
                            f"{name}的日期是 {signoff.date}，{person.name}在 {reviewed_on} 才在拉取请求上批准。",
                            "签字日期应是实际批准的日期。", Severity.WARNING))
    return found


def check_authority(changed: list[str], roster, reviews: list[dict], today) -> list[Finding]:
    """A change to the roster or the settings needs the approving review of the GM (per the base's roster)."""
    gms = {p.login.lower() for p in roster.people if p.login and p.holds("gm", today)}
    standing = latest_reviews(reviews)
    if any(login in standing and standing[login].get("state") == "APPROVED" for login in gms):
        return []
    who = "、".join(sorted(gms)) or "（基线花名册中今天没有在岗的项目总经理）"
    return [Finding(name, 0, 0, "GJ-C024", f"{name} 改动了谁能签字或按什么规则签字，需要项目总经理在拉取请求上批准。",
                    f"请项目总经理（{who}）审阅这个拉取请求并点 Approve；花名册的新授权要等合并后才生效。")
            for name in changed]


def _paper_reviewed(s: Signed, roster, standing: dict, zone: str) -> list[Finding]:
    """A paper signature brought into the archive: the GM (of the base roster, today) approves the import."""
    from .clock import today_in

    gms = {p.login.lower() for p in roster.people if p.login and p.holds("gm", today_in(zone))}
    if any(standing.get(login, {}).get("state") == "APPROVED" for login in gms):
        return []
    return [at(s.doc, s.key + ("paper",), "GJ-C025", f"导入的纸质签字“{s.name}”（{s.signoff.by}，{s.signoff.date}）需要项目总经理"
               "在拉取请求上批准。", "请项目总经理核对扫描件与录入的内容一致后，在拉取请求上点 Approve。")]


def _day(review: dict, tz) -> date:
    return datetime.fromisoformat(review["submitted_at"].replace("Z", "+00:00")).astimezone(tz).date()


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
