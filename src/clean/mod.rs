//! Cleaning: turn a page's raw text (or HTML) into labelled blocks, keeping
//! the headline, standfirst, paragraphs and subheadings and marking the rest
//! as chrome or comments.

pub mod features;
pub mod html;
pub mod markers;
pub mod region;
pub mod repeat;
pub mod text;
pub mod title;

pub use html::clean_html;
pub use text::clean_text;
