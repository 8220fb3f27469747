//! The diff of desired resources against the state, and the order in which
//! apply carries it out.

use std::cmp::Reverse;
use std::collections::{BTreeMap, BinaryHeap, HashMap, HashSet};

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};
use skyplan_state::{ResourceState, State};

use crate::desired::Desired;

pub const FORMAT_VERSION: &str = "1.0";

/// What a plan was made against: a saved plan is refused when these moved.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlannedState {
    /// Empty when there was no state yet.
    pub lineage: String,
    pub serial: u64,
}

/// One action of a change, spelt as in Terraform's plan JSON.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Action {
    NoOp,
    Create,
    Update,
    Delete,
}

/// Why a change is a replacement, a cascaded update or a delete
/// (Terraform's `action_reason`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActionReason {
    /// A force-new attribute changed.
    ReplaceBecauseCannotUpdate,
    /// A force-new reference names a replaced resource.
    ReplaceBecauseDependencyReplaced,
    /// A reference (or a security group rule) names a replaced resource.
    UpdateBecauseDependencyReplaced,
    /// The stack no longer declares it.
    DeleteBecauseNoResourceConfig,
    /// The old object of an interrupted replacement.
    DeleteBecauseDeposed,
}

/// What one apply step does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum StepAction {
    Create,
    Update,
    Delete,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Change {
    /// `["no-op"]`, `["create"]`, `["update"]`, `["delete"]`,
    /// `["delete","create"]` or `["create","delete"]`.
    pub actions: Vec<Action>,
    pub before: Value,
    pub after: Value,
    pub after_unknown: Value,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub replace_paths: Vec<Vec<String>>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ResourceChange {
    pub address: String,
    pub kind: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub index: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action_reason: Option<ActionReason>,
    /// For a cascaded replacement or update: the replaced resource behind it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub because_of: Option<String>,
    /// The id of a deposed object this change deletes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deposed: Option<String>,
    pub change: Change,
    /// Addresses the resource refers to after the change.
    #[serde(default)]
    pub dependencies: Vec<String>,
}

impl ResourceChange {
    pub fn actions(&self) -> &[Action] {
        &self.change.actions
    }

    pub fn is_noop(&self) -> bool {
        self.change.actions == [Action::NoOp]
    }
}

/// One operation of an apply.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Step {
    pub address: String,
    pub action: StepAction,
    /// The id of the deposed (old) object of the address this step deletes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deposed: Option<String>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    pub add: usize,
    pub change: usize,
    pub destroy: usize,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    pub format_version: String,
    pub stack: String,
    pub state: PlannedState,
    pub spec_digest: String,
    /// In the order apply will carry them out (no-ops last, by address).
    pub resource_changes: Vec<ResourceChange>,
    /// Every operation, in order.
    pub apply_order: Vec<Step>,
    pub summary: Summary,
}

impl Plan {
    pub fn has_changes(&self) -> bool {
        !self.apply_order.is_empty()
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default() + "\n"
    }

    pub fn change(&self, address: &str) -> Option<&ResourceChange> {
        self.resource_changes.iter().find(|c| c.address == address)
    }
}

/// What to plan.
#[derive(Clone, Debug, Default)]
pub struct PlanOptions {
    /// Plan the removal of everything.
    pub destroy: bool,
    /// Only these addresses (and what they depend on); empty = everything.
    pub targets: Vec<String>,
}

/// A change the plan refuses to make.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlanError {
    pub address: String,
    pub message: String,
}

fn with_id(attrs: &BTreeMap<String, Value>, id: &str) -> Value {
    let mut o: Map<String, Value> = attrs.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
    o.insert("id".into(), json!(id));
    Value::Object(o)
}

