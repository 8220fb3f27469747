//! The diff of desired resources against the state, and the order in which
//! apply carries it out.

use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use skyplan_spec::{Address, InstanceState};
use skyplan_state::moves::MoveError;
use skyplan_state::{Attributes, ResourceState, State};

use crate::desired::Desired;
use crate::json;

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

impl Action {
    /// The action lists a change can have, each stored once (a plan of
    /// 100,000 no-ops holds no list of its own).
    const COMBINATIONS: [&'static [Action]; 6] = [
        &[Action::NoOp],
        &[Action::Create],
        &[Action::Update],
        &[Action::Delete],
        &[Action::Delete, Action::Create],
        &[Action::Create, Action::Delete],
    ];

    /// `actions` as one of the lists a change can have; `None` for any
    /// other (a saved plan edited by hand).
    pub(crate) fn combination(actions: &[Action]) -> Option<&'static [Action]> {
        Self::COMBINATIONS.into_iter().find(|c| *c == actions)
    }
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

/// One object as a change shows it: its id (when it has one) and attributes.
#[derive(Clone, Debug, PartialEq)]
pub struct Object {
    pub id: Option<String>,
    pub attributes: Attributes,
}

impl Object {
    fn of(r: &ResourceState) -> Box<Object> {
        Box::new(Object {
            id: Some(r.id.clone()),
            attributes: r.attributes.clone(),
        })
    }

    /// The attributes and the id as one JSON object (Terraform's shape).
    pub fn to_map(&self) -> Map<String, Value> {
        let mut map = self.attributes.to_map();
        if let Some(id) = &self.id {
            map.insert("id".into(), Value::String(id.clone()));
        }
        map
    }

    /// The configured attributes only (what a spec states), with the id.
    pub(crate) fn configured_map(&self) -> Map<String, Value> {
        let schema = self.attributes.kind().schema();
        let mut map = self.to_map();
        map.retain(|k, _| !schema.is_computed(k));
        map
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    /// `["no-op"]`, `["create"]`, `["update"]`, `["delete"]`,
    /// `["delete","create"]` or `["create","delete"]`.
    pub actions: &'static [Action],
    /// The object in the state; `None` for a create, and for a no-op (which
    /// carries no payload: its JSON is written from the state). Boxed: most
    /// changes of a large plan are no-ops, and an inline object would make
    /// each of them as large as the largest kind's attributes.
    pub before: Option<Box<Object>>,
    /// The object the spec asks for; `None` for a delete and a no-op.
    pub after: Option<Box<Object>>,
    /// The attributes apply computes for a new object (`id` first).
    pub after_unknown: Vec<&'static str>,
    pub replace_paths: Vec<Vec<String>>,
}

/// One address's change (a deposed object's: with its id in `deposed`).
#[derive(Clone, Debug, PartialEq)]
pub struct ResourceChange {
    pub address: Address,
    pub action_reason: Option<ActionReason>,
    /// For a cascaded replacement or update: the replaced resource behind it.
    pub because_of: Option<Address>,
    /// The id of a deposed object this change deletes.
    pub deposed: Option<String>,
    pub change: Change,
    /// Addresses the resource refers to after the change (a no-op's are
    /// its state object's).
    pub dependencies: Vec<Address>,
}

impl ResourceChange {
    pub fn actions(&self) -> &'static [Action] {
        self.change.actions
    }

    pub fn is_noop(&self) -> bool {
        self.change.actions == [Action::NoOp]
    }

    pub(crate) fn key(&self) -> Key<'_> {
        (&self.address, self.deposed.as_deref())
    }
}

/// One operation of an apply.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Step {
    pub address: Address,
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

#[derive(Clone, Debug, PartialEq)]
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
    /// Objects of the state that move to another address (`moved:`), in
    /// the order apply moves them, before any step.
    pub moved: Vec<Moved>,
    /// What the change opens to the internet and closes, when the caller
    /// worked it out (`plan` does).
    pub exposure_changes: Option<crate::ExposureChanges>,
}

/// An object of the state taken to another address, keeping its id.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Moved {
    pub from: Address,
    pub to: Address,
}

