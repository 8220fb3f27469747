//! The skyplan spec language (see `shared/design/spec-language.md`).
//!
//! [`load_stack`] turns the text of a stack's files into a [`StackSpec`]:
//! typed declarations whose every value carries its span, plus every
//! language-level diagnostic. It does no I/O: the caller reads the files.

pub mod ast;
mod decode;
mod stack;
pub mod suggest;
pub mod yaml;

pub use ast::*;
pub use stack::{MAX_COUNT, VOLUME_TYPES, is_valid_name, load_stack};
