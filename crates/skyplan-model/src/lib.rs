//! Resolves a stack's declarations into a typed [`Model`] and its
//! [`DependencyGraph`].
//!
//! Implicit per-VPC objects (the main route table with its local routes,
//! the default security group, the default network ACL) are not nodes:
//! AWS creates and deletes them with the VPC. They appear in the model as
//! answers: [`Model::route_table_of`] returns `None` for a subnet that uses
//! the VPC's implicit main table, [`Model::network_acl_of`] `None` for the
//! default ACL, and an instance with no `security_groups` uses the default
//! group.

mod build_graph;
pub mod graph;
mod kinds;
pub mod model;
mod module_outputs;
mod resolve;
pub mod takes;
pub mod traffic;

pub use graph::{DependencyGraph, Edge, EdgeKind, NodeRef};
pub use kinds::*;
pub use model::*;
pub use resolve::resolve;
pub use takes::{HostId, Interface, PublicAddress, Takes};
