//! Bulk questions: what a user can see, who can see a record, the access matrix, what-if.
