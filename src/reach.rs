//! `skyplan reach` (one reachability question, answered hop by hop) and
//! `skyplan exposure` (what the whole internet reaches).

use std::fmt::Write as _;

use serde::Serialize;
use skyplan_diagnostics::{SourceFiles, Span};
use skyplan_reach::{
    AddressError, Addresses, Check, Endpoint, Hop, Outcome, Protocol, Query, Verdict,
};

use crate::cli::{ExposureArgs, ReachArgs, ReachFormat, StackArgs};
use crate::stacks;
use crate::terminal::{Paint, escape_line};
use crate::workflow::{
    Gate, ValidStack, load_checked_then, open_state_files, parse_state, read_lock, state_path,
};
use crate::{Fatal, Ui, emit, note};
use skyplan_state::{Built, State};

/// Exit status of a blocked path (the contract's).
const BLOCKED: u8 = 3;
/// Exit status of a path skyplan does not evaluate: neither answer.
const UNKNOWN: u8 = 4;
/// Exit status of a question that names nothing.
const USAGE: u8 = 2;

/// The network a question is about.
enum Network {
    /// The state is what the last whole apply of this very spec made it:
    /// the network as built, no plan needed (and only the part of the
    /// state a question reads).
    Built(Built),
    /// What applying the spec to the state (or to nothing) would build.
    Planned(Option<State>),
}

/// The addresses hosts have once the stack is applied: as built, else
/// from a simulated apply of its plan.
fn addresses(stack: &ValidStack, network: &Network) -> Result<Addresses, AddressError> {
    match network {
        Network::Built(built) => Ok(Addresses::as_built(&stack.model, built)),
        Network::Planned(state) => Addresses::after_apply(&stack.model, state.as_ref()),
    }
}

/// The stack (whose failing expectations do not stop a question: they are
/// what one asks about) and its network, the state read under its shared
/// lock. The two are independent: the state is read and its built part
/// parsed while the stack resolves and is checked, on one thread, after
/// its files are loaded on all of them (of a 100,000-resource state, in a
/// third to a sixth of the time its whole takes). The whole state is
/// parsed only when the stack is not what it was applied from. The
/// stack's errors come first.
fn load_question(at: &StackArgs, ui: Ui, json: bool) -> Result<(ValidStack, Network), Fatal> {
    let dir = stacks::stack_dir(at.stack.as_deref()).map_err(Fatal::usage)?;
    let path = state_path(&dir, at.state.as_deref(), ui)?;
    let (loaded, files_loaded) = std::sync::mpsc::channel::<()>();
    let (stack, read) = std::thread::scope(|scope| {
        let path = &path;
        let reader = scope.spawn(move || {
            // Told, or the load stopped before (its sender dropped).
            let _ = files_loaded.recv();
            let _lock = read_lock(path)?;
            let files = open_state_files(path)?;
            let built = files.built();
            Ok::<_, Fatal>((files, built))
        });
        let stack = load_checked_then(
            at.stack.as_deref(),
            ui,
            json,
            Gate::WithoutReachability,
            move || {
                let _ = loaded.send(());
            },
        );
        let read = reader
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (stack, read)
    });
    let (mut stack, (files, built)) = (stack?, read?);
    let network = match built {
        Some(b) if b.applied_spec.as_deref() == Some(stack.digest.as_str()) => Network::Built(b),
        _ => Network::Planned(parse_state(&path, files)?),
    };
    // Default groups and ACLs the spec no longer takes over keep the rules
    // they were given: the built network answers with those.
    let released = match &network {
        Network::Built(b) => &b.released[..],
        Network::Planned(state) => state.as_ref().map_or(&[][..], |s| &s.released[..]),
    };
    skyplan_reach::add_released(&mut stack.model, released);
    Ok((stack, network))
}

