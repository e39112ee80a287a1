//! Deterministic, seeded generators of organisations and sample data.
