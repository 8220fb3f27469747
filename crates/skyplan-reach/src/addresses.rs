//! The addresses instances have: the ones `apply` gives them, from the
//! state when the stack has been applied, else as the plan would allocate
//! them. Computed by running the plan on a copy of the state with the same
//! simulator `apply` uses, so the two can never disagree.

use std::fmt;
use std::net::Ipv4Addr;

use skyplan_model::{Instance, InstanceId, Model, PerId, ids};
use skyplan_plan::{PlanOptions, Simulator};
use skyplan_spec::Address;
use skyplan_state::State;

/// The private and public address of every instance copy.
#[derive(Clone, Debug, PartialEq)]
pub struct Addresses {
    private: PerId<Instance, Option<Ipv4Addr>>,
    public: PerId<Instance, Option<Ipv4Addr>>,
}

/// Why the addresses could not be worked out (the plan was refused).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AddressError(pub String);

impl fmt::Display for AddressError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Addresses {
    /// The addresses after applying the stack on `state` (or on nothing).
    pub fn after_apply(m: &Model, state: Option<&State>) -> Result<Addresses, AddressError> {
        let desired = skyplan_plan::desired(m);
        let plan = skyplan_plan::plan(&desired, state, &PlanOptions::default(), "", "").map_err(
            |errors| {
                AddressError(
                    errors
                        .into_iter()
                        .map(|e| e.message)
                        .collect::<Vec<_>>()
                        .join("; "),
                )
            },
        )?;
        let start = state.cloned().unwrap_or_else(|| State::new("reach".into()));
        let mut sim = Simulator::new(&plan, start);
        for step in &plan.apply_order {
            sim.run(step).map_err(|e| AddressError(e.to_string()))?;
        }
        let applied = sim.into_state();
        let mut out = Addresses {
            private: PerId::new(&m.instances, None),
            public: PerId::new(&m.instances, None),
        };
        for id in ids(&m.instances) {
            let Ok(address) = m.instances[id].address.parse::<Address>() else {
                continue;
            };
            if let Some(r) = applied.get(&address) {
                out.private[id] = r.attributes.private_ip_address();
                out.public[id] = r.attributes.public_ip_address();
            }
        }
        Ok(out)
    }

    /// No address known: for questions that need none (the internet's view
    /// of public instances), without simulating an apply.
    pub fn unknown(m: &Model) -> Addresses {
        Addresses {
            private: PerId::new(&m.instances, None),
            public: PerId::new(&m.instances, None),
        }
    }

    pub fn private(&self, id: InstanceId) -> Option<Ipv4Addr> {
        self.private[id]
    }

    pub fn public(&self, id: InstanceId) -> Option<Ipv4Addr> {
        self.public[id]
    }
}