/// What apply will compute for a new object of `kind` with `after`.
fn unknown_after(kind: &str, after: &BTreeMap<String, Value>) -> Value {
    let mut o = Map::new();
    o.insert("id".into(), json!(true));
    let public = after.contains_key("elastic_ip") || after.get("public_ip") == Some(&json!(true));
    let computed: &[&str] = match kind {
        "subnet" => &["available_ip_count"],
        "elastic_ip" => &["public_ip_address"],
        "nat_gateway" | "instance" if public => &["private_ip_address", "public_ip_address"],
        "nat_gateway" | "instance" => &["private_ip_address"],
        _ => &[],
    };
    for k in computed {
        o.insert((*k).into(), json!(true));
    }
    Value::Object(o)
}

/// How one address changes, before ordering.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    NoOp,
    Create,
    Update,
    Delete,
    /// Delete the old object first (the new one would conflict with it).
    DeleteCreate,
    /// Create the new object first, then delete the old one.
    CreateDelete,
}

/// Whether the new object of a replacement would conflict with the old one
/// while both exist, so the old one must go first.
fn conflicts(
    kind: &str,
    before: &BTreeMap<String, Value>,
    after: &BTreeMap<String, Value>,
) -> bool {
    let same = |k: &str| before.get(k).is_some() && before.get(k) == after.get(k);
    match kind {
        // The same block in the same VPC: InvalidSubnet.Conflict.
        "subnet" => same("cidr") && same("vpc"),
        // The same static address (InvalidIPAddress.InUse), or the same
        // elastic IP, which one instance holds at a time.
        "instance" => same("private_ip") || same("elastic_ip"),
        // The same allocation: Resource.AlreadyAssociated.
        "nat_gateway" => same("elastic_ip"),
        // Group names are unique per VPC; one peering per pair; one endpoint
        // per service and table.
        "security_group" => same("vpc"),
        "vpc_peering" => {
            (same("vpc") && same("peer_vpc"))
                || (before.get("vpc") == after.get("peer_vpc")
                    && before.get("peer_vpc") == after.get("vpc"))
        }
        "vpc_endpoint" => same("vpc") && same("service"),
        _ => false,
    }
}

