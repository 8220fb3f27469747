//! Modules: a directory of spec files used from a stack with
//! `modules: {net: {source: ../net-base, vars: {...}}}`.
//!
//! Reading is the caller's ([`ModuleReader`]: this crate does no I/O);
//! [`read_modules`] walks the calls depth first, reads each directory
//! once and refuses a ring. Loading ([`crate::load_stack`]) then expands
//! each call: the module's files are loaded as a stack of their own, with
//! the call's `vars` as their only inputs, and every name in it is
//! qualified with the module's path (`net.app-a`, the address
//! `module.net.subnet.app-a`), so the module's own references, which are
//! bare names, stay inside it, and nothing in it collides with the stack.

use foldhash::HashMap;
use skyplan_diagnostics::{Diagnostic, FileId, Rule, SourceFiles, Span};

use crate::address::{qualified, split_module_path};
use crate::declarations::*;
use crate::yaml::{self, Node, Value};

/// The deepest module nesting skyplan follows (Terraform sets no limit;
/// real stacks nest two or three deep).
pub const MAX_DEPTH: usize = 16;

/// The most modules one stack expands (calls of calls multiply: ten calls
/// four deep are 10,000).
pub const MAX_INSTANCES: usize = 1000;

/// The top-level key of module calls.
pub(crate) const MODULES: &str = "modules";

/// Reads the directories modules name; the CLI's reads the file system.
pub trait ModuleReader {
    /// The directory `source` names from the file `caller`, as one key
    /// per directory (its canonical path), or why there is none.
    fn locate(
        &mut self,
        sources: &SourceFiles,
        caller: FileId,
        source: &str,
    ) -> Result<String, String>;

    /// The spec files of directory `dir` (a key `locate` gave), added to
    /// `sources` in file-name order, or why they cannot be read.
    fn read(&mut self, sources: &mut SourceFiles, dir: &str) -> Result<Vec<FileId>, String>;
}

/// The files of every module call, by the span of its `source`.
#[derive(Debug, Default)]
pub struct ModuleFiles {
    /// `None` for a call that failed (and was reported) while reading.
    calls: HashMap<Span, Option<Vec<FileId>>>,
    /// Every file of every module, once, in the order they were read.
    every: Vec<FileId>,
}

impl ModuleFiles {
    /// The files of the call whose `source` is at `source`: `Some(None)`
    /// when reading them failed (and was reported), `None` when it was
    /// never read.
    pub(crate) fn files_of(&self, source: Span) -> Option<Option<&[FileId]>> {
        self.calls.get(&source).map(Option::as_deref)
    }

    /// Every module file (for suppression comments).
    pub fn files(&self) -> &[FileId] {
        &self.every
    }
}

/// The `source` of each module call of `files`, as written, with its
/// span; a call without one is the decoder's to report.
fn calls_in(sources: &SourceFiles, files: &[FileId]) -> Vec<(String, Span)> {
    let mut calls = Vec::new();
    for &file in files {
        let source = sources.get(file);
        if !source.text.contains(MODULES) {
            continue;
        }
        if let Ok(root) = yaml::parse(file, source) {
            calls.extend(
                sources_of(&root)
                    .map(|(text, s)| (text.to_string(), Span::new(file, s.start, s.end))),
            );
        }
    }
    calls
}

/// The `source` of each module call of one file's text, as written (for
/// finding which directories are modules before reading any stack).
pub fn module_sources(text: &str) -> Vec<String> {
    if !text.contains(MODULES) {
        return Vec::new();
    }
    let mut sources = SourceFiles::new();
    let file = sources.add("", text.to_string());
    match yaml::parse(file, sources.get(file)) {
        Ok(root) => sources_of(&root)
            .map(|(text, _)| text.to_string())
            .collect(),
        Err(_) => Vec::new(),
    }
}

/// The `source:` nodes of a file's `modules:`.
fn sources_of<'n>(root: &'n Node<'n>) -> impl Iterator<Item = (&'n str, &'n Node<'n>)> {
    map_entry(root, MODULES)
        .and_then(as_map)
        .unwrap_or_default()
        .iter()
        .filter_map(|(_, call)| {
            let source = map_entry(call, "source")?;
            match &source.value {
                Value::Str(text) => Some((text.as_ref(), source)),
                _ => None,
            }
        })
}

