"""What counts as a resident's personal data in a piece of text: the patterns, and one cheap test before them.

Phone numbers and ID numbers are found however they are typed: ASCII or full-width digits, grouped with
spaces (also U+3000 and no-break spaces), hyphens and dashes of every width (``－ — – ‐ ‑ −``) or dots
(``. ． · ・``), with or without ``+86`` or an area code in brackets, even with invisible characters
(zero-width space, soft hyphen) between the digits. A number glued to hex letters or longer digit runs is
part of a code (a SHA-256 digest), not a phone number.

A household address (a building and a room: ``5栋1单元601室``, ``3栋1202``, ``6号楼1503``, ``5-1-601``,
``5#1202``) identifies a household on its own. A bare room (``601室``, ``2单元501``, ``5-601``) counts
only next to a person: a surname with a title (``李阿姨``, ``王先生``, ``老张``) or a full name right
before or after it. Places (``3号楼架空层``, ``9 栋与 10 栋之间``, ``第 3 单元门口``) name no room.
"""

from __future__ import annotations

import re
from typing import NamedTuple

SPACES = " \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"
DASHES = "\\-\u2010-\u2015\u2212\ufe58\ufe63\uff0d"
DOTS = ".\uff0e\u00b7\u2027\u30fb\uff65"
INVISIBLE = "\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff"
WORDS = "栋幢座楼元门"  # the last character of a building or unit word, before its number
CN = "一二三四五六七八九十"

# The cheap test, one pass over the text. At the start of a digit run (not inside a hex code): something that
# could be a phone or ID number (digits, separators, 3 digits; or 86 and a number), 5-1-601 or 5-601, 5#, or
# 601室; after a building or unit word: a number; or an invisible character anywhere. The one character class
# in front lets the engine skip to the next such character. A line break with its indent counts as a
# separator: this also runs over a YAML file's text, where a long value may be folded over lines.
_D = "[0-9０-９]"
_PS = rf"(?:[{SPACES}{DASHES}{DOTS}()（）]|\n[ \t]*+)"
_SUSPECT = re.compile(
    rf"[0-9０-９{INVISIBLE}{WORDS}]"
    rf"(?:(?<![0-9０-９]{_D})(?<![{INVISIBLE}{WORDS}])"
    rf"(?:(?<![A-Fa-f]{_D})(?![0-9A-Fa-f]{{32}})(?:(?<=[8８])[6６]{_PS}{{0,4}}+{_D}{{3}}|{_D}{{0,3}}+{_PS}{{0,4}}+{_D}{{3}})"
    rf"|{_D}{{0,3}}+(?:[{DASHES}](?:{_D}{{1,2}}[{DASHES}])?{_D}{{3}}|[{SPACES}]{{0,2}}[#＃室房]))"
    rf"|(?<=[{INVISIBLE}{WORDS}])(?:(?<=[{INVISIBLE}])|[{SPACES}{DASHES}]{{0,5}}[0-9０-９{CN}]))")


def suspect(text: str) -> bool:
    """Whether ``text`` might hold personal data; when not, ``hits`` finds nothing in it."""
    return _SUSPECT.search(text) is not None