impl Plan {
    pub fn has_changes(&self) -> bool {
        !self.apply_order.is_empty() || !self.moved.is_empty()
    }

    /// The plan JSON of the contract. No-op changes carry no payload, so
    /// their before and after come from `state`, the state planned against.
    pub fn to_json(&self, state: Option<&State>) -> String {
        let written = json::WrittenPlan::of(self, state);
        serde_json::to_string_pretty(&written).unwrap_or_default() + "\n"
    }

    /// The plan JSON with `resource_drift`: what changed outside skyplan,
    /// from `saved` to the network `drift` plans to.
    pub fn to_json_with_drift(&self, state: Option<&State>, drift: &Plan, saved: &State) -> String {
        let written = json::WrittenPlan::of(self, state).with_drift(drift, saved);
        serde_json::to_string_pretty(&written).unwrap_or_default() + "\n"
    }

    /// A saved plan, checked: addresses agree with their kinds and names,
    /// attributes are those of their kind.
    pub fn from_json(bytes: &[u8]) -> Result<Plan, serde_json::Error> {
        let written: json::WrittenPlan = serde_json::from_slice(bytes)?;
        written.into_plan()
    }

    /// The change of the live object at `address`.
    pub fn change(&self, address: &Address) -> Option<&ResourceChange> {
        self.resource_changes
            .iter()
            .find(|c| &c.address == address && c.deposed.is_none())
    }
}

/// What to plan.
#[derive(Clone, Debug, Default)]
pub struct PlanOptions {
    /// Plan the removal of everything.
    pub destroy: bool,
    /// Only these addresses (and what they depend on); empty = everything.
    /// An address without index targets every copy of a counted instance.
    pub targets: Vec<Address>,
    /// `moved:` entries (from, to): objects of the state the spec now
    /// declares at another address. One the state has nothing at is
    /// already made.
    pub moves: Vec<(Address, Address)>,
}

/// A change the plan refuses to make, at one address.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlanError {
    pub address: Address,
    pub refusal: Refusal,
}

/// Why: AWS cannot make the change in place, or the plan cannot order it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// An EBS volume's size only grows.
    VolumeShrinks { from: u64, to: u64 },
    /// An instance's root volume cannot be encrypted (`true`) or decrypted.
    RootVolumeEncryption { encrypt: bool },
    /// An instance's root volume only grows.
    RootVolumeShrinks { from: u64, to: u64 },
    /// A database's allocated storage only grows (RDS: "You can't reduce
    /// the amount of storage for a DB instance after storage has been
    /// allocated").
    DbStorageShrinks { from: u64, to: u64 },
    /// A hibernated instance keeps its type (IncorrectInstanceState).
    HibernatedTypeChange,
    /// Changes that wait on each other.
    DependencyRing,
    /// A load balancer with deletion protection on is not deleted
    /// (OperationNotPermitted), also not to be replaced.
    DeletionProtected { replaced: bool },
    /// A move whose new address already has an object, or that cannot
    /// be made (the error says why); the address is the move's `from`.
    Move(Box<MoveError>),
}

impl std::fmt::Display for PlanError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let address = &self.address;
        match self.refusal {
            Refusal::VolumeShrinks { from, to } => write!(
                f,
                "{address}: size_gb cannot shrink from {from} to {to} GiB; EBS volumes only grow (create a new volume and copy the data)"
            ),
            Refusal::RootVolumeEncryption { encrypt } => write!(
                f,
                "{address}: AWS cannot {} the root volume of an instance that exists; launch a new instance under another name with the volume you want, then remove this one",
                if encrypt { "encrypt" } else { "decrypt" },
            ),
            Refusal::RootVolumeShrinks { from, to } => write!(
                f,
                "{address}: root_volume.size_gb cannot shrink from {from} to {to} GiB; EBS volumes only grow"
            ),
            Refusal::DbStorageShrinks { from, to } => write!(
                f,
                "{address}: allocated_storage cannot shrink from {from} to {to} GiB; RDS storage only grows (create a new DB instance with the storage you want and move the data into it)"
            ),
            Refusal::HibernatedTypeChange => write!(
                f,
                "{address}: the type of a hibernated instance cannot change; start it first (`state: running`), apply, then change `type`"
            ),
            Refusal::DeletionProtected { replaced } => write!(
                f,
                "{address}: its deletion protection is on, so AWS refuses to delete it{}; apply `deletion_protection: false` first, then {}",
                if replaced {
                    " (its replacement deletes it)"
                } else {
                    ""
                },
                if replaced { "the change" } else { "remove it" },
            ),
            Refusal::DependencyRing => write!(
                f,
                "the changes around {address} depend on each other in a ring; apply them in two steps with --target"
            ),
            Refusal::Move(ref e) => write!(
                f,
                "{address} cannot move: {e}; remove the `moved:` entry, or `skyplan state rm` what is in the way"
            ),
        }
    }
}

