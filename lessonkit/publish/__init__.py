"""Publishing: building the learner and solution notebooks from `data/`, the README's
course map, link checks and the instructor's reports. Nothing here runs in a lesson."""