# The patterns run over a folded copy of the text: full-width digits and every space, dash and dot above
# become their ASCII form, one character for one, so positions stay those of the original.
_FOLD = str.maketrans({**{chr(0xFF10 + i): str(i) for i in range(10)}, "（": "(", "）": ")", "＃": "#", "＋": "+",
                       "Ｘ": "X", "ｘ": "x", "\t": " ", "\u00a0": " ", "\u1680": " ", "\u202f": " ", "\u205f": " ",
                       "\u3000": " ", **{chr(c): " " for c in range(0x2000, 0x200B)},
                       **{ch: "-" for ch in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"},
                       **{ch: "." for ch in DOTS[1:]}})
_INVISIBLE, _VISIBLE = re.compile(f"[{INVISIBLE}]"), re.compile(f"[^{INVISIBLE}]")

S = r"[ .\-]{0,3}"  # between digit groups: “139 1234 5678”, “139 - 1234 - 5678”
NB, NA = r"(?<![0-9A-Fa-f])", r"(?![0-9A-Fa-f]|\.[0-9])"  # not part of a longer number, a hex code or an amount
CC = r"(?:\+|00)?86"
MOBILE = re.compile(rf"{NB}(?:{CC}{S}|\({CC}\){S})?1[3-9][0-9](?:{S}[0-9]{{4}}{S}[0-9]{{4}}|[0-9]{S}[0-9]{{4}}{S}[0-9]{{3}}){NA}")
LANDLINE = re.compile(rf"{NB}(?:(?:\(0[0-9]{{2,3}}\){S}|0[0-9]{{2,3}}[ .\-]{{1,3}})[1-9][0-9]{{2,3}}{S}[0-9]{{4}}"
                      rf"|0[1-9][0-9]{{9,10}}){NA}")
CALLED = re.compile(rf"(?:电话|座机|固话|手机|联系方式|热线|[Tt]el|TEL|☎)[^0-9\n]{{0,4}}?{NB}([1-9][0-9]{{2,3}}{S}[0-9]{{4}}){NA}")
ID_NUMBER = re.compile(rf"{NB}[1-9][0-9]{{5}}[ .\-]?(?:18|19|20)[0-9]{{2}}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])"
                       rf"[ .\-]?[0-9]{{3}}[0-9Xx]{NA}")

G = "[ ]{0,2}"
LEFT = r"(?<![0-9A-Za-zＡ-Ｚａ-ｚ.:\-])"
UNIT = rf"(?:[0-9]{{1,2}}|[{CN}]{{1,2}}){G}(?:单元|门)"
# what a number after a building is, when it is not a room: 8 栋 120 户, 3 栋 2026 年, 5 栋 300 米
# (a surname that is also a counting word is a person when a title follows: 3栋1202 万先生)
TITLES = "先生|女士|小姐|太太|夫人|阿姨|叔叔|伯伯|阿伯|大伯|大爷|大妈|大娘|大叔|大姐|大哥|奶奶|爷爷|婆婆|阿婆|阿公|业主"
COUNTED = (r"(?:[年月日时点分秒元角万千百亿人户名位个份次场天岁米平斤克件套只台辆把株棵盆箱瓶袋本组期届排级班条项多余度"
           rf"盏桌双对束支根块包盒篇页首%％㎡]|左右|以[上下内])(?!{G}(?:{TITLES}))")
ROOM = rf"[0-9]{{3,4}}(?:{G}[室号房])?(?![0-9A-Za-z]|{G}(?:[.:/\-][0-9]|{COUNTED}))"
LETTER = "[A-Za-zＡ-Ｚａ-ｚ]"
HOUSEHOLD = re.compile(rf"{LEFT}(?:(?:(?:{LETTER}-?)?[0-9]{{1,3}}{G}(?:栋|幢|座|号楼|#楼?)|(?:{LETTER}|[{CN}]{{1,3}}){G}(?:栋|幢|座|号楼))"
                       rf"{G}-?{G}"
                       rf"(?:(?:{UNIT}|[0-9]{{1,2}}-){G}-?{G})?(?:[0-9]{{1,2}}{G}[楼层F]{G}-?{G})?"
                       rf"|[0-9]{{1,2}}-[0-9]{{1,2}}-){ROOM}")
BARE_ROOM = re.compile(rf"{LEFT}(?:(?:{UNIT}{G}-?{G})?[0-9]{{3,4}}{G}[室房]|{UNIT}{G}-?{G}{ROOM}|[0-9]{{1,3}}-{ROOM})")

SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许韩邓冯曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任"
            "卢姚沈钟姜崔谭陆范汪廖石金韦贾夏付方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺毛郝顾龚邵万覃武钱戴严莫孔向常汤")