/// Diffs `desired` (in creation order) against `state`.
pub fn plan(
    desired: &[Desired],
    state: Option<&State>,
    options: &PlanOptions,
    stack: &str,
    spec_digest: &str,
) -> Result<Plan, Vec<PlanError>> {
    let empty = State::new(String::new());
    let state = state.unwrap_or(&empty);
    let desired: Vec<&Desired> = if options.destroy {
        Vec::new()
    } else {
        targeted(desired, &options.targets)
    };
    let wanted: HashSet<&str> = desired.iter().map(|d| d.address.as_str()).collect();

    let mut kinds: HashMap<String, Kind> = HashMap::new();
    let mut changes: HashMap<String, ResourceChange> = HashMap::new();
    let mut errors = Vec::new();
    // Replaced addresses, and whether each deletes its old object first.
    let mut replaced: HashMap<String, bool> = HashMap::new();

    for d in &desired {
        let kind_name = d.kind.singular();
        let after = Value::Object(
            d.attributes
                .iter()
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect(),
        );
        let Some(old) = state.get(&d.address) else {
            kinds.insert(d.address.clone(), Kind::Create);
            changes.insert(
                d.address.clone(),
                change(
                    d,
                    Kind::Create,
                    Value::Null,
                    after,
                    unknown_after(kind_name, &d.attributes),
                    Vec::new(),
                    None,
                    None,
                ),
            );
            continue;
        };
        // Configured attributes only: computed ones never differ from the spec.
        let before_attrs = &old.attributes;
        let schema = d.kind.schema();
        let mut changed: Vec<String> = d
            .attributes
            .keys()
            .chain(before_attrs.keys())
            .filter(|k| !schema.is_computed(k))
            .filter(|k| d.attributes.get(*k) != before_attrs.get(*k))
            .cloned()
            .collect();
        changed.sort();
        changed.dedup();
        if d.kind == skyplan_spec::Kind::Volume
            && let (Some(new), Some(old_size)) = (
                d.attributes.get("size_gb").and_then(Value::as_u64),
                before_attrs.get("size_gb").and_then(Value::as_u64),
            )
            && new < old_size
        {
            errors.push(PlanError {
                address: d.address.clone(),
                message: format!("{}: size_gb cannot shrink from {old_size} to {new} GiB; EBS volumes only grow (create a new volume and copy the data)", d.address),
            });
        }
        // A hibernated instance keeps its memory image for its type: AWS
        // cannot resize it until it is started (IncorrectInstanceState).
        if d.kind == skyplan_spec::Kind::Instance
            && before_attrs.get("state").and_then(Value::as_str) == Some("hibernated")
            && changed.iter().any(|k| k == "type")
        {
            errors.push(PlanError {
                address: d.address.clone(),
                message: format!(
                    "{}: the type of a hibernated instance cannot change; start it first (`state: running`), apply, then change `type`",
                    d.address
                ),
            });
        }
        let forced: Vec<Vec<String>> = changed
            .iter()
            .filter(|k| schema.attribute(k).is_some_and(|a| a.force_new))
            .map(|k| vec![k.clone()])
            .collect();
        // A force-new reference to a replaced resource replaces this one too.
        let cascade = schema.force_new().find_map(|k| {
            d.attributes
                .get(k)
                .and_then(Value::as_str)
                .filter(|a| replaced.contains_key(*a))
                .map(|a| (k.to_string(), a.to_string()))
        });
        let in_place_cause = d
            .dependencies
            .iter()
            .chain(&d.rule_references)
            .find(|a| replaced.contains_key(a.as_str()))
            .cloned();
        let before = with_id(&old.attributes, &old.id);
        let (kind, reason, because, paths) = if !forced.is_empty() || cascade.is_some() {
            let first_delete = conflicts(kind_name, before_attrs, &d.attributes)
                || cascade.as_ref().is_some_and(|(_, a)| replaced[a]);
            replaced.insert(d.address.clone(), first_delete);
            let k = if first_delete {
                Kind::DeleteCreate
            } else {
                Kind::CreateDelete
            };
            match (forced.is_empty(), cascade) {
                (false, _) => (
                    k,
                    Some(ActionReason::ReplaceBecauseCannotUpdate),
                    None,
                    forced,
                ),
                (true, Some((attr, cause))) => (
                    k,
                    Some(ActionReason::ReplaceBecauseDependencyReplaced),
                    Some(cause),
                    vec![vec![attr]],
                ),
                (true, None) => unreachable!("forced or cascade"),
            }
        } else if !changed.is_empty() {
            (Kind::Update, None, None, Vec::new())
        } else if let Some(cause) = in_place_cause {
            (
                Kind::Update,
                Some(ActionReason::UpdateBecauseDependencyReplaced),
                Some(cause),
                Vec::new(),
            )
        } else {
            (Kind::NoOp, None, None, Vec::new())
        };
        let unknown = match kind {
            Kind::DeleteCreate | Kind::CreateDelete => unknown_after(kind_name, &d.attributes),
            _ => json!({}),
        };
        let mut after = after;
        if matches!(kind, Kind::Update | Kind::NoOp)
            && let Value::Object(o) = &mut after
        {
            o.insert("id".into(), json!(old.id));
        }
        kinds.insert(d.address.clone(), kind);
        changes.insert(
            d.address.clone(),
            change(d, kind, before, after, unknown, paths, reason, because),
        );
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    // Everything in the state the stack no longer wants (or, with targets,
    // targeted addresses that are gone from the spec).
    for old in state.resources.values() {
        let in_scope = options.targets.is_empty()
            || options.destroy
            || options.targets.iter().any(|t| t == &old.address);
        if wanted.contains(old.address.as_str()) || !in_scope {
            continue;
        }
        kinds.insert(old.address.clone(), Kind::Delete);
        let reason = (!options.destroy).then_some(ActionReason::DeleteBecauseNoResourceConfig);
        changes.insert(old.address.clone(), delete_change(old, reason, false));
    }
    // Old objects an interrupted apply left behind (an address may have
    // several: each is deleted).
    for old in &state.deposed {
        let key = deposed_key(&old.address, &old.id);
        kinds.insert(key.clone(), Kind::Delete);
        changes.insert(
            key,
            delete_change(old, Some(ActionReason::DeleteBecauseDeposed), true),
        );
    }
    let apply_order = order(&desired, state, &kinds, &changes).map_err(|e| vec![e])?;
    let mut position: HashMap<String, usize> = HashMap::new();
    for (i, step) in apply_order.iter().enumerate() {
        let key = match &step.deposed {
            Some(id) if kinds.contains_key(&deposed_key(&step.address, id)) => {
                deposed_key(&step.address, id)
            }
            _ => step.address.clone(),
        };
        position.entry(key).or_insert(i);
    }
    let mut resource_changes: Vec<(String, ResourceChange)> = changes.into_iter().collect();
    // Keys are unique (address, or address + " (deposed <id>)"), so the
    // position and then the key give a total, deterministic order.
    resource_changes
        .sort_by_cached_key(|(k, _)| (position.get(k).copied().unwrap_or(usize::MAX), k.clone()));
    let resource_changes: Vec<ResourceChange> =
        resource_changes.into_iter().map(|(_, c)| c).collect();
    let mut summary = Summary::default();
    for k in kinds.values() {
        match k {
            Kind::Create => summary.add += 1,
            Kind::Update => summary.change += 1,
            Kind::Delete => summary.destroy += 1,
            Kind::DeleteCreate | Kind::CreateDelete => {
                summary.add += 1;
                summary.destroy += 1;
            }
            Kind::NoOp => {}
        }
    }
    Ok(Plan {
        format_version: FORMAT_VERSION.into(),
        stack: stack.into(),
        state: PlannedState {
            lineage: state.lineage.clone(),
            serial: state.serial,
        },
        spec_digest: spec_digest.into(),
        resource_changes,
        apply_order,
        summary,
    })
}

#[allow(clippy::too_many_arguments)]
fn change(
    d: &Desired,
    kind: Kind,
    before: Value,
    after: Value,
    after_unknown: Value,
    replace_paths: Vec<Vec<String>>,
    action_reason: Option<ActionReason>,
    because_of: Option<String>,
) -> ResourceChange {
    let actions: &[Action] = match kind {
        Kind::NoOp => &[Action::NoOp],
        Kind::Create => &[Action::Create],
        Kind::Update => &[Action::Update],
        Kind::Delete => &[Action::Delete],
        Kind::DeleteCreate => &[Action::Delete, Action::Create],
        Kind::CreateDelete => &[Action::Create, Action::Delete],
    };
    ResourceChange {
        address: d.address.clone(),
        kind: d.kind.singular().into(),
        name: d.name.clone(),
        index: d.index,
        action_reason,
        because_of,
        deposed: None,
        change: Change {
            actions: actions.to_vec(),
            before,
            after,
            after_unknown,
            replace_paths,
        },
        dependencies: d.dependencies.clone(),
    }
}

/// Among ready operations: phase (old deletes, writes, late deletes), then
/// rank in declaration or state order, then node index.
type Priority = (u8, usize, usize);

/// The change that deletes a state object (a deposed one: `deposed`).
fn delete_change(
    old: &ResourceState,
    reason: Option<ActionReason>,
    deposed: bool,
) -> ResourceChange {
    ResourceChange {
        address: old.address.clone(),
        kind: old.kind.clone(),
        name: old.name.clone(),
        index: old.index,
        action_reason: reason,
        because_of: None,
        deposed: deposed.then(|| old.id.clone()),
        change: Change {
            actions: vec![Action::Delete],
            before: with_id(&old.attributes, &old.id),
            after: Value::Null,
            after_unknown: json!({}),
            replace_paths: Vec::new(),
        },
        dependencies: Vec::new(),
    }
}

/// The internal key of a deposed object. Spec addresses never contain a
/// space, and the state refuses addresses that are not `kind.name[index]`,
/// so no address can collide with it.
fn deposed_key(address: &str, id: &str) -> String {
    format!("{address} (deposed {id})")
}

/// The targeted resources and everything they depend on, in creation order.
fn targeted<'d>(desired: &'d [Desired], targets: &[String]) -> Vec<&'d Desired> {
    if targets.is_empty() {
        return desired.iter().collect();
    }
    let by_address: HashMap<&str, &Desired> =
        desired.iter().map(|d| (d.address.as_str(), d)).collect();
    let mut keep: HashSet<&str> = HashSet::new();
    let mut stack: Vec<&str> = targets
        .iter()
        .flat_map(|t| {
            // `instance.web` targets every copy of a counted instance.
            let prefix = format!("{t}[");
            desired
                .iter()
                .filter(move |d| d.address == *t || d.address.starts_with(&prefix))
                .map(|d| d.address.as_str())
        })
        .collect();
    while let Some(a) = stack.pop() {
        if keep.insert(a)
            && let Some(d) = by_address.get(a)
        {
            stack.extend(d.dependencies.iter().map(String::as_str));
        }
    }
    desired
        .iter()
        .filter(|d| keep.contains(d.address.as_str()))
        .collect()
}

