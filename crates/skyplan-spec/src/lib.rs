//! The skyplan spec language; `schema` is its kind table (the reference
//! in `docs/spec.md` and the JSON Schema are generated from it).
//!
//! [`load_stack`] turns the text of a stack's files into a [`StackSpec`]:
//! typed declarations whose every value carries its span, plus every
//! language-level diagnostic. It does no I/O: the caller reads the files.

pub mod address;
pub mod declarations;
mod decode;
pub mod expr;
pub mod generated;
pub mod kinds;
pub mod modules;
mod policy;
pub mod schema;
mod stack;
pub mod suggest;
pub mod tag_set;
pub mod variables;
pub mod words;
pub mod yaml;

pub use address::{Address, AddressError, address_text, qualified, split_module_path};
pub use declarations::*;
pub use kinds::*;
pub use modules::{ModuleFiles, ModuleReader, read_modules};
pub use schema::MAX_COUNT;
pub use stack::{YamlFile, classify_yaml, is_valid_name, load_stack};
pub use tag_set::TagSet;
pub use variables::{Input, InputValue, Inputs};
pub use words::{
    DbEngine, EndpointType, InstanceState, LoadBalancerType, NatConnectivity, Tenancy, VolumeType,
    Word,
};
