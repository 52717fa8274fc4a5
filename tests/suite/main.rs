//! The integration tests, in one binary (one link of the library instead of one a file):
//! each module tests one part of the product through its public API or the `gongkai`
//! command; `common` holds the shared helpers (temporary sites, builds, file trees).

mod common;

mod bulletins;
mod catalogue;
mod changes;
mod check_fixtures;
mod docx;
mod export;
mod find;
mod honest;
mod import;
mod incremental;
mod item_page;
mod messages_zh;
mod parse_cache;
mod progress;
mod reliability;
mod rules;
mod search;
mod serve;
mod website;
