"""The score scale of the checklist. No dependencies, so the UI can import it early."""

NOT_APPLICABLE = "nvt"
SCORE_LABELS = {
    1: "helemaal niet op orde",
    2: "grotendeels niet op orde",
    3: "deels op orde",
    4: "grotendeels op orde",
    5: "volledig op orde",
}
