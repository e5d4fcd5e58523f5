"""How names and labels are compared: one normal form for every part of pathmapper."""

from __future__ import annotations

# A lane with no `patient` field is the patient's own when its normalised name is one of these
# (analysis.md, version 2): the patient, carer or family, who are not an organisation.
PATIENT_LANE_NAMES = frozenset(
    {
        "patient",
        "patients",
        "patient and carer",
        "patient carer",
        "carer",
        "family",
        "patient and family",
    }
)


def normalise_label(label: str) -> str:
    """Lower case, letters and digits only, single spaces, a plural 's' dropped from words
    longer than three letters: "Blood tests (FBC, U&Es)" -> "blood test fbc u e"."""
    spaced = "".join(char if char.isalnum() else " " for char in label.lower())
    words = [word[:-1] if len(word) > 3 and word.endswith("s") else word for word in spaced.split()]
    return " ".join(words)


def is_patient_lane_name(name: str) -> bool:
    """Whether a lane of this name is the patient's own when its file does not say."""
    return normalise_label(name) in PATIENT_LANE_NAMES