pub fn run_reach(args: &ReachArgs, ui: Ui) -> Result<u8, Fatal> {
    let json = args.format == ReachFormat::Json;
    let (stack, network) = load_question(&args.at, ui, json)?;
    let m = &stack.model;
    let Some(protocol) = Protocol::parse(&args.protocol) else {
        note(&format!(
            "error: --protocol {}: use tcp, udp or icmp",
            escape_line(&args.protocol)
        ));
        return Ok(USAGE);
    };
    let port = match (protocol, args.port) {
        (Protocol::Icmp, None) => 0,
        (Protocol::Icmp, Some(_)) => {
            note("error: --port does not apply to icmp (echo request)");
            return Ok(USAGE);
        }
        (Protocol::Tcp | Protocol::Udp, Some(p)) => p,
        (Protocol::Tcp | Protocol::Udp, None) => {
            note("error: --port is required for tcp and udp");
            return Ok(USAGE);
        }
    };
    let endpoints = |flag: &str, text: &str| {
        Endpoint::parse_all(m, text).map_err(|e| {
            format!(
                "error: --{flag} {}: {}",
                escape_line(text),
                escape_line(&e.0)
            )
        })
    };
    let (froms, tos) = match (endpoints("from", &args.from), endpoints("to", &args.to)) {
        (Ok(from), Ok(to)) => (from, to),
        (Err(e), _) | (_, Err(e)) => {
            note(&e);
            return Ok(USAGE);
        }
    };
    let addresses = addresses(&stack, &network)
        .map_err(|e| Fatal::refused(format!("cannot work out the instances' addresses: {e}")))?;
    // A counted name or an auto scaling group means every copy, as in
    // expectations: one answer per pair.
    let answers: Vec<(Endpoint, Endpoint, Verdict)> = froms
        .iter()
        .flat_map(|&from| tos.iter().map(move |&to| (from, to)))
        .map(|(from, to)| {
            let query = Query {
                from,
                to,
                protocol,
                port,
            };
            (from, to, skyplan_reach::reach(m, &addresses, &query))
        })
        .collect();
    let question = Question {
        from: &args.from,
        to: &args.to,
        protocol,
        port,
    };
    let paint = Paint { on: ui.color };
    let sources = stack.sources();
    let outcome = overall(answers.iter().map(|(_, _, v)| v.outcome()));
    emit(&match (answers.as_slice(), json) {
        ([(_, _, v)], true) => to_json(&question, v, sources),
        ([(_, _, v)], false) => text(&question, v, sources, paint),
        (_, true) => many_to_json(m, &question, &answers, outcome, sources),
        (_, false) => many_text(m, &question, &answers, outcome, sources, paint),
    });
    drop(answers);
    crate::discard((stack, network, addresses));
    Ok(match outcome {
        Outcome::Reachable => 0,
        Outcome::Blocked => BLOCKED,
        Outcome::Unknown => UNKNOWN,
    })
}

/// Of several answers: blocked if any is, else unknown if any is.
fn overall(outcomes: impl Iterator<Item = Outcome>) -> Outcome {
    outcomes.fold(Outcome::Reachable, |acc, o| match (acc, o) {
        (Outcome::Blocked, _) | (_, Outcome::Blocked) => Outcome::Blocked,
        (Outcome::Unknown, _) | (_, Outcome::Unknown) => Outcome::Unknown,
        (Outcome::Reachable, Outcome::Reachable) => Outcome::Reachable,
    })
}

/// As the user writes it: `internet` for the whole internet.
fn endpoint_name(m: &skyplan_model::Model, e: Endpoint) -> String {
    match e {
        Endpoint::Internet(b) if b.prefix_len() == 0 => "internet".into(),
        named => named.address(m),
    }
}

