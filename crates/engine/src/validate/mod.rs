//! Model validation: every problem found, each with a JSON path and a plain sentence.