fn as_map<'n>(node: &'n Node<'n>) -> Option<&'n [(Node<'n>, Node<'n>)]> {
    match &node.value {
        Value::Map(entries) => Some(entries),
        _ => None,
    }
}

fn map_entry<'n>(node: &'n Node<'n>, key: &str) -> Option<&'n Node<'n>> {
    as_map(node)?
        .iter()
        .find(|(k, _)| matches!(&k.value, Value::Str(s) if s == key))
        .map(|(_, v)| v)
}

/// Reads every module the stack of `files` (in directory `root`) uses,
/// and the modules they use, each directory once. A call that cannot be
/// read, or that closes a ring, is reported (SP022, SP023) and expands to
/// nothing.
pub fn read_modules(
    sources: &mut SourceFiles,
    root: &str,
    files: &[FileId],
    reader: &mut dyn ModuleReader,
    diagnostics: &mut Vec<Diagnostic>,
) -> ModuleFiles {
    let mut walk = Walk {
        reader,
        out: ModuleFiles::default(),
        done: HashMap::default(),
        chain: vec![(root.to_string(), None)],
        diagnostics,
    };
    walk.visit(sources, files);
    walk.out
}

struct Walk<'r, 'd> {
    reader: &'r mut dyn ModuleReader,
    out: ModuleFiles,
    /// Directories read and walked, with their files.
    done: HashMap<String, Vec<FileId>>,
    /// The directories being walked, outermost first, each with the
    /// `source` of the call that entered it, as written, and its span
    /// (none for the stack).
    chain: Vec<(String, Option<(String, Span)>)>,
    diagnostics: &'d mut Vec<Diagnostic>,
}

impl Walk<'_, '_> {
    fn visit(&mut self, sources: &mut SourceFiles, files: &[FileId]) {
        for (source, at) in calls_in(sources, files) {
            let files = self.call(sources, &source, at);
            self.out.calls.insert(at, files);
        }
    }

    /// The files of the call whose `source` is at `at`.
    fn call(&mut self, sources: &mut SourceFiles, source: &str, at: Span) -> Option<Vec<FileId>> {
        let fail = |message: String, label: &str| {
            Diagnostic::new(Rule::ModuleSource, message)
                .at(at, label.to_string())
                .help("`source` is the module's directory, relative to this file (`../net-base`)")
        };
        if source.contains("${") {
            self.diagnostics.push(fail(
                "a module's `source` is a path as written, not an expression".into(),
                "an expression",
            ));
            return None;
        }
        let dir = match self.reader.locate(sources, at.file, source) {
            Ok(dir) => dir,
            Err(why) => {
                self.diagnostics.push(fail(why, "no module here"));
                return None;
            }
        };
        if let Some(at_ring) = self.chain.iter().position(|(d, _)| *d == dir) {
            self.diagnostics.push(self.ring(at, at_ring, source));
            return None;
        }
        if let Some(files) = self.done.get(&dir) {
            return Some(files.clone());
        }
        if self.chain.len() > MAX_DEPTH {
            self.diagnostics.push(fail(
                format!("modules are nested more than {MAX_DEPTH} deep here"),
                "one module too deep",
            ));
            return None;
        }
        let files = match self.reader.read(sources, &dir) {
            Ok(files) => files,
            Err(why) => {
                self.diagnostics.push(fail(why, "cannot read this module"));
                return None;
            }
        };
        self.out.every.extend(&files);
        self.chain
            .push((dir.clone(), Some((source.to_string(), at))));
        self.visit(sources, &files);
        self.chain.pop();
        self.done.insert(dir, files.clone());
        Some(files)
    }

