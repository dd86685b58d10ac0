"""Writes of learners' activity data, one module per kind. They never mark
progress themselves: they say whether the activity is now complete, and the
caller in courses records that (courses.services.activity_complete)."""
