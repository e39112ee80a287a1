//! The `rampart-model` JSON exchange format: wire types, schema, migrations, load and save.
