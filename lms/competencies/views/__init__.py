"""Pages about competencies: the learner's own (learner, self_assessment) and
those of the people who rate, review and set targets (staff)."""
