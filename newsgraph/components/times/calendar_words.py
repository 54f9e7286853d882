"""Calendar words other components need to recognise (not to normalise: that is ``grammar``)."""

from __future__ import annotations

# lower-case English weekday names, Monday first
WEEKDAY_NAMES: tuple[str, ...] = (
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
)