COMPOUND = "欧阳|司马|上官|诸葛|东方|皇甫|司徒|慕容|令狐|夏侯|公孙"
# a full name without a title is only taken from surnames that rarely start an everyday word (not 于是, 高层, 方便…)
NAMES = "".join(ch for ch in SURNAMES if ch not in "于高方向万常任程金石白马史武钱严汤付余叶江龙段雷田")
CJK = "\u4e00-\u9fff"
TITLED = re.compile(rf"(?:{COMPOUND}|[{SURNAMES}]){G}(?:{TITLES})|[老小][{NAMES}]")
NAME_BEFORE = re.compile(rf"(?:{COMPOUND}|[{NAMES}])[{CJK}]{{1,2}}[ (【\[:：,，]{{0,2}}$")
NAME_AFTER = re.compile(rf"[ )】\]:：,，]{{0,2}}(?:{COMPOUND}|[{NAMES}])[{CJK}]{{2}}(?![{CJK}])")
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


class Hit(NamedTuple):
    kind: str  # in Chinese, as the finding names it: 手机号码, 固定电话号码, 身份证号码, 房号, 姓名和房号
    start: int  # where it is in the text given
    end: int


def id_checksum_ok(number: str) -> bool:
    """GB 11643: the 18th character checks the first 17."""
    total = sum(int(d) * w for d, w in zip(number[:17], _WEIGHTS, strict=True))
    return "10X98765432"[total % 11] == number[17].upper()


def hits(text: str) -> list[Hit]:
    """Each phone number, ID number and household address (or name with a room) in ``text``, in order."""
    return _hits(text) if _SUSPECT.search(text) else []


def personal_data(text: str) -> list[tuple[str, str]]:
    """(kind, the text as written) for each hit."""
    return [(h.kind, text[h.start:h.end]) for h in hits(text)]


def _hits(text: str) -> list[Hit]:
    """The patterns alone, without the cheap test first."""
    where = None
    if _INVISIBLE.search(text):  # matched without them, reported with them
        where = [m.start() for m in _VISIBLE.finditer(text)]
        text = _INVISIBLE.sub("", text)
    plain = text.translate(_FOLD)
    found = [Hit("手机号码", *m.span()) for m in MOBILE.finditer(plain)]
    found += [Hit("固定电话号码", *m.span()) for m in LANDLINE.finditer(plain)]
    found += [Hit("固定电话号码", *m.span(1)) for m in CALLED.finditer(plain)]
    found += [Hit("身份证号码", *m.span()) for m in ID_NUMBER.finditer(plain)
              if id_checksum_ok(re.sub("[ .-]", "", m.group()))]
    found += [Hit("姓名和房号" if _person_near(plain, *m.span()) else "房号", *m.span()) for m in HOUSEHOLD.finditer(plain)]
    found += [Hit("姓名和房号", *m.span()) for m in BARE_ROOM.finditer(plain) if _person_near(plain, *m.span())]
    kept: list[Hit] = []
    claimed = bytearray(len(plain))  # numbers before addresses before bare rooms: the first to claim a span keeps it
    for hit in found:
        if claimed.find(1, hit.start, hit.end) < 0:
            claimed[hit.start:hit.end] = b"\x01" * (hit.end - hit.start)
            kept.append(hit)
    if where is not None:
        kept = [Hit(h.kind, where[h.start], where[h.end - 1] + 1) for h in kept]
    return sorted(kept, key=lambda h: h.start)


def _person_near(plain: str, start: int, end: int) -> bool:
    """A titled surname within a few characters of the room, or a full name right before or after it."""
    before, after = plain[max(0, start - 10):start], plain[end:end + 10]
    return bool(TITLED.search(before) or TITLED.search(after) or NAME_BEFORE.search(before) or NAME_AFTER.match(after))


def masked(value: str) -> str:
    """``value`` with most of its digits starred: the first three and last two of a long number stay, only the
    first of a short one (a room), so a finding never shows the whole number."""
    value = _INVISIBLE.sub("", value)
    digits = [i for i, ch in enumerate(value.translate(_FOLD)) if ch in "0123456789Xx"]
    hidden = set(digits[3:-2] if len(digits) >= 9 else digits[1:])
    return "".join("*" if i in hidden else ch for i, ch in enumerate(value))
