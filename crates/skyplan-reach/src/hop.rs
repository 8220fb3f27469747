//! What a verdict is made of: hops, each a check of one resource with the
//! rule, route or entry that decided it.

use serde::Serialize;
use skyplan_diagnostics::Span;

/// What a hop checks, in the contract's spelling.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Check {
    /// A stopped or hibernated instance sends and receives nothing.
    InstanceState,
    /// Traffic from a host to itself, which never leaves it.
    Loopback,
    /// An instance's public address (for the internet).
    PublicAddress,
    #[serde(rename = "sg-egress")]
    SecurityGroupEgress,
    #[serde(rename = "sg-ingress")]
    SecurityGroupIngress,
    Route,
    NaclOutbound,
    NaclInbound,
    InternetGateway,
    NatGateway,
    /// A load balancer's listener for the port.
    Listener,
    /// A target group forwarding to a target.
    TargetGroup,
}

/// How a hop decided.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Decision {
    Allow,
    Deny,
    /// No route matches, or the route cannot carry this traffic.
    NoRoute,
    /// A path skyplan does not evaluate yet (it says so, rather than guess).
    NotModeled,
}

/// One hop of a path.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Hop {
    /// The address of the resource that decided (`network_acl.data`), or a
    /// description of an implicit one (`the default network ACL of vpc.main`).
    pub resource: String,
    pub check: Check,
    pub decision: Decision,
    /// The rule, route or entry, as text (`rule 100 allow tcp 5432 from 10.0.10.0/23`).
    pub rule: String,
    /// Where that rule is written; `None` for AWS's implicit ones.
    #[serde(skip)]
    pub span: Option<Span>,
    /// For a blocking hop: the change that would let the traffic through,
    /// when the hop knows one better than its kind's general advice.
    #[serde(skip)]
    pub fix: Option<String>,
}

impl Hop {
    pub fn allows(&self) -> bool {
        self.decision == Decision::Allow
    }

    /// This (route) hop, decided otherwise for the reason `why`, which its
    /// rule text goes on with.
    pub(crate) fn but(self, decision: Decision, why: impl std::fmt::Display) -> Hop {
        Hop {
            decision,
            rule: format!("{}: {why}", self.rule),
            ..self
        }
    }
}

/// The answer to a query.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verdict {
    pub reachable: bool,
    /// The forward path, up to a hop it cannot go past (a filter that
    /// denies is followed on).
    pub forward: Vec<Hop>,
    /// The reply path (empty when the forward path cannot go on).
    pub reply: Vec<Hop>,
    /// What would fix a blocked path.
    pub fix: Option<String>,
    /// For an internet end: the client address the verdict is for (one
    /// that gets through, else the one that got furthest).
    pub client: Option<std::net::Ipv4Addr>,
    /// For a whole-internet answer that gets through: the client blocks
    /// that do not (`0.0.0.0/0 except these`).
    pub except: Vec<skyplan_cidr::Ipv4Net>,
}

/// What a question's answer is: a path skyplan does not evaluate is
/// neither reachable nor blocked.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    Reachable,
    Blocked,
    Unknown,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Reachable => "reachable",
            Outcome::Blocked => "blocked",
            Outcome::Unknown => "unknown",
        }
    }
}

impl Verdict {
    pub fn outcome(&self) -> Outcome {
        if self.reachable {
            Outcome::Reachable
        } else if self.blocking().all(|h| h.decision == Decision::NotModeled) {
            Outcome::Unknown
        } else {
            Outcome::Blocked
        }
    }

    /// Every hop that blocks, in path order: a path denied by one filter
    /// is followed on, so the answer names every hop to fix.
    pub fn blocking(&self) -> impl Iterator<Item = &Hop> {
        self.forward
            .iter()
            .chain(&self.reply)
            .filter(|h| !self.reachable && !h.allows())
    }

    /// The first hop that blocks.
    pub fn blocked_at(&self) -> Option<&Hop> {
        self.blocking().next()
    }

    /// For a whole-internet answer with exceptions: "a, b and 3 more",
    /// naming at most five of the client blocks that do not get through.
    pub fn except_text(&self) -> Option<String> {
        const SHOWN: usize = 5;
        if self.except.is_empty() {
            return None;
        }
        let shown: Vec<String> = self
            .except
            .iter()
            .take(SHOWN)
            .map(ToString::to_string)
            .collect();
        let more = match self.except.len().saturating_sub(SHOWN) {
            0 => String::new(),
            n => format!(" and {n} more"),
        };
        Some(format!("{}{more}", shown.join(", ")))
    }

    /// Whether `hop` is on the reply path.
    pub fn on_reply(&self, hop: &Hop) -> bool {
        self.reply.iter().any(|h| std::ptr::eq(h, hop))
    }
}
