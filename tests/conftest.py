"""Shared pytest configuration: bounded, seeded hypothesis profiles."""

import os

from hypothesis import HealthCheck, settings

# CI runs on 2 cores within minutes: a bounded profile with a fixed seed
# (derandomize) so a failure reproduces exactly. `HYPOTHESIS_PROFILE=dev`
# explores more locally.
settings.register_profile(
    "ci",
    max_examples=100,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("dev", max_examples=500, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
