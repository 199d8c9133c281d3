//! fouille: a search engine for archives of French-language news articles.
//!
//! The library holds everything; the `fouille` binary is a thin shell over
//! [`cli`]. Data flows `archive` → `decode` → `clean` → `describe` →
//! `entities` → [`Article`] → `index`, and queries flow `search` → [`Hit`].

pub mod analysis;
pub mod archive;
pub mod article;
pub mod clean;
pub mod cli;
pub mod cluster;
pub mod cluster_store;
pub mod collapse;
pub mod decode;
pub mod describe;
pub mod entities;
pub mod facets;
pub mod filters;
pub mod index;
pub mod ingest;
pub mod kwic;
pub mod label;
pub mod like;
pub mod open;
pub mod page;
pub mod query;
pub mod ranked;
pub mod read_only;
pub mod render;
pub mod repl;
pub mod rerank;
pub mod search;
pub mod serve;
pub mod snippet;
pub mod stories;
pub mod suggest;

pub use article::{Article, Entity};
pub use search::{Hit, Query};
