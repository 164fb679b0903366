"""Photos on activity pages: a small JPEG for the page, the original one click away; made once, kept in a cache."""

from __future__ import annotations

import io
import os
import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image

from conftest import copy_demo
from guanjia.site import thumbs
from test_site import build, read

PHOTO = "records/2026/2026-03-12-zhishujie/attachments/合影.png"
BROKEN = "records/2026/2026-05-31-liuyi/attachments/泡泡秀.png"


def big_photo(path: Path, size: tuple[int, int] = (1600, 1100)) -> None:
    """A photo as large as a phone's (noise does not compress): several megabytes."""
    Image.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3)).save(path, "PNG", compress_level=1)


def png_header(width: int, height: int) -> bytes:
    """The start of a PNG that says it is ``width`` × ``height``: what a decompression bomb shows first."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    chunk = b"IHDR" + ihdr
    return b"\x89PNG\r\n\x1a\n" + struct.pack(">I", len(ihdr)) + chunk + struct.pack(">I", zlib.crc32(chunk))


def test_a_large_photo_is_published_with_a_thumbnail(tmp_path):
    project = copy_demo(tmp_path)
    big_photo(project / PHOTO)
    (project / BROKEN).write_bytes(b"\x89PNG not really" + os.urandom(400_000))  # large, but no picture
    cache = tmp_path / "cache"
    out = tmp_path / "site"
    run = build(project, out, XDG_CACHE_HOME=str(cache))
    assert run.returncode == 0, run.stderr
    made = list((out / "thumbs").iterdir())
    assert len(made) == 1 and made[0].suffix == ".jpg" and made[0].stat().st_size < 300_000
    with Image.open(made[0]) as thumb:
        assert max(thumb.size) == thumbs.SIDE and not thumb.getexif()
    page = read(out, "activities/2026-03-12-zhishujie.html")
    assert f'<img src="../thumbs/{made[0].name}"' in page
    assert '<a href="2026-03-12-zhishujie/attachments/%E5%90%88%E5%BD%B1.png" title="查看原图">' in page
    assert (out / "activities/2026-03-12-zhishujie/attachments/合影.png").read_bytes() == (project / PHOTO).read_bytes()
    broken = read(out, "activities/2026-05-31-liuyi.html")  # no thumbnail: shown as it is, as before
    assert '<img src="2026-05-31-liuyi/attachments/%E6%B3%A1%E6%B3%A1%E7%A7%80.png"' in broken
    kept = cache / "guanjia" / "thumbs" / made[0].name
    assert kept.read_bytes() == made[0].read_bytes()

    marker = io.BytesIO()  # the next build takes the thumbnail from the cache, not from the photo
    Image.new("RGB", (8, 8), "red").save(marker, "JPEG")
    kept.write_bytes(marker.getvalue())
    again = tmp_path / "again"
    assert build(project, again, XDG_CACHE_HOME=str(cache)).returncode == 0
    assert (again / "thumbs" / made[0].name).read_bytes() == marker.getvalue()


def test_a_thumbnail_is_upright_and_tells_nothing_of_where_it_was_taken():
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: the camera was turned; the picture is to be rotated 90° clockwise
    exif[0x8825] = {1: "N", 2: (30.0, 15.0, 0.0)}  # GPS
    raw = io.BytesIO()
    Image.new("RGB", (1600, 800), "blue").save(raw, "JPEG", exif=exif)
    out = Image.open(io.BytesIO(thumbs.shrink(raw.getvalue())))
    assert out.size == (360, 720) and out.format == "JPEG"
    assert not out.getexif() and "exif" not in out.info


def test_a_transparent_picture_is_put_on_white():
    raw = io.BytesIO()
    Image.new("RGBA", (1000, 1000), (0, 0, 0, 0)).save(raw, "PNG")
    out = Image.open(io.BytesIO(thumbs.shrink(raw.getvalue())))
    assert out.mode == "RGB" and out.getpixel((10, 10)) == (255, 255, 255)


@pytest.mark.parametrize("raw", [b"", b"GIF89a broken", png_header(20_000, 20_000), png_header(9_000, 9_000)],
                         ids=["empty", "broken", "bomb", "too-many-pixels"])
def test_what_is_not_a_usable_picture_gets_no_thumbnail(raw):
    assert thumbs.shrink(raw) is None


def test_small_photos_are_shown_as_they_are_and_a_cache_that_cannot_be_written_is_done_without(tmp_path, monkeypatch):
    small = tmp_path / "small.png"
    Image.new("RGB", (300, 200), "green").save(small)
    assert thumbs.thumbnail(small) is None
    big = tmp_path / "big.png"
    big_photo(big, (800, 600))
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    name, content = thumbs.thumbnail(big)
    assert name.endswith(".jpg") and isinstance(content, bytes) and content[:2] == b"\xff\xd8"
