//! The plan JSON of the contract (Terraform's `show -json` shape): the
//! typed plan is written and read through these structs, so the only
//! untyped values are a change's `before` and `after` objects, built when
//! a plan is written and parsed back into typed attributes when it is read.

use std::collections::BTreeMap;

use serde::de::Error as _;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use skyplan_spec::{Address, Kind};
use skyplan_state::{Attributes, State};

use crate::ExposureChanges;
use crate::plan::{
    Action, ActionReason, Change, Moved, Object, Plan, PlannedState, ResourceChange, Step, Summary,
};

#[derive(Serialize, Deserialize)]
pub(crate) struct WrittenPlan {
    format_version: String,
    stack: String,
    state: PlannedState,
    spec_digest: String,
    resource_changes: Vec<WrittenChange>,
    /// What changed outside skyplan (`plan --snapshot`), as Terraform's
    /// `resource_drift`: the changes from the saved state to the network.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    resource_drift: Vec<WrittenChange>,
    apply_order: Vec<Step>,
    summary: Summary,
    /// Objects that move to another address before the first step.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    moved: Vec<Moved>,
    /// What the change opens to the internet and closes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    reachability_changes: Option<ExposureChanges>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct WrittenChange {
    address: Address,
    kind: Kind,
    name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    index: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    action_reason: Option<ActionReason>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    because_of: Option<Address>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    deposed: Option<String>,
    change: WrittenDiff,
    #[serde(default)]
    dependencies: Vec<Address>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct WrittenDiff {
    actions: Vec<Action>,
    before: Option<Map<String, Value>>,
    after: Option<Map<String, Value>>,
    #[serde(default)]
    after_unknown: BTreeMap<String, bool>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    replace_paths: Vec<Vec<String>>,
}

impl WrittenPlan {
    pub(crate) fn of(plan: &Plan, state: Option<&State>) -> WrittenPlan {
        // No-ops are written from the state as it is after the moves.
        let moved_state;
        let state = match state {
            Some(s) if !plan.moved.is_empty() => {
                let mut s = s.clone();
                let _ = s.move_all(&plan.move_pairs());
                moved_state = s;
                Some(&moved_state)
            }
            other => other,
        };
        WrittenPlan {
            format_version: plan.format_version.clone(),
            stack: plan.stack.clone(),
            state: plan.state.clone(),
            spec_digest: plan.spec_digest.clone(),
            resource_changes: plan
                .resource_changes
                .iter()
                .map(|c| WrittenChange::of(c, state))
                .collect(),
            resource_drift: Vec::new(),
            apply_order: plan.apply_order.clone(),
            summary: plan.summary,
            moved: plan.moved.clone(),
            reachability_changes: plan.exposure_changes.clone(),
        }
    }

    /// With the drift's own changes (not what a replacement would cause).
    pub(crate) fn with_drift(mut self, drift: &Plan, saved: &State) -> WrittenPlan {
        self.resource_drift = drift
            .resource_changes
            .iter()
            .filter(|c| !c.is_noop() && c.because_of.is_none())
            .map(|c| WrittenChange::of(c, Some(saved)))
            .collect();
        self
    }

    pub(crate) fn into_plan(self) -> Result<Plan, serde_json::Error> {
        let resource_changes = self
            .resource_changes
            .into_iter()
            .map(WrittenChange::into_change)
            .collect::<Result<_, _>>()?;
        Ok(Plan {
            format_version: self.format_version,
            stack: self.stack,
            state: self.state,
            spec_digest: self.spec_digest,
            resource_changes,
            apply_order: self.apply_order,
            summary: self.summary,
            moved: self.moved,
            exposure_changes: self.reachability_changes,
        })
    }
}

impl WrittenChange {
    fn of(c: &ResourceChange, state: Option<&State>) -> WrittenChange {
        let old = state
            .and_then(|s| s.get(&c.address))
            .filter(|_| c.is_noop());
        let (before, after, dependencies) = match old {
            // A no-op is the state's object, as it is; after: what the spec
            // states of it.
            Some(r) => {
                let object = Object {
                    id: Some(r.id.clone()),
                    attributes: r.attributes.clone(),
                };
                (
                    Some(object.to_map()),
                    Some(object.configured_map()),
                    r.dependencies.clone(),
                )
            }
            None => (
                c.change.before.as_deref().map(Object::to_map),
                c.change.after.as_deref().map(Object::to_map),
                c.dependencies.clone(),
            ),
        };
        WrittenChange {
            address: c.address.clone(),
            kind: c.address.kind,
            name: c.address.name.clone(),
            index: c.address.index,
            action_reason: c.action_reason,
            because_of: c.because_of.clone(),
            deposed: c.deposed.clone(),
            change: WrittenDiff {
                actions: c.change.actions.to_vec(),
                before,
                after,
                after_unknown: c
                    .change
                    .after_unknown
                    .iter()
                    .map(|k| (k.to_string(), true))
                    .collect(),
                replace_paths: c.change.replace_paths.clone(),
            },
            dependencies,
        }
    }