impl std::error::Error for PlanError {}

/// A change's identity: its address, and for a deposed object its id.
pub(crate) type Key<'a> = (&'a Address, Option<&'a str>);

/// The configured attributes that differ (computed ones never differ from
/// the spec: it does not state them).
fn changed_attributes(before: &Attributes, after: &Attributes) -> Vec<String> {
    if before.same_configuration(after) {
        return Vec::new();
    }
    let schema = after.kind().schema();
    let unordered = after.unordered();
    let (b, a) = (before.to_map(), after.to_map());
    // A list AWS keeps in no order changed only if its items did.
    let differs = |k: &String| match (a.get(k), b.get(k)) {
        (Some(Value::Array(x)), Some(Value::Array(y))) if unordered.contains(&k.as_str()) => {
            !skyplan_state::attributes::same_items(x, y)
        }
        (x, y) => x != y,
    };
    let mut changed: Vec<String> = a
        .keys()
        .chain(b.keys())
        .filter(|k| !schema.is_computed(k) && differs(k))
        .cloned()
        .collect();
    changed.sort();
    changed.dedup();
    changed
}

/// How one address changes, before ordering.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ChangeKind {
    NoOp,
    Create,
    Update,
    Delete,
    /// Delete the old object first (the new one would conflict with it).
    DeleteCreate,
    /// Create the new object first, then delete the old one.
    CreateDelete,
}

/// What a spec leaves to AWS keeps what AWS chose (as Terraform's
/// optional and computed arguments do): an instance without `private_ip`
/// keeps the address it has, one whose `private_ip` is the address it has
/// needs no new one (a state imported from a snapshot cannot tell a static
/// address), and one without `root_volume` keeps the volume its AMI gave
/// it (AWS cannot take a root volume's settings back).
fn adopt_unset(old: &Attributes, new: &Attributes) -> Option<Attributes> {
    let (Attributes::Instance(was), Attributes::Instance(now)) = (old, new) else {
        return None;
    };
    let private_ip = match now.private_ip {
        None => was.private_ip,
        Some(ip) if was.private_ip.is_none() && was.private_ip_address == Some(ip) => None,
        asked => asked,
    };
    let root_volume = now.root_volume.as_ref().or(was.root_volume.as_ref());
    if private_ip == now.private_ip && root_volume == now.root_volume.as_ref() {
        return None;
    }
    let mut adopted = now.clone();
    adopted.private_ip = private_ip;
    adopted.root_volume = root_volume.cloned();
    Some(Attributes::Instance(adopted))
}

