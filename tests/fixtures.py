"""Where the shared, real test data lives: `../shared/fixtures/` beside the
project (as on developer machines and in CI)."""

from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
H5P_FIXTURES = PROJECT.parent / "shared" / "fixtures" / "h5p"
