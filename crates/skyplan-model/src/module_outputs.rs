//! References into a module through its outputs: `vpc: module.net.vpc`
//! names the resource whose id the module's output `vpc` reads
//! (`{value: vpc.main.id}`), and an output `{value: module.net.vpc_id}`
//! shows what the module's output shows.

use foldhash::HashMap;
use skyplan_diagnostics::{Diagnostic, Rule, Span};
use skyplan_spec::{Address, ModuleOutput, qualified, split_module_path};

/// How many outputs of outputs a reference follows before it gives up
/// (modules nest at most `skyplan_spec::modules::MAX_DEPTH` deep).
const MAX_HOPS: usize = skyplan_spec::modules::MAX_DEPTH + 1;

/// What a module's output reads, in the end.
pub(crate) enum Followed<'o> {
    /// `attribute` of the resource at `address` (qualified).
    Attribute {
        address: Address,
        attribute: &'o str,
    },
    /// Text, as the module's variables made it.
    Text(&'o str),
}

/// The outputs of every module of the stack, by module path and name.
#[derive(Default)]
pub(crate) struct ModuleOutputs {
    by_name: HashMap<(String, String), ModuleOutput>,
    /// Each module's outputs' names, sorted (for the help of a miss).
    names: HashMap<String, Vec<String>>,
}

/// Whether `text` is a module's output (`module.net.vpc_id`), not a
/// resource's attribute (`module.net.vpc.main.id`).
pub(crate) fn is_output_reference(text: &str) -> bool {
    split_module_path(text).is_some_and(|(path, rest)| !path.is_empty() && !rest.contains('.'))
}

impl ModuleOutputs {
    pub(crate) fn new(outputs: Vec<ModuleOutput>) -> ModuleOutputs {
        let mut table = ModuleOutputs::default();
        for o in outputs {
            let names = table.names.entry(o.module.clone()).or_default();
            names.push(o.name.value.clone());
            table
                .by_name
                .insert((o.module.clone(), o.name.value.clone()), o);
        }
        for names in table.names.values_mut() {
            names.sort_unstable();
        }
        table
    }

    /// Follows `text` (`module.X.OUT`, written inside module `namespace`,
    /// empty at the top, at `at`) through outputs of outputs to what it
    /// reads.
    pub(crate) fn follow<'o>(
        &'o self,
        namespace: &str,
        text: &str,
        at: Span,
    ) -> Result<Followed<'o>, Box<Diagnostic>> {
        let mut namespace = namespace.to_string();
        let mut text = text.to_string();
        for _ in 0..MAX_HOPS {
            let (path, name) = split_module_path(&text)
                .filter(|(path, rest)| !path.is_empty() && !rest.contains('.'))
                .map(|(path, rest)| (qualified(&namespace, &path), rest.to_string()))
                .ok_or_else(|| Box::new(not_an_output(&text, at)))?;
            let Some(output) = self.by_name.get(&(path.clone(), name.clone())) else {
                return Err(Box::new(self.missing(&text, &path, &name, at)));
            };
            let value = output.value.value.as_str();
            if is_output_reference(value) {
                // Qualified already: read from the top.
                namespace.clear();
                text = value.to_string();
                continue;
            }
            let read = value
                .rsplit_once('.')
                .and_then(|(address, attribute)| Some((address.parse().ok()?, attribute)));
            return Ok(match read {
                Some((address, attribute)) => Followed::Attribute { address, attribute },
                None => Followed::Text(value),
            });
        }
        Err(Box::new(
            Diagnostic::new(
                Rule::UnknownReference,
                format!("`{text}` is an output of an output more than {MAX_HOPS} times over"),
            )
            .at(at, "too deep"),
        ))
    }

    /// `module.X.OUT` names no output: the module is not called, or has
    /// no such output; reported at the reference and at the call.
    fn missing(&self, text: &str, module: &str, name: &str, at: Span) -> Diagnostic {
        let shown_module = module_address(module);
        let Some(names) = self.names.get(module) else {
            return Diagnostic::new(
                Rule::UnknownReference,
                format!(
                    "`{text}` reads {shown_module}, which the stack does not use or which has no outputs"
                ),
            )
            .at(at, format!("no output `{name}`"))
            .help("declare the module under `modules:`, and the value under its `outputs:`");
        };
        let call = self
            .by_name
            .iter()
            .find(|((m, _), _)| m == module)
            .map(|(_, o)| o.call);
        let mut d = Diagnostic::new(
            Rule::UnknownReference,
            format!("{shown_module} has no output `{name}`"),
        )
        .at(at, format!("no output `{name}`"));
        if let Some(call) = call {
            d = d.related(call, "the module is used here");
        }
        d.help(format!(
            "its outputs: {}; or declare `{name}` under the module's `outputs:`",
            names
                .iter()
                .map(|n| format!("`{n}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ))
    }
}

/// `module.net.module.inner` for the path `net.inner`.
fn module_address(path: &str) -> String {
    path.split('.')
        .map(|m| format!("module.{m}"))
        .collect::<Vec<_>>()
        .join(".")
}

fn not_an_output(text: &str, at: Span) -> Diagnostic {
    Diagnostic::new(
        Rule::UnknownReference,
        format!("`{text}` is not a module's output (`module.NAME.OUTPUT`)"),
    )
    .at(at, "not an output")
}