    fn into_change(self) -> Result<ResourceChange, serde_json::Error> {
        let a = &self.address;
        if a.kind != self.kind || a.name != self.name || a.index != self.index {
            return Err(serde_json::Error::custom(format!(
                "the change of `{a}` names kind `{}` and name `{}`",
                self.kind.singular(),
                self.name.escape_debug()
            )));
        }
        let actions = Action::combination(&self.change.actions).ok_or_else(|| {
            serde_json::Error::custom(format!(
                "the change of `{a}` has the actions {:?}, which no change has",
                self.change.actions
            ))
        })?;
        let noop = actions == [Action::NoOp];
        let object =
            |map: Option<Map<String, Value>>| -> Result<Option<Box<Object>>, serde_json::Error> {
                match map {
                    Some(mut map) if !noop => {
                        let id = match map.remove("id") {
                            Some(Value::String(id)) => Some(id),
                            None => None,
                            Some(other) => {
                                return Err(serde_json::Error::custom(format!(
                                    "the id of `{a}` is not a string: {other}"
                                )));
                            }
                        };
                        let attributes = Attributes::from_map(a.kind, map).map_err(|e| {
                            serde_json::Error::custom(format!("the attributes of `{a}`: {e}"))
                        })?;
                        Ok(Some(Box::new(Object { id, attributes })))
                    }
                    _ => Ok(None),
                }
            };
        let before = object(self.change.before)?;
        let after = object(self.change.after)?;
        let schema = a.kind.schema();
        let after_unknown = self
            .change
            .after_unknown
            .into_iter()
            .filter(|(_, unknown)| *unknown)
            .map(|(k, _)| {
                std::iter::once("id")
                    .chain(schema.computed.iter().map(|c| c.name))
                    .find(|name| *name == k)
                    .ok_or_else(|| {
                        serde_json::Error::custom(format!(
                            "`{}` of `{a}` is not computed by apply",
                            k.escape_debug()
                        ))
                    })
            })
            .collect::<Result<_, _>>()?;
        Ok(ResourceChange {
            address: self.address,
            action_reason: self.action_reason,
            because_of: self.because_of,
            deposed: self.deposed,
            change: Change {
                actions,
                before,
                after,
                after_unknown,
                replace_paths: self.change.replace_paths,
            },
            dependencies: self.dependencies,
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::plan::{Action, Plan};

    fn saved(actions: &str) -> String {
        format!(
            r#"{{"format_version":"1.0","stack":"s","state":{{"lineage":"","serial":0}},"spec_digest":"d",
            "resource_changes":[{{"address":"vpc.main","kind":"vpc","name":"main",
            "change":{{"actions":{actions},"before":null,"after":null}}}}],
            "apply_order":[],"summary":{{"add":0,"change":0,"destroy":0}}}}"#
        )
    }

    #[test]
    fn a_saved_change_has_one_of_the_six_action_lists() {
        let plan = Plan::from_json(saved(r#"["no-op"]"#).as_bytes()).unwrap();
        assert_eq!(plan.resource_changes[0].actions(), [Action::NoOp]);
        for forged in [r#"["create","create"]"#, "[]", r#"["update","delete"]"#] {
            let e = Plan::from_json(saved(forged).as_bytes()).unwrap_err();
            assert!(e.to_string().contains("which no change has"), "{e}");
        }
    }
}
