"""Sample form defaults from the parameter: container, preservative and holding time from the
toolkit's methods (resources/toolkit/pollutants.yaml, methods.sampling, each with its source)."""
from __future__ import annotations

from dataclasses import dataclass

from fieldapp.toolkit import load_toolkit
from fieldapp.toolkit.detail import sampling_text
from fieldapp.vocab import get_parameter


@dataclass(frozen=True)
class SampleDefaults:
    parameter_id: str
    container: str
    preservative: str
    holding_hours: float
    source: str
    summary: str


def sample_defaults(parameter_id: str | None, lang: str = "zh") -> SampleDefaults | None:
    """None when the parameter is unknown or the toolkit gives no sampling facts for it."""
    p = get_parameter(parameter_id)
    if p is None or not p.toolkit_id:
        return None
    entry = load_toolkit().pollutant(p.toolkit_id)
    sampling = entry["methods"].get("sampling") if entry else None
    if not sampling:
        return None
    key = "en" if lang.startswith("en") else "zh"
    return SampleDefaults(p.id, sampling["container"][key], sampling["preservative"][key],
                          float(sampling["holding_hours"]), sampling["source"], sampling_text(sampling, lang))