/// A summary line, then the full answer of every copy that is not
/// reachable (or of the first, when all are).
fn many_text(
    m: &skyplan_model::Model,
    q: &Question,
    answers: &[(Endpoint, Endpoint, Verdict)],
    outcome: Outcome,
    sources: &SourceFiles,
    paint: Paint,
) -> String {
    let count = |o: Outcome| answers.iter().filter(|(_, _, v)| v.outcome() == o).count();
    let mut out = format!(
        "{} -> {} ({}): {} pairs: {} reachable, {} blocked, {} unknown\n",
        escape_line(q.from),
        escape_line(q.to),
        q.traffic(),
        answers.len(),
        count(Outcome::Reachable),
        count(Outcome::Blocked),
        count(Outcome::Unknown)
    );
    let shown: Vec<&(Endpoint, Endpoint, Verdict)> = match outcome {
        Outcome::Reachable => answers.iter().take(1).collect(),
        Outcome::Blocked | Outcome::Unknown => answers
            .iter()
            .filter(|(_, _, v)| v.outcome() != Outcome::Reachable)
            .collect(),
    };
    for (from, to, v) in shown {
        let (from, to) = (endpoint_name(m, *from), endpoint_name(m, *to));
        let one = Question {
            from: &from,
            to: &to,
            protocol: q.protocol,
            port: q.port,
        };
        out.push('\n');
        out.push_str(&text(&one, v, sources, paint));
    }
    out
}

#[derive(Serialize)]
struct JsonAnswers<'a> {
    from: &'a str,
    to: &'a str,
    protocol: &'static str,
    port: Option<u16>,
    verdict: &'static str,
    answers: Vec<JsonVerdict<'a>>,
}

fn many_to_json(
    m: &skyplan_model::Model,
    q: &Question,
    answers: &[(Endpoint, Endpoint, Verdict)],
    outcome: Outcome,
    sources: &SourceFiles,
) -> String {
    let names: Vec<(String, String)> = answers
        .iter()
        .map(|(from, to, _)| (endpoint_name(m, *from), endpoint_name(m, *to)))
        .collect();
    let out = JsonAnswers {
        from: q.from,
        to: q.to,
        protocol: q.protocol.as_str(),
        port: (q.protocol != Protocol::Icmp).then_some(q.port),
        verdict: outcome.as_str(),
        answers: answers
            .iter()
            .zip(&names)
            .map(|((_, _, v), (from, to))| json_verdict(from, to, q, v, sources))
            .collect(),
    };
    serde_json::to_string_pretty(&out).unwrap_or_default() + "\n"
}

/// The question as asked.
struct Question<'a> {
    from: &'a str,
    to: &'a str,
    protocol: Protocol,
    port: u16,
}

impl Question<'_> {
    fn traffic(&self) -> String {
        match self.protocol {
            Protocol::Icmp => "icmp echo".into(),
            Protocol::Tcp | Protocol::Udp => format!("{} {}", self.protocol.as_str(), self.port),
        }
    }
}

fn location(sources: &SourceFiles, span: Span) -> (String, u32, u32) {
    let file = sources.get(span.file);
    let p = file.position(span.start);
    (file.name.clone(), p.line, p.column)
}

fn hop_lines(out: &mut String, hops: &[Hop], sources: &SourceFiles, paint: Paint) {
    let width = hops
        .iter()
        .map(|h| h.resource.len())
        .max()
        .unwrap_or(0)
        .min(40);
    for h in hops {
        let blocks = !h.allows();
        let mark = if blocks {
            paint.red("✗")
        } else {
            paint.green("✓")
        };
        let check = serde_json::to_value(h.check)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "  {mark} {:width$}  {check:<16} {}",
            escape_line(&h.resource),
            escape_line(&h.rule)
        );
        if let Some(span) = h.span.filter(|_| blocks) {
            let (file, line, column) = location(sources, span);
            let _ = writeln!(out, "      at {}:{line}:{column}", escape_line(&file));
        }
    }
}

fn text(q: &Question, v: &Verdict, sources: &SourceFiles, paint: Paint) -> String {
    let outcome = v.outcome();
    let verdict = match outcome {
        Outcome::Reachable => paint.green("reachable"),
        Outcome::Blocked => paint.red("blocked"),
        Outcome::Unknown => paint.yellow("unknown"),
    };
    let mut out = format!(
        "{} -> {} ({}): {verdict}",
        escape_line(q.from),
        escape_line(q.to),
        q.traffic()
    );
    match v.client {
        Some(client) if v.reachable => {
            let _ = write!(out, " (for a client at {client})");
        }
        Some(client) => {
            let _ = write!(
                out,
                " (for every client address; the path of {client} is shown)"
            );
        }
        None => {}
    }
    out.push_str("\n\nForward:\n");
    hop_lines(&mut out, &v.forward, sources, paint);
    if !v.reply.is_empty() {
        out.push_str("Reply:\n");
        hop_lines(&mut out, &v.reply, sources, paint);
    }
    let blocking = v.blocking().count();
    if blocking > 1 {
        let _ = write!(out, "\n{blocking} hops block it: fix every one.\n");
    }
    if outcome == Outcome::Unknown {
        out.push_str("\nskyplan does not evaluate the last hop, so it cannot say whether the path is open.\n");
    } else if let Some(fix) = &v.fix {
        let _ = writeln!(out, "\nTo let it through: {}", escape_line(fix));
    }
    out
}