/// The errors AWS would return for an update it cannot make.
fn refused(
    d: &Desired,
    attributes: &Attributes,
    old: &ResourceState,
    changed: &[String],
) -> Option<PlanError> {
    let refusal = match (attributes, &old.attributes) {
        (Attributes::Volume(new), Attributes::Volume(was)) if new.size_gb < was.size_gb => {
            Refusal::VolumeShrinks {
                from: was.size_gb,
                to: new.size_gb,
            }
        }
        (Attributes::DbInstance(new), Attributes::DbInstance(was))
            if new.allocated_storage < was.allocated_storage =>
        {
            Refusal::DbStorageShrinks {
                from: was.allocated_storage,
                to: new.allocated_storage,
            }
        }
        (Attributes::Instance(new), Attributes::Instance(was)) => {
            let encrypted = |i: &skyplan_state::attributes::Instance| {
                i.root_volume.as_ref().is_some_and(|r| r.encrypted)
            };
            let size = |i: &skyplan_state::attributes::Instance| {
                i.root_volume.as_ref().and_then(|r| r.size_gb)
            };
            if encrypted(new) != encrypted(was) {
                Refusal::RootVolumeEncryption {
                    encrypt: encrypted(new),
                }
            } else if let (Some(n), Some(w)) = (size(new), size(was))
                && n < w
            {
                Refusal::RootVolumeShrinks { from: w, to: n }
            } else {
                return refused_hibernated(d, was, changed);
            }
        }
        _ => return None,
    };
    Some(PlanError {
        address: d.address.clone(),
        refusal,
    })
}

/// A hibernated instance keeps its memory image for its type: AWS cannot
/// resize it until it is started (IncorrectInstanceState).
/// Whether AWS refuses to delete the object: a load balancer with deletion
/// protection on.
fn deletion_protected(old: &ResourceState) -> bool {
    matches!(&old.attributes, Attributes::LoadBalancer(lb) if lb.deletion_protection)
}

