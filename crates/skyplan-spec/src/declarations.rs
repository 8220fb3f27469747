//! The declarations of a stack as the user wrote them, every value with its
//! span. References are still names here; `skyplan-model` resolves them.

use std::collections::BTreeMap;

use skyplan_diagnostics::Span;

use crate::kinds::*;

/// A value and where it was written.
#[derive(Debug, Clone, PartialEq)]
pub struct Sp<T> {
    pub value: T,
    pub span: Span,
}

impl<T> Sp<T> {
    pub fn new(value: T, span: Span) -> Self {
        Sp { value, span }
    }
}

impl Sp<String> {
    pub fn as_str(&self) -> &str {
        &self.value
    }
}

/// `defaults:`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Defaults {
    pub region: Option<Sp<String>>,
    pub tags: Tags,
    /// The `defaults` key itself.
    pub span: Option<Span>,
}

pub type Tags = BTreeMap<String, Sp<String>>;

/// One declared resource. `attrs` is `None` when a required attribute is
/// missing or malformed: the resource exists (its name resolves, so no
/// second error is reported for references to it) but is not checked.
#[derive(Debug, Clone, PartialEq)]
pub struct Decl<A> {
    pub name: Sp<String>,
    pub tags: Tags,
    /// Boxed: a stack's files are decoded apart and their lists joined, and
    /// a list of pointers moves cheaply (an instance's attributes, inline,
    /// made the join of 100,000 of them hold 70 MB twice).
    pub attrs: Option<Box<A>>,
}

/// An endpoint policy: an IAM policy document written as YAML.
#[derive(Debug, Clone, PartialEq)]
pub struct PolicySpec {
    pub span: Span,
    /// The document as minified JSON, as AWS stores it.
    pub json: String,
    pub version: Option<Sp<String>>,
    /// `Statement`, when it is a list (or one mapping).
    pub statements: Option<Vec<StatementSpec>>,
    /// Top-level keys an IAM policy does not have.
    pub unknown_keys: Vec<Sp<String>>,
    /// Where `Statement` is, when it is neither a list nor a mapping.
    pub statement_not_a_list: Option<Span>,
}

/// One statement of a policy, as far as the checks read it.
#[derive(Debug, Clone, PartialEq)]
pub struct StatementSpec {
    pub span: Span,
    pub effect: Option<Sp<String>>,
    /// `Action`/`NotAction` and `Resource`/`NotResource`: the strings of
    /// each, when written (`None`: absent).
    pub action: Option<Vec<String>>,
    pub not_action: Option<Vec<String>>,
    pub resource: Option<Vec<String>>,
    pub not_resource: Option<Vec<String>>,
    /// `Principal` as minified JSON (`"*"` for everyone).
    pub principal: Option<String>,
    pub has_condition: bool,
    /// Keys a statement does not have.
    pub unknown_keys: Vec<Sp<String>>,
}

/// One entry of `expectations:` (see `schema::EXPECTATION`).
#[derive(Debug, Clone, PartialEq)]
pub struct ExpectationSpec {
    pub from: Sp<String>,
    pub to: Sp<String>,
    /// `tcp`, `udp` or `icmp`.
    pub protocol: Option<Sp<String>>,
    pub port: Option<Sp<u16>>,
    pub reachable: Sp<bool>,
    /// A host the path must go through (an inspection appliance).
    pub via: Option<Sp<String>>,
}

/// One entry of `outputs:` (see `schema::OUTPUT`).
#[derive(Debug, Clone, PartialEq)]
pub struct OutputSpec {
    /// `kind.name.attribute` (`vpc.main.id`), or any other text, as is.
    pub value: Sp<String>,
    pub description: Option<Sp<String>>,
}

macro_rules! stack_spec {
    (top_level { $([$kind:ident $singular:ident $plural:ident $spec:ident
        $order:literal $rank:literal $resolve:literal $model:ident $models:ident $($keeps:ident)?])* }
     inside_vpc { $($inside_vpc:tt)* }) => {
        /// Every declaration of one stack, merged from its files in
        /// file-name order: one list per top-level kind.
        #[derive(Debug, Clone, PartialEq, Default)]
        pub struct StackSpec {
            pub defaults: Defaults,
            $(pub $plural: Vec<Decl<$spec>>,)*
            /// Not resources: reachability questions `lint` answers.
            pub expectations: Vec<Decl<ExpectationSpec>>,
            /// `moved:` blocks: objects of the state that now have another address.
            pub moved: Vec<Moved>,
            /// Values shown after apply and by `skyplan output`.
            pub outputs: Vec<Decl<OutputSpec>>,
            /// `modules:` of the stack's own files; `load_stack` expands
            /// them (their resources join the lists above, qualified) and
            /// leaves this empty.
            pub modules: Vec<ModuleCall>,
            /// The outputs of every module the stack uses: what references
            /// into a module (`module.net.vpc`) read.
            pub module_outputs: Vec<ModuleOutput>,
            /// The AMI and type of instances with a broken attribute elsewhere:
            /// they are still checked, as written (one mistake must not hide
            /// another), while nothing derived from a default is.
            pub broken_instances: Vec<WrittenLaunch>,
        }

        impl StackSpec {
            /// Adds the declarations of the next file (whose `defaults`,
            /// if any, are the stack's only when it has none yet).
            pub fn append(&mut self, mut next: StackSpec) {
                if self.defaults.span.is_none() {
                    self.defaults = next.defaults;
                }
                $(self.$plural.append(&mut next.$plural);)*
                self.expectations.append(&mut next.expectations);
                self.moved.append(&mut next.moved);
                self.outputs.append(&mut next.outputs);
                self.modules.append(&mut next.modules);
                self.module_outputs.append(&mut next.module_outputs);
                self.broken_instances.append(&mut next.broken_instances);
            }

            /// The declarations of a stack's files, in file order: each
            /// [`StackSpec::append`]ed in turn, into lists allocated once.
            pub fn concat(parts: Vec<StackSpec>) -> StackSpec {
                let mut stack = StackSpec::default();
                $(stack.$plural.reserve_exact(parts.iter().map(|p| p.$plural.len()).sum());)*
                for part in parts {
                    stack.append(part);
                }
                stack
            }
        }
    };
}
crate::for_each_kind!(stack_spec);

/// One `moved:` entry: the object the state has at `from` is the one the
/// spec now declares at `to`.
#[derive(Debug, Clone, PartialEq)]
pub struct Moved {
    pub from: Sp<crate::Address>,
    pub to: Sp<crate::Address>,
}

/// One entry of `modules:`: a directory of spec files used from the stack.
#[derive(Debug, Clone, PartialEq)]
pub struct ModuleCall {
    pub name: Sp<String>,
    /// The directory, relative to the file of the call, as written.
    pub source: Sp<String>,
    /// The values of the module's variables, from this call.
    pub vars: crate::Inputs,
}

/// One output of a module: `module` is its qualified path (`net`,
/// `net.inner`), `value` says what it reads as seen from outside the
/// module (`module.net.vpc.main.id`, `module.net.module.inner.id`, or
/// text).
#[derive(Debug, Clone, PartialEq)]
pub struct ModuleOutput {
    pub module: String,
    /// Where the module is called (its name in `modules:`).
    pub call: Span,
    pub name: Sp<String>,
    pub value: Sp<String>,
}

/// An instance's `ami` and `type` as written, where another of its
/// attributes is broken.
#[derive(Debug, Clone, PartialEq)]
pub struct WrittenLaunch {
    pub address: String,
    pub ami: Sp<String>,
    pub instance_type: Sp<String>,
}
