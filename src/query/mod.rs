//! The query language of news researchers (truncation, proximity, lead,
//! counts, fields): parsed in [`lang`], truncations expanded in
//! [`expand`], built into tantivy queries in [`build`], proximity answered
//! by the span query of [`span`].

pub mod build;
pub mod expand;
pub mod lang;
pub mod span;
