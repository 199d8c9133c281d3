//! Queries and hits.
/// A query.
pub struct Query;
/// A hit.
pub struct Hit;
