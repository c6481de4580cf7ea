"""Every file the tool reads is read with a size limit (issue 16): what is over it, or endless
(/dev/zero, a pipe that never ends), is refused with a DataError naming the file and the
limit. Kept apart from yamlfile.py so that the question paths, which read JSON only, do not
import PyYAML for it."""

from __future__ import annotations

from pathlib import Path

from mla_rules.errors import DataError

MAX_BYTES = 5 * 1024 * 1024  # a YAML or JSON file (scenario, facts): far above any real one
DATA_LIMIT = 64 * 1024 * 1024  # a listing, a depositary's file, a parties file, the index


def read_limited(path: Path, limit: int, label: str | None = None) -> bytes:
    """A file's bytes, reading at most `limit` + 1 of them: a file over the limit (or endless,
    like /dev/zero or a pipe that never ends) is refused with a DataError naming the file and
    the limit, never read until memory runs out."""
    label = label or str(path)
    try:
        with path.open("rb") as f:
            data = f.read(limit + 1)
    except FileNotFoundError:
        raise DataError(label, "file not found") from None
    except OSError as e:
        raise DataError(label, f"cannot be read ({e.strerror or e})") from None
    if len(data) > limit:
        raise DataError(label, f"is larger than {_size(limit)}: refused (no file the tool "
                               "reads comes near that size)")
    return data


def _size(limit: int) -> str:
    mib = limit / (1024 * 1024)
    return f"{mib:g} MiB ({limit:,} bytes)" if mib >= 1 else f"{limit:,} bytes"
