//! One module per kind, declared by `skyplan_spec::for_each_kind!`: the
//! resolved kind, the `Resolver` method that builds it from its
//! declarations, and `edges`, its references in the dependency graph.

/// What every kind's module reads.
mod prelude {
    pub(crate) use skyplan_cidr::{IpNet, Ipv4Net, Ipv6Net};
    pub(crate) use skyplan_diagnostics::{Diagnostic, Rule, Span};
    pub(crate) use skyplan_spec::schema::word_or_default_in;
    pub(crate) use skyplan_spec::*;

    pub(crate) use crate::build_graph::{depends, node, rule_edges};
    pub(crate) use crate::graph::DependencyGraph;
    pub(crate) use crate::kinds::*;
    pub(crate) use crate::model::*;
    pub(crate) use crate::resolve::*;
    pub(crate) use crate::takes::{HostId, Interface, PublicAddress, Takes, takes_nothing};
    pub(crate) use crate::traffic::ParsedTraffic;
}

macro_rules! kind_modules {
    (top_level { $([$kind:ident $singular:ident $($top:tt)*])* }
     inside_vpc { $([$inner:ident $inner_singular:ident $($inside:tt)*])* }) => {
        $(pub(crate) mod $singular;
        pub use $singular::*;)*
        $(pub(crate) mod $inner_singular;
        pub use $inner_singular::*;)*

        /// A graph node as the typed id of the model list it indexes (an
        /// instance node is one copy): what leaves the graph is typed.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum NodeId {
            $($kind(crate::Id<$kind>),)*
            $($inner(crate::Id<$inner>),)*
        }

        impl crate::NodeRef {
            /// The typed id of the resource this node is.
            pub fn typed(self) -> NodeId {
                match self.kind {
                    $(skyplan_spec::Kind::$kind => NodeId::$kind(crate::Id::new(self.id)),)*
                    $(skyplan_spec::Kind::$inner => NodeId::$inner(crate::Id::new(self.id)),)*
                }
            }
        }

        impl crate::Model {
            /// What creating the resource `node` takes from the address
            /// pools, as its kind's file says.
            pub fn takes(&self, node: NodeId) -> crate::Takes {
                match node {
                    $(NodeId::$kind(id) => $singular::takes(self, id),)*
                    $(NodeId::$inner(id) => $inner_singular::takes(self, id),)*
                }
            }
        }

        /// Every reference of the model, kind by kind in node order, so a
        /// listing of the edges follows the nodes.
        pub(crate) fn add_edges(m: &crate::Model, g: &mut crate::DependencyGraph) {
            for kind in skyplan_spec::Kind::by_graph_rank() {
                match kind {
                    $(skyplan_spec::Kind::$kind => $singular::edges(m, g),)*
                    $(skyplan_spec::Kind::$inner => $inner_singular::edges(m, g),)*
                }
            }
        }
    };
}
skyplan_spec::for_each_kind!(kind_modules);
