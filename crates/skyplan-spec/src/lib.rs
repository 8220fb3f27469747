//! The skyplan spec language.
pub mod yaml;
