"""What the privacy gate counts as a resident's personal data, and what it leaves alone."""

from __future__ import annotations

import pytest

from guanjia.rules.privacy import id_checksum_ok, personal_data


@pytest.mark.parametrize(("text", "kind"), [
    ("联系人 13912345678", "手机号码"),
    ("电话 139 1234 5678", "手机号码"),
    ("电话 139-1234-5678", "手机号码"),
    ("电话 139.1234.5678", "手机号码"),
    ("电话 +86 13912345678", "手机号码"),
    ("电话 １３９１２３４５６７８", "手机号码"),
    ("座机 0571-88886666", "固定电话号码"),
    ("座机（020）12345678", "固定电话号码"),
    ("身份证 110101199003074514", "身份证号码"),
    ("张先生（3栋2单元501）", "姓名和房号"),
    ("3-2-501 王女士", "姓名和房号"),
    ("501室李阿姨反映", "姓名和房号"),
])
def test_found(text, kind):
    assert kind in [k for k, _ in personal_data(text)]


@pytest.mark.parametrize("text", [
    "2026-03-12 09:30—11:30", "预算 2,800 元，实际 2718.50 元", "参加 46 户 131 人", "小区 9 栋与 10 栋之间",
    "110101199003074515",  # 18 digits, but the check digit is wrong: not an ID number
    "第 3 单元门口集合", "sha256:120d1ae87b3213449f919293ea1059e3",
])
def test_left_alone(text):
    assert personal_data(text) == []


def test_check_digit():
    assert id_checksum_ok("11010519491231002X") and not id_checksum_ok("110105194912310021")