#[derive(Serialize)]
struct JsonSpan {
    file: String,
    line: u32,
    column: u32,
}

#[derive(Serialize)]
struct JsonHop<'a> {
    #[serde(flatten)]
    hop: &'a Hop,
    span: Option<JsonSpan>,
}

#[derive(Serialize)]
struct JsonVerdict<'a> {
    from: &'a str,
    to: &'a str,
    protocol: &'static str,
    port: Option<u16>,
    verdict: &'static str,
    client: Option<String>,
    forward: Vec<JsonHop<'a>>,
    reply: Vec<JsonHop<'a>>,
    blocked_at: Option<JsonHop<'a>>,
    fix: Option<&'a str>,
}

fn json_hop<'a>(h: &'a Hop, sources: &SourceFiles) -> JsonHop<'a> {
    JsonHop {
        span: h.span.map(|s| {
            let (file, line, column) = location(sources, s);
            JsonSpan { file, line, column }
        }),
        hop: h,
    }
}

fn to_json(q: &Question, v: &Verdict, sources: &SourceFiles) -> String {
    serde_json::to_string_pretty(&json_verdict(q.from, q.to, q, v, sources)).unwrap_or_default()
        + "\n"
}

fn json_verdict<'a>(
    from: &'a str,
    to: &'a str,
    q: &Question,
    v: &'a Verdict,
    sources: &SourceFiles,
) -> JsonVerdict<'a> {
    let hop = |h| json_hop(h, sources);
    JsonVerdict {
        from,
        to,
        protocol: q.protocol.as_str(),
        port: (q.protocol != Protocol::Icmp).then_some(q.port),
        verdict: v.outcome().as_str(),
        client: v.client.map(|c| c.to_string()),
        forward: v.forward.iter().map(hop).collect(),
        reply: v.reply.iter().map(hop).collect(),
        blocked_at: v.blocked_at().map(hop),
        fix: v.fix.as_deref(),
    }
}

/// The hops that decide a path, as one line: the group rule, the ACL
/// entries of the stack's ACLs, the route back (`--format json` has all).
fn path_line(v: &Verdict) -> String {
    v.forward
        .iter()
        .chain(&v.reply)
        .filter(|h| match h.check {
            Check::SecurityGroupIngress | Check::Route => true,
            Check::NaclInbound | Check::NaclOutbound => !h.resource.contains(' '),
            _ => false,
        })
        .map(|h| format!("{}: {}", h.resource, h.rule))
        .collect::<Vec<_>>()
        .join("; ")
}

fn ports_text(o: &skyplan_reach::Opening) -> String {
    match o.protocol {
        Protocol::Icmp => "icmp echo".into(),
        Protocol::Tcp | Protocol::Udp if o.ports.0 == o.ports.1 => {
            format!("{} {}", o.protocol.as_str(), o.ports.0)
        }
        Protocol::Tcp | Protocol::Udp => {
            format!("{} {}-{}", o.protocol.as_str(), o.ports.0, o.ports.1)
        }
    }
}

/// "0.0.0.0/0 except …", for a whole-internet opening some blocks do not get.
fn except_text(o: &skyplan_reach::Opening) -> String {
    o.path
        .except_text()
        .map_or_else(String::new, |e| format!(" (from 0.0.0.0/0 except {e})"))
}

#[derive(Serialize)]
struct JsonOpening<'a> {
    protocol: &'static str,
    ports: Option<String>,
    /// Client blocks that do not get through (the rest of the internet does).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    except: Vec<String>,
    forward: Vec<JsonHop<'a>>,
    reply: Vec<JsonHop<'a>>,
}