    /// The call at `at` names the directory `chain[at_ring]`, which is
    /// being expanded: a ring, reported at both of its ends, each module
    /// named by the `source` that entered it.
    fn ring(&self, at: Span, at_ring: usize, source: &str) -> Diagnostic {
        let entered = |(_, call): &(String, Option<(String, Span)>)| {
            call.as_ref()
                .map_or("the stack", |(s, _)| s.as_str())
                .to_string()
        };
        let ring: Vec<String> = self.chain[at_ring..]
            .iter()
            .map(entered)
            .chain(std::iter::once(source.to_string()))
            .collect();
        let mut d = Diagnostic::new(
            Rule::ModuleCycle,
            format!("modules use each other in a ring: {}", ring.join(" -> ")),
        )
        .at(at, format!("`{source}` is already being expanded"));
        // The call that leads out of the ring's first module, unless the
        // module calls itself.
        if let Some((_, Some((_, first)))) = self.chain.get(at_ring + 1) {
            d = d.related(*first, "the ring starts here");
        }
        d.help("remove one call of the ring; put what both modules need in a third")
    }
}

/// Qualifies what a module's files declare with its path `namespace`:
/// resource names (and so every reference inside, which the resolver
/// reads in the module's namespace), moves, expectations, and outputs,
/// which become the module's interface. The module's `defaults` apply to
/// its own resources only.
pub(crate) fn qualify(stack: &mut StackSpec, namespace: &str, call: Span) {
    let module_prefix: String = namespace
        .split('.')
        .map(|m| format!("module.{m}."))
        .collect();
    let defaults = std::mem::take(&mut stack.defaults);
    macro_rules! qualify_names {
        (top_level { $([$kind:ident $singular:ident $plural:ident $($top:tt)*])* }
         inside_vpc { $($inside:tt)* }) => {
            $(for d in &mut stack.$plural {
                d.name.value = qualified(namespace, &d.name.value);
                for (k, v) in &defaults.tags {
                    d.tags.entry(k.clone()).or_insert_with(|| v.clone());
                }
            })*
        };
    }
    crate::for_each_kind!(qualify_names);
    if let Some(region) = &defaults.region {
        for a in stack.vpcs.iter_mut().filter_map(|d| d.attrs.as_mut()) {
            a.region.get_or_insert_with(|| region.clone());
        }
        for a in stack
            .transit_gateways
            .iter_mut()
            .filter_map(|d| d.attrs.as_mut())
        {
            a.region.get_or_insert_with(|| region.clone());
        }
        for a in stack
            .customer_gateways
            .iter_mut()
            .filter_map(|d| d.attrs.as_mut())
        {
            a.region.get_or_insert_with(|| region.clone());
        }
    }
    for w in &mut stack.broken_instances {
        if let Ok(a) = w.address.parse::<crate::Address>() {
            w.address = a.in_module(namespace).to_string();
        }
    }
    for m in &mut stack.moved {
        m.from.value = m.from.value.in_module(namespace);
        m.to.value = m.to.value.in_module(namespace);
    }
    for e in &mut stack.expectations {
        e.name.value = qualified(namespace, &e.name.value);
        if let Some(a) = &mut e.attrs {
            for end in [Some(&mut a.from), Some(&mut a.to), a.via.as_mut()]
                .into_iter()
                .flatten()
            {
                if !is_outside(&end.value) {
                    end.value = format!("{module_prefix}{}", end.value);
                }
            }
        }
    }
    for o in std::mem::take(&mut stack.outputs) {
        let Some(spec) = o.attrs else { continue };
        let mut value = spec.value;
        if reads_something(&value.value) {
            value.value = format!("{module_prefix}{}", value.value);
        }
        stack.module_outputs.push(ModuleOutput {
            module: namespace.to_string(),
            call,
            name: o.name,
            value,
        });
    }
}

/// Whether an expectation's end is outside every module: the internet,
/// an address or a block.
fn is_outside(end: &str) -> bool {
    end == "internet" || end.parse::<std::net::IpAddr>().is_ok() || end.contains('/')
}

/// Whether an output's value reads a resource's attribute or a module's
/// output (rather than being text).
pub fn reads_something(value: &str) -> bool {
    let Some((path, rest)) = split_module_path(value) else {
        return false;
    };
    if !path.is_empty() && !rest.contains('.') {
        return true; // `module.net.vpc_id`
    }
    rest.rsplit_once('.')
        .is_some_and(|(address, _)| address.parse::<crate::Address>().is_ok())
}