fn refused_hibernated(
    d: &Desired,
    was: &skyplan_state::attributes::Instance,
    changed: &[String],
) -> Option<PlanError> {
    if was.state != InstanceState::Hibernated || !changed.iter().any(|k| k == "type") {
        return None;
    }
    Some(PlanError {
        address: d.address.clone(),
        refusal: Refusal::HibernatedTypeChange,
    })
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
    let moved_state;
    let (state, moved) = if options.moves.is_empty() || state.resources.is_empty() {
        (state, Vec::new())
    } else {
        let mut s = state.clone();
        let moved = make_moves(&mut s, &options.moves).map_err(|e| vec![e])?;
        moved_state = s;
        (&moved_state, moved)
    };
    let desired: Vec<&Desired> = if options.destroy {
        Vec::new()
    } else {
        targeted(desired, &options.targets)
    };
    let matched = match_state(&desired, state);

    // How each change changes, beside it.
    let mut kinds: Vec<ChangeKind> = Vec::with_capacity(desired.len());
    let mut changes: Vec<ResourceChange> = Vec::with_capacity(desired.len());
    let mut errors = Vec::new();
    // Replaced addresses, and whether each deletes its old object first.
    let mut replaced: HashMap<&Address, bool> = HashMap::new();
    // Created addresses: an object in the state that references one
    // references an object skyplan no longer manages (`state rm`), so it is
    // replaced (or updated) to use the new one, as for a replacement.
    let mut created: HashSet<&Address> = HashSet::new();

    for (d, old) in desired.iter().zip(&matched.olds) {
        let Some(old) = *old else {
            kinds.push(ChangeKind::Create);
            if !state.resources.is_empty() {
                created.insert(&d.address);
            }
            let after = Box::new(Object {
                id: None,
                attributes: d.attributes.clone(),
            });
            let unknown = crate::kinds::unknown_after(&d.attributes);
            changes.push(change(
                d,
                ChangeKind::Create,
                None,
                Some(after),
                unknown,
                Vec::new(),
                None,
                None,
            ));
            continue;
        };
        let adopted = adopt_unset(&old.attributes, &d.attributes);
        let attributes = adopted.as_ref().unwrap_or(&d.attributes);
        let changed = changed_attributes(&old.attributes, attributes);
        if let Some(e) = refused(d, attributes, old, &changed) {
            errors.push(e);
        }
        let schema = d.address.kind.schema();
        let forced: Vec<Vec<String>> = changed
            .iter()
            .filter(|k| schema.attribute(k).is_some_and(|a| a.force_new))
            .map(|k| vec![k.clone()])
            .collect();
        // A force-new reference to a replaced resource replaces this one too.
        let renewed = |a: &Address| replaced.contains_key(a) || created.contains(a);
        let references = if replaced.is_empty() && created.is_empty() {
            Vec::new()
        } else {
            attributes.references()
        };
        let cascade = schema.force_new().find_map(|k| {
            references
                .iter()
                .find(|(name, a)| *name == k && renewed(a))
                .map(|(name, a)| (name.to_string(), (*a).clone()))
        });
        let in_place_cause = d
            .dependencies
            .iter()
            .chain(&d.rule_references)
            .find(|a| replaced.contains_key(a))
            .or_else(|| {
                references
                    .iter()
                    .map(|(_, a)| *a)
                    .find(|a| created.contains(a))
            })
            .cloned();
        if (!forced.is_empty() || cascade.is_some()) && deletion_protected(old) {
            errors.push(PlanError {
                address: d.address.clone(),
                refusal: Refusal::DeletionProtected { replaced: true },
            });
        }
        let (kind, reason, because, paths) = if !forced.is_empty() || cascade.is_some() {
            // A dependency of the old and the new object whose old object
            // goes first: kept while its new one is made, this one would
            // hold that old object, and its new one wait for it (a ring).
            let behind_a_first_delete = d
                .dependencies
                .iter()
                .any(|a| replaced.get(a).copied().unwrap_or(false) && old.dependencies.contains(a));
            let first_delete = crate::kinds::conflicts(&old.attributes, attributes)
                || behind_a_first_delete
                || cascade
                    .as_ref()
                    .is_some_and(|(_, a)| replaced.get(a).copied().unwrap_or(false));
            replaced.insert(&d.address, first_delete);
            let k = if first_delete {
                ChangeKind::DeleteCreate
            } else {
                ChangeKind::CreateDelete
            };
            match cascade {
                Some((attr, cause)) if forced.is_empty() => (
                    k,
                    Some(ActionReason::ReplaceBecauseDependencyReplaced),
                    Some(cause),
                    vec![vec![attr]],
                ),
                _ => (
                    k,
                    Some(ActionReason::ReplaceBecauseCannotUpdate),
                    None,
                    forced,
                ),
            }
        } else if !changed.is_empty() {
            (ChangeKind::Update, None, None, Vec::new())
        } else if let Some(cause) = in_place_cause {
            (
                ChangeKind::Update,
                Some(ActionReason::UpdateBecauseDependencyReplaced),
                Some(cause),
                Vec::new(),
            )
        } else {
            (ChangeKind::NoOp, None, None, Vec::new())
        };
        kinds.push(kind);
        let (before, after, unknown) = match kind {
            ChangeKind::NoOp => (None, None, Vec::new()),
            ChangeKind::DeleteCreate | ChangeKind::CreateDelete => (
                Some(Object::of(old)),
                Some(Box::new(Object {
                    id: None,
                    attributes: attributes.clone(),
                })),
                crate::kinds::unknown_after(attributes),
            ),
            ChangeKind::Create | ChangeKind::Update | ChangeKind::Delete => (
                Some(Object::of(old)),
                Some(Box::new(Object {
                    id: Some(old.id.clone()),
                    attributes: attributes.clone(),
                })),
                Vec::new(),
            ),
        };
        changes.push(change(
            d, kind, before, after, unknown, paths, reason, because,
        ));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    // Everything in the state the stack no longer wants (or, with targets,
    // targeted addresses that are gone from the spec).
    for &old in &matched.unwanted {
        let in_scope = options.targets.is_empty()
            || options.destroy
            || options.targets.iter().any(|t| t == &old.address);
        if !in_scope {
            continue;
        }
        if deletion_protected(old) {
            errors.push(PlanError {
                address: old.address.clone(),
                refusal: Refusal::DeletionProtected { replaced: false },
            });
        }
        kinds.push(ChangeKind::Delete);
        let reason = (!options.destroy).then_some(ActionReason::DeleteBecauseNoResourceConfig);
        changes.push(delete_change(old, reason, false));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    // Old objects an interrupted apply left behind (an address may have
    // several: each is deleted).
    for old in &state.deposed {
        kinds.push(ChangeKind::Delete);
        changes.push(delete_change(
            old,
            Some(ActionReason::DeleteBecauseDeposed),
            true,
        ));
    }
    let ordered = crate::order::order(&changes, &kinds, state).map_err(|e| vec![e])?;
    let mut summary = Summary::default();
    for k in &kinds {
        match k {
            ChangeKind::Create => summary.add += 1,
            ChangeKind::Update => summary.change += 1,
            ChangeKind::Delete => summary.destroy += 1,
            ChangeKind::DeleteCreate | ChangeKind::CreateDelete => {
                summary.add += 1;
                summary.destroy += 1;
            }
            ChangeKind::NoOp => {}
        }
    }
    // Changes in the order of their first step, then the no-ops (desired
    // resources, all of them) by address.
    let mut by_step: Vec<Option<usize>> = vec![None; ordered.steps.len()];
    for (i, &first) in ordered.first_step.iter().enumerate() {
        if first != usize::MAX {
            by_step[first] = Some(i);
        }
    }
    let noops =
        (matched.by_address.iter().map(|&i| i as usize)).filter(|&i| kinds[i] == ChangeKind::NoOp);
    let order: Vec<usize> = (by_step.into_iter().flatten()).chain(noops).collect();
    let mut resource_changes = changes;
    permute(&mut resource_changes, &order);
    Ok(Plan {
        format_version: FORMAT_VERSION.into(),
        stack: stack.into(),
        state: PlannedState {
            lineage: state.lineage.clone(),
            serial: state.serial,
        },
        spec_digest: spec_digest.into(),
        resource_changes,
        apply_order: ordered.steps,
        summary,
        moved,
        exposure_changes: None,
    })
}

/// Makes the moves on `state`, all at once: those whose `from` the state
/// has (one it does not have was made already).
pub fn make_moves(
    state: &mut State,
    moves: &[(Address, Address)],
) -> Result<Vec<Moved>, PlanError> {
    let moves = state.move_all(moves).map_err(|refused| PlanError {
        address: refused.from.clone(),
        refusal: Refusal::Move(Box::new(refused.why)),
    })?;
    Ok(moves
        .made
        .into_iter()
        .map(|(from, to)| Moved {
            from: from.clone(),
            to: to.clone(),
        })
        .collect())
}

impl Plan {
    /// Its moves as (from, to) pairs, for [`State::move_all`].
    pub fn move_pairs(&self) -> Vec<(Address, Address)> {
        (self.moved.iter())
            .map(|m| (m.from.clone(), m.to.clone()))
            .collect()
    }
}

/// Reorders `items` in place so that `items[i]` becomes the old
/// `items[order[i]]` (`order` is a permutation): a plan's changes are
/// about a fifth of a no-op plan's memory, and a second list of them was
/// its peak.
fn permute<T>(items: &mut [T], order: &[usize]) {
    let mut placed = vec![false; items.len()];
    for start in 0..items.len() {
        let mut i = start;
        while !placed[i] {
            placed[i] = true;
            let from = order[i];
            if from == start {
                break;
            }
            items.swap(i, from);
            i = from;
        }
    }
}

/// The desired resources against the state: the state walked once, in
/// address order, each of its objects looking its desired resource up by
/// address (a sort of the desired resources by address, two addresses
/// compared per step, was a twentieth of a large no-op plan, and grew
/// faster than the stack).
struct Matched<'a> {
    /// Per desired resource: its object in the state.
    olds: Vec<Option<&'a ResourceState>>,
    /// The state's objects no desired resource has, in address order.
    unwanted: Vec<&'a ResourceState>,
    /// The desired resources the state has, in address order (every no-op
    /// is one of them).
    by_address: Vec<u32>,
}

fn match_state<'a>(desired: &[&Desired], state: &'a State) -> Matched<'a> {
    let mut olds = vec![None; desired.len()];
    if state.resources.is_empty() {
        return Matched {
            olds,
            unwanted: Vec::new(),
            by_address: Vec::new(),
        };
    }
    let index: HashMap<&Address, u32> = (desired.iter().enumerate())
        .map(|(i, d)| (&d.address, i as u32))
        .collect();
    let mut unwanted = Vec::new();
    let mut by_address = Vec::with_capacity(desired.len());
    for old in state.resources.values() {
        match index.get(&old.address) {
            Some(&i) => {
                olds[i as usize] = Some(old);
                by_address.push(i);
            }
            None => unwanted.push(old),
        }
    }
    Matched {
        olds,
        unwanted,
        by_address,
    }
}

