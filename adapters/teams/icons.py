"""The Teams app icons, drawn in code: a 192×192 colour icon and a 32×32 transparent outline."""

from __future__ import annotations

import struct
import zlib
from collections.abc import Callable

RGBA = tuple[int, int, int, int]
ACCENT = (46, 107, 94)  # #2E6B5E
WHITE = (255, 255, 255)


def png(width: int, height: int, pixel: Callable[[int, int], RGBA]) -> bytes:
    """An RGBA PNG (colour type 6, 8 bits) with each pixel from `pixel(x, y)`."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    rows = b"".join(
        b"\x00" + b"".join(bytes(pixel(x, y)) for x in range(width)) for y in range(height)
    )
    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows, 9))
        + chunk(b"IEND", b"")
    )


def _rings(size: int, x: int, y: int, width: float) -> bool:
    """Two overlapping rings side by side: two partners, one shared space."""
    r = size * 0.22
    cy = size / 2
    for cx in (size * 0.38, size * 0.62):
        d = ((x + 0.5 - cx) ** 2 + (y + 0.5 - cy) ** 2) ** 0.5
        if abs(d - r) <= width / 2:
            return True
    return False


def color_icon() -> bytes:
    """192×192: white rings on the accent colour, full bleed (Teams adds the rounding)."""
    return png(
        192,
        192,
        lambda x, y: (*WHITE, 255) if _rings(192, x, y, 12) else (*ACCENT, 255),
    )


def outline_icon() -> bytes:
    """32×32: white rings on a transparent background, as Teams requires."""
    return png(32, 32, lambda x, y: (*WHITE, 255) if _rings(32, x, y, 3) else (0, 0, 0, 0))
