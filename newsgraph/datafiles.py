"""Where knowledge files live: ``<package>/data/<language>/<name>``.

Each component keeps its lexicons, tables and learned weights beside its code, one folder per
language, so a second language is a new folder (plus a spaCy model), not a fork of the code.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import IO, Any

DEFAULT_LANGUAGE = "en"


def data_dir(package: str, language: str = DEFAULT_LANGUAGE) -> Path:
    """The folder of ``package``'s knowledge files for ``language``."""
    return Path(str(resources.files(package))) / "data" / language


def data_file(package: str, name: str, language: str = DEFAULT_LANGUAGE) -> Path:
    """One knowledge file of ``package`` (e.g. ``newsgraph.components.quotes``)."""
    return data_dir(package, language) / name


def load_yaml(source: str | IO[str] | IO[bytes]) -> Any:
    """``yaml.safe_load`` with libyaml's C parser where it is installed: the same objects (every
    knowledge file checked), about seven times faster; a pipeline reads eight YAML files at each
    start, which every worker process and Ray actor pays."""
    import yaml

    return yaml.load(source, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