#[allow(clippy::too_many_arguments)]
fn change(
    d: &Desired,
    kind: ChangeKind,
    before: Option<Box<Object>>,
    after: Option<Box<Object>>,
    after_unknown: Vec<&'static str>,
    replace_paths: Vec<Vec<String>>,
    action_reason: Option<ActionReason>,
    because_of: Option<Address>,
) -> ResourceChange {
    let actions: &'static [Action] = match kind {
        ChangeKind::NoOp => &[Action::NoOp],
        ChangeKind::Create => &[Action::Create],
        ChangeKind::Update => &[Action::Update],
        ChangeKind::Delete => &[Action::Delete],
        ChangeKind::DeleteCreate => &[Action::Delete, Action::Create],
        ChangeKind::CreateDelete => &[Action::Create, Action::Delete],
    };
    ResourceChange {
        address: d.address.clone(),
        action_reason,
        because_of,
        deposed: None,
        change: Change {
            actions,
            before,
            after,
            after_unknown,
            replace_paths,
        },
        // A no-op carries no payload: its JSON takes them from the state
        // (the same, as nothing changes).
        dependencies: if kind == ChangeKind::NoOp {
            Vec::new()
        } else {
            d.dependencies.clone()
        },
    }
}

/// The change that deletes a state object (a deposed one: `deposed`).
fn delete_change(
    old: &ResourceState,
    reason: Option<ActionReason>,
    deposed: bool,
) -> ResourceChange {
    ResourceChange {
        address: old.address.clone(),
        action_reason: reason,
        because_of: None,
        deposed: deposed.then(|| old.id.clone()),
        change: Change {
            actions: &[Action::Delete],
            before: Some(Object::of(old)),
            after: None,
            after_unknown: Vec::new(),
            replace_paths: Vec::new(),
        },
        dependencies: Vec::new(),
    }
}

