"""A minimal reader for ESRI shapefiles of polygons (shape type 5) and their dBASE table.

Only what the Natural Earth country file needs: polygons (possibly with several rings)
and character/numeric attributes. Pure Python + numpy, so that the core needs neither
GDAL nor pyshp. Format: ESRI Shapefile Technical Description (July 1998).
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]

_POLYGON = 5
_NULL = 0


@dataclass(frozen=True, slots=True)
class PolygonRecord:
    """One feature: its rings as (n, 2) arrays of (lon_deg, lat_deg), and its attributes."""

    rings: tuple[FloatArray, ...]
    attributes: dict[str, str]


def _read_shapes(shp: bytes) -> list[tuple[FloatArray, ...]]:
    file_code = struct.unpack(">i", shp[0:4])[0]
    if file_code != 9994:
        raise ValueError(f"not a shapefile (file code {file_code})")
    shape_type = struct.unpack("<i", shp[32:36])[0]
    if shape_type != _POLYGON:
        raise ValueError(f"expected polygons (type 5), got shape type {shape_type}")
    shapes: list[tuple[FloatArray, ...]] = []
    pos = 100
    while pos < len(shp):
        _number, length_words = struct.unpack(">ii", shp[pos : pos + 8])
        body = shp[pos + 8 : pos + 8 + 2 * length_words]
        pos += 8 + 2 * length_words
        (kind,) = struct.unpack("<i", body[0:4])
        if kind == _NULL:
            shapes.append(())
            continue
        if kind != _POLYGON:
            raise ValueError(f"unexpected shape type {kind} in a polygon file")
        num_parts, num_points = struct.unpack("<ii", body[36:44])
        parts = np.frombuffer(body, dtype="<i4", count=num_parts, offset=44)
        points = np.frombuffer(
            body, dtype="<f8", count=2 * num_points, offset=44 + 4 * num_parts
        ).reshape(num_points, 2)
        bounds = [*parts.tolist(), num_points]
        shapes.append(
            tuple(
                np.array(points[bounds[i] : bounds[i + 1]], dtype=np.float64)
                for i in range(num_parts)
            )
        )
    return shapes


def _read_dbf(dbf: bytes, encoding: str) -> list[dict[str, str]]:
    num_records, header_len, record_len = struct.unpack("<IHH", dbf[4:12])
    fields: list[tuple[str, int]] = []
    pos = 32
    while dbf[pos] != 0x0D:
        name = dbf[pos : pos + 11].split(b"\0", 1)[0].decode("ascii")
        fields.append((name, dbf[pos + 16]))
        pos += 32
    rows: list[dict[str, str]] = []
    for i in range(num_records):
        start = header_len + i * record_len
        record = dbf[start : start + record_len]
        offset = 1  # deletion flag
        row: dict[str, str] = {}
        for name, width in fields:
            row[name] = record[offset : offset + width].decode(encoding).strip()
            offset += width
        rows.append(row)
    return rows


def read_polygons(shp: bytes, dbf: bytes, *, encoding: str = "latin-1") -> list[PolygonRecord]:
    """Read a polygon shapefile (its .shp and .dbf contents) into records."""
    shapes = _read_shapes(shp)
    rows = _read_dbf(dbf, encoding)
    if len(shapes) != len(rows):
        raise ValueError(f"{len(shapes)} shapes but {len(rows)} attribute rows")
    return [PolygonRecord(rings, row) for rings, row in zip(shapes, rows, strict=True)]
