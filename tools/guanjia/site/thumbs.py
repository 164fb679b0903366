"""Thumbnails for the photos on activity pages: a phone loads a small JPEG, the original is one click away.

Made at build time with Pillow, only from the regular file a record names (``attachments.locate`` found
it; ``files.read_capped`` opens nothing else). Kept in a cache folder under the original's SHA-256, so
each photo is shrunk once per machine and a changed photo gets a new thumbnail. A thumbnail has no EXIF
data (no place, no camera); it is turned as the camera's orientation tag says.
"""

from __future__ import annotations

import hashlib
import io
import os
import warnings
from pathlib import Path

from ..errors import GuanjiaError
from ..files import NotRegular, read_capped

SIDE = 720  # longest side in pixels: sharp in a gallery cell on a phone's screen
QUALITY = 78
SMALL = 300_000  # bytes: a photo this small is shown as it is
LARGEST = 80_000_000  # bytes: a file larger than this is not read (the page links it as it is)
MAX_PIXELS = 60_000_000  # a PNG, GIF or WebP larger than this is decoded whole: not shrunk (a decompression bomb)
VERSION = 1  # in the cache's file names: raise it when thumbnails are made differently


def cache_dir() -> Path | None:
    """Where thumbnails are kept: $XDG_CACHE_HOME/guanjia/thumbs, %LOCALAPPDATA%\\guanjia\\thumbs on
    Windows, else ~/.cache/guanjia/thumbs; None when there is no home folder to put it in."""
    base = os.environ.get("XDG_CACHE_HOME") or (os.environ.get("LOCALAPPDATA") if os.name == "nt" else None)
    try:
        return Path(base or Path.home() / ".cache") / "guanjia" / "thumbs"
    except RuntimeError:  # no home folder
        return None


def thumbnail(file: Path) -> tuple[str, Path | bytes] | None:
    """(name, content) of the photo's thumbnail, the content a file in the cache or the bytes when the cache
    cannot be written; None when the photo is small enough to show itself, or is not a picture Pillow reads."""
    try:
        if file.stat().st_size <= SMALL:
            return None
        raw = read_capped(file, LARGEST)
    except (NotRegular, OSError):
        return None
    if len(raw) > LARGEST:
        return None
    digest = hashlib.sha256(raw).hexdigest()
    name = f"{digest[:40]}-{SIDE}-v{VERSION}.jpg"
    folder = cache_dir()
    cached = folder / name if folder else None
    if cached and cached.is_file():
        return name, cached
    data = shrink(raw)
    if data is None:
        return None
    if cached:
        try:
            cached.parent.mkdir(parents=True, exist_ok=True)
            from ..atomic import write_atomic

            write_atomic(cached, data)
            return name, cached
        except (OSError, GuanjiaError):  # a read-only home, a full disk: publish it without keeping it
            pass
    return name, data


def shrink(raw: bytes) -> bytes | None:
    """A JPEG of at most SIDE × SIDE pixels, upright, on white where the picture was transparent."""
    from PIL import Image, ImageOps

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)  # a 108-megapixel phone photo
            with Image.open(io.BytesIO(raw)) as image:  # past Pillow's limit (179 megapixels): an error
                image.draft("RGB", (SIDE, SIDE))  # a JPEG decodes straight at 1/2, 1/4 or 1/8 of its size
                if image.format != "JPEG" and image.width * image.height > MAX_PIXELS:
                    return None
                image = ImageOps.exif_transpose(image)
                image.thumbnail((SIDE, SIDE))
                if image.mode in ("RGBA", "LA", "PA", "P") and (image.mode != "P" or "transparency" in image.info):
                    rgba = image.convert("RGBA")
                    image = Image.new("RGB", rgba.size, "white")
                    image.paste(rgba, mask=rgba.getchannel("A"))
                out = io.BytesIO()
                image.convert("RGB").save(out, "JPEG", quality=QUALITY, optimize=True, progressive=True)
                return out.getvalue()
    except (OSError, ValueError, SyntaxError, EOFError, MemoryError, Image.DecompressionBombError):
        return None