#[derive(Serialize)]
struct JsonExposure<'a> {
    /// The exposed instance or load balancer (the contract's name).
    instance: &'a str,
    public_address: Option<String>,
    open: Vec<JsonOpening<'a>>,
    /// For a load balancer: the instances it forwards the internet to.
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    behind: &'a [String],
}

/// The public address of an exposed host, when apply gives it one.
fn public_of(addresses: &Addresses, x: &skyplan_reach::Exposure) -> Option<std::net::Ipv4Addr> {
    match x.endpoint {
        skyplan_reach::Endpoint::Host(h) => addresses.public(h),
        // RDS does not say a database's addresses; its endpoint is a name.
        skyplan_reach::Endpoint::LoadBalancer(_)
        | skyplan_reach::Endpoint::Database(_)
        | skyplan_reach::Endpoint::Internet(_)
        | skyplan_reach::Endpoint::Site(_)
        | skyplan_reach::Endpoint::DirectConnect(_) => None,
    }
}

pub fn run_exposure(args: &ExposureArgs, ui: Ui) -> Result<u8, Fatal> {
    let json = args.format == ReachFormat::Json;
    let (stack, network) = load_question(&args.at, ui, json)?;
    let m = &stack.model;
    // The addresses apply gives (a load balancer's path to its targets
    // needs private ones). A plan the stack cannot make falls back to the
    // ones an apply from nothing gives, which never fails.
    let addresses = addresses(&stack, &network)
        .or_else(|_| Addresses::after_apply(m, None))
        .unwrap_or_else(|_| Addresses::unknown(m));
    let exposed = skyplan_reach::exposure(m, &addresses);
    show_exposure(&exposed, &addresses, stack.sources(), json, ui);
    drop(exposed);
    crate::discard((stack, network, addresses));
    Ok(0)
}

/// What the internet reaches, as text or JSON.
fn show_exposure(
    exposed: &[skyplan_reach::Exposure],
    addresses: &Addresses,
    sources: &SourceFiles,
    json: bool,
    ui: Ui,
) {
    if json {
        let list: Vec<JsonExposure> = exposed
            .iter()
            .map(|x| JsonExposure {
                instance: &x.address,
                public_address: public_of(addresses, x).map(|a| a.to_string()),
                behind: &x.behind,
                open: x
                    .open
                    .iter()
                    .map(|o| JsonOpening {
                        protocol: o.protocol.as_str(),
                        ports: (o.protocol != Protocol::Icmp).then(|| {
                            if o.ports.0 == o.ports.1 {
                                o.ports.0.to_string()
                            } else {
                                format!("{}-{}", o.ports.0, o.ports.1)
                            }
                        }),
                        except: o.path.except.iter().map(ToString::to_string).collect(),
                        forward: o
                            .path
                            .forward
                            .iter()
                            .map(|h| json_hop(h, sources))
                            .collect(),
                        reply: o.path.reply.iter().map(|h| json_hop(h, sources)).collect(),
                    })
                    .collect(),
            })
            .collect();
        emit(&(serde_json::to_string_pretty(&list).unwrap_or_default() + "\n"));
        return;
    }
    if exposed.is_empty() {
        emit("No instance or load balancer can be reached from the internet at large.\n");
        return;
    }
    let mut out = String::new();
    for x in exposed {
        let public = public_of(addresses, x).map_or_else(String::new, |a| format!(" ({a})"));
        let _ = writeln!(out, "{}{public}", paint_bold(ui, &x.address));
        if !x.behind.is_empty() {
            let _ = writeln!(out, "  forwards to {}", escape_line(&x.behind.join(", ")));
        }
        for o in &x.open {
            let _ = writeln!(
                out,
                "  {:<16} {}{}",
                ports_text(o),
                escape_line(&path_line(&o.path)),
                except_text(o)
            );
        }
    }
    emit(&out);
}

fn paint_bold(ui: Ui, text: &str) -> String {
    Paint { on: ui.color }.bold(&escape_line(text))
}
