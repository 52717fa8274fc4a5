//! gongkai (公开): builds a local government's disclosure website, printable DOCX notices
//! and open data from one folder of YAML/Markdown.
//!
//! The pipeline, one module a stage:
//!
//! 1. [`load`]: find and read files (encoding, front matter, attachments);
//! 2. [`parse`]: YAML into the typed [`model`], validated, with [`diag`]nostics;
//! 3. [`figures`]: numbers computed from the models;
//! 4. render (HTML, DOCX, data) and write atomically — see [`build`];
//!    or, for live preview, render into memory and serve — see [`serve`].

#![warn(missing_docs)]

pub mod build;
pub mod cli;
pub mod diag;
pub mod diff;
pub mod export;
pub mod figures;
pub mod import;
pub mod limits;
pub mod load;
pub mod manifest;
pub mod model;
pub mod parse;
pub mod progress;
pub mod render;
pub mod route;
pub mod serve;
pub mod timing;
pub mod write;
