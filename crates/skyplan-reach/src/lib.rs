//! Who can reach what, and why: a reachability engine over the resolved
//! model, with AWS's semantics hop by hop (security groups stateful, network
//! ACLs stateless and only across subnets, longest-prefix routes, internet
//! gateways needing a public address, NAT gateways outbound only, peering
//! not transitive, transit gateways by their default route table, replies
//! on ephemeral ports).
//!
//! [`reach`] answers one [`Query`] with a [`Verdict`]: every hop of the
//! forward and reply paths with the resource and the rule, route or entry
//! that decided it. No I/O; [`Addresses`] gives instances the addresses
//! `apply` gives them.

mod addresses;
mod check;
mod engine;
mod exposure;
mod hop;
mod host;
mod nacl;
mod premises;
mod query;
mod released;
mod route;
mod security_group;
mod symmetry;
mod transit;

pub use addresses::{AddressError, Addresses};
pub use check::{Reachability, Wanted, check};
pub use engine::{reach, reach_every};
pub use exposure::{Exposure, Opening, exposure};
pub use hop::{Check, Decision, Hop, Outcome, Verdict};
pub use host::Host;
pub use query::{Endpoint, EndpointError, Protocol, Query};
pub use released::add_released;