/// The targeted resources and everything they depend on, in creation order.
fn targeted<'d>(desired: &'d [Desired], targets: &[Address]) -> Vec<&'d Desired> {
    if targets.is_empty() {
        return desired.iter().collect();
    }
    let by_address: HashMap<&Address, &Desired> = desired.iter().map(|d| (&d.address, d)).collect();
    let mut keep: HashSet<&Address> = HashSet::new();
    let mut stack: Vec<&Address> = desired
        .iter()
        .map(|d| &d.address)
        .filter(|a| targets.iter().any(|t| targets_address(t, a)))
        .collect();
    while let Some(a) = stack.pop() {
        if keep.insert(a)
            && let Some(d) = by_address.get(a)
        {
            stack.extend(d.dependencies.iter());
        }
    }
    desired
        .iter()
        .filter(|d| keep.contains(&d.address))
        .collect()
}

/// Whether `--target t` names `a`: `instance.web` targets every copy of a
/// counted instance.
pub fn targets_address(t: &Address, a: &Address) -> bool {
    t == a || (t.index.is_none() && t.kind == a.kind && t.name == a.name)
}

#[cfg(test)]
mod tests {
    /// Against building the reordered list, for every order of 5 items.
    #[test]
    fn permute_places_every_item() {
        fn orders(n: usize) -> Vec<Vec<usize>> {
            if n == 0 {
                return vec![Vec::new()];
            }
            let mut out = Vec::new();
            for shorter in orders(n - 1) {
                for at in 0..n {
                    let mut o = shorter.clone();
                    o.insert(at, n - 1);
                    out.push(o);
                }
            }
            out
        }
        let original = ['a', 'b', 'c', 'd', 'e'];
        for order in orders(original.len()) {
            let mut items = original;
            super::permute(&mut items, &order);
            let expected: Vec<char> = order.iter().map(|&i| original[i]).collect();
            assert_eq!(items.to_vec(), expected, "{order:?}");
        }
    }
}
