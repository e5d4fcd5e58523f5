"""Programme standards (no Qt): what a programme says every pathway must meet, read from a
`*.standards.toml` file and measured on a map's analysis (`../shared/design/standards.md`).

    standards = read_standards("msk-programme.standards.toml")
    results = measure_standards(analyse(path_map), standards)
"""

from pathmapper.standards.load import StandardsFileError, parse_standards, read_standards
from pathmapper.standards.measure import (
    STATUSES,
    StandardResult,
    Status,
    breaches,
    measure_standards,
)
from pathmapper.standards.spec import StandardsFile

__all__ = [
    "STATUSES",
    "StandardResult",
    "StandardsFile",
    "StandardsFileError",
    "Status",
    "breaches",
    "measure_standards",
    "parse_standards",
    "read_standards",
]