/// Orders every operation: a dependency is created before what needs it,
/// a dependent deleted before what it needed, a resource that drops a
/// reference updated before the referenced resource is deleted. Kahn's
/// algorithm over the operations; among ready ones, deletes of old objects
/// first, then creates and updates in declaration order, then the deletes
/// of create-before-destroy replacements.
fn order(
    desired: &[&Desired],
    state: &State,
    kinds: &HashMap<String, Kind>,
    changes: &HashMap<String, ResourceChange>,
) -> Result<Vec<Step>, PlanError> {
    #[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
    enum Op {
        Delete,
        Write,
    }
    let desired_rank: HashMap<&str, usize> = desired
        .iter()
        .enumerate()
        .map(|(i, d)| (d.address.as_str(), i))
        .collect();
    let state_rank: HashMap<&str, usize> = state
        .resources
        .values()
        .enumerate()
        .map(|(i, r)| (r.address.as_str(), i))
        .collect();
    let mut nodes: Vec<(&str, Op)> = Vec::new();
    let mut index: HashMap<(&str, Op), usize> = HashMap::new();
    let mut sorted: Vec<(&String, &Kind)> = kinds.iter().collect();
    sorted.sort_by(|a, b| a.0.cmp(b.0));
    for (address, kind) in &sorted {
        let ops: &[Op] = match kind {
            Kind::NoOp => &[],
            Kind::Create | Kind::Update => &[Op::Write],
            Kind::Delete => &[Op::Delete],
            Kind::DeleteCreate | Kind::CreateDelete => &[Op::Delete, Op::Write],
        };
        for op in ops {
            index.insert((address.as_str(), *op), nodes.len());
            nodes.push((address.as_str(), *op));
        }
    }
    let mut edges: Vec<Vec<usize>> = vec![Vec::new(); nodes.len()]; // before -> after
    let mut waiting = vec![0usize; nodes.len()];
    let edge = |from: Option<&usize>,
                to: Option<&usize>,
                edges: &mut Vec<Vec<usize>>,
                waiting: &mut Vec<usize>| {
        if let (Some(&f), Some(&t)) = (from, to)
            && f != t
        {
            edges[f].push(t);
            waiting[t] += 1;
        }
    };
    for (address, kind) in &sorted {
        let a = address.as_str();
        // Writes after the writes of what they refer to.
        if let Some(c) = changes.get(a) {
            for dep in &c.dependencies {
                edge(
                    index.get(&(dep.as_str(), Op::Write)),
                    index.get(&(a, Op::Write)),
                    &mut edges,
                    &mut waiting,
                );
            }
        }
        match kind {
            Kind::DeleteCreate => edge(
                index.get(&(a, Op::Delete)),
                index.get(&(a, Op::Write)),
                &mut edges,
                &mut waiting,
            ),
            Kind::CreateDelete => edge(
                index.get(&(a, Op::Write)),
                index.get(&(a, Op::Delete)),
                &mut edges,
                &mut waiting,
            ),
            _ => {}
        }
        // Deleting an old object: after deleting the old objects that
        // depended on it, and after updating those that drop it.
        if let Some(old) = state.get(a) {
            for dep in &old.dependencies {
                edge(
                    index.get(&(a, Op::Delete)),
                    index.get(&(dep.as_str(), Op::Delete)),
                    &mut edges,
                    &mut waiting,
                );
                let still_refers = changes
                    .get(a)
                    .is_some_and(|c| c.dependencies.iter().any(|d| d == dep));
                if !still_refers {
                    edge(
                        index.get(&(a, Op::Write)),
                        index.get(&(dep.as_str(), Op::Delete)),
                        &mut edges,
                        &mut waiting,
                    );
                }
            }
        }
    }
    for old in &state.deposed {
        let from = deposed_key(&old.address, &old.id);
        for dep in &old.dependencies {
            for other in state.deposed.iter().filter(|o| &o.address == dep) {
                let to = deposed_key(&other.address, &other.id);
                edge(
                    index.get(&(from.as_str(), Op::Delete)),
                    index.get(&(to.as_str(), Op::Delete)),
                    &mut edges,
                    &mut waiting,
                );
            }
        }
    }
    let priority = |i: usize| -> Priority {
        let (a, op) = nodes[i];
        match (op, kinds[a]) {
            (Op::Delete, Kind::CreateDelete) => {
                (2, usize::MAX - state_rank.get(a).copied().unwrap_or(0), i)
            }
            (Op::Delete, _) => (0, usize::MAX - state_rank.get(a).copied().unwrap_or(0), i),
            (Op::Write, _) => (1, desired_rank.get(a).copied().unwrap_or(usize::MAX), i),
        }
    };
    let mut ready: BinaryHeap<Reverse<(Priority, usize)>> = (0..nodes.len())
        .filter(|&i| waiting[i] == 0)
        .map(|i| Reverse((priority(i), i)))
        .collect();
    let mut steps = Vec::with_capacity(nodes.len());
    while let Some(Reverse((_, i))) = ready.pop() {
        let (a, op) = nodes[i];
        let action = match (op, kinds[a]) {
            (Op::Delete, _) => StepAction::Delete,
            (Op::Write, Kind::Update) => StepAction::Update,
            (Op::Write, _) => StepAction::Create,
        };
        let (address, deposed) = match changes.get(a) {
            Some(c) if c.deposed.is_some() => (c.address.as_str(), c.deposed.clone()),
            _ if op == Op::Delete && kinds[a] == Kind::CreateDelete => {
                (a, state.get(a).map(|old| old.id.clone()))
            }
            _ => (a, None),
        };
        steps.push(Step {
            address: address.to_string(),
            action,
            deposed,
        });
        for &next in &edges[i] {
            waiting[next] -= 1;
            if waiting[next] == 0 {
                ready.push(Reverse((priority(next), next)));
            }
        }
    }
    if steps.len() < nodes.len() {
        let stuck = (0..nodes.len())
            .find(|&i| waiting[i] > 0)
            .map_or("", |i| nodes[i].0);
        return Err(PlanError {
            address: stuck.to_string(),
            message: format!(
                "the changes around {stuck} depend on each other in a ring; apply them in two steps with --target"
            ),
        });
    }
    Ok(steps)
}
