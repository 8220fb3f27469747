//! For every rule: a folder under `tests/rules/` named after its code
//! (`SN003`, `EB002-2` for a rule's second case) with a stack that breaks it
//! (`fail.yaml`) and a near-miss that does not (`pass.yaml`), each added to
//! `tests/rules/base.yaml` unless the folder has a file `alone`. The
//! failing stack's findings of that rule are the folder's snapshot
//! (`findings.snap`: code, severity, resources, where and what the primary
//! label covers); the near-miss must give no finding of the rule and no
//! error of any rule. Cases run in-process through `skyplan_check`, one
//! test per case: `cargo test --test rules SN003`.

use std::path::{Path, PathBuf};

use skyplan_check::{Selection, check_stack};
use skyplan_diagnostics::{Diagnostic, FileId, Rule, Severity, SourceFiles};
use skyplan_spec::{ModuleReader, read_modules};

/// Rules no stack can trigger, with the test that covers them.
const NOT_REACHABLE_FROM_A_STACK: &[(&str, &str)] = &[
    (
        "EV001",
        "compares the environments of a stack, which one stack alone has not; covered by \
         tests/environments.rs (a failing pair of environments and a near-miss)",
    ),
    (
        "RF003",
        "every reference points from a later kind to an earlier one except security group rules, \
     which may form rings; covered by skyplan-model's graph tests",
    ),
];

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/rules")
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The stack of `file` in case folder `dir`: the base (unless `alone`),
/// then the case, in file-name order as `lint` reads a directory.
fn stack(dir: &Path, file: &str) -> (SourceFiles, Vec<FileId>) {
    let mut sources = SourceFiles::new();
    let mut files = Vec::new();
    if !dir.join("alone").exists() {
        files.push(sources.add("0-base.yaml", read(&root().join("base.yaml"))));
    }
    files.push(sources.add("case.yaml", read(&dir.join(file))));
    (sources, files)
}

fn lint(dir: &Path, file: &str, selection: &Selection) -> (SourceFiles, Vec<Diagnostic>) {
    let (mut sources, files) = stack(dir, file);
    let mut diagnostics = Vec::new();
    let modules = read_modules(
        &mut sources,
        &canonical(dir),
        &files,
        &mut CaseModules { dir },
        &mut diagnostics,
    );
    let checked = check_stack(
        &sources,
        &files,
        &modules,
        &Default::default(),
        diagnostics,
        selection,
    );
    (sources, checked.diagnostics)
}

fn canonical(dir: &Path) -> String {
    dir.canonicalize().unwrap().display().to_string()
}

/// A case's module folders (`modules: {net: {source: net}}` beside
/// `fail.yaml`), read as the CLI reads directories; their files are named
/// from the case folder.
struct CaseModules<'d> {
    dir: &'d Path,
}

impl ModuleReader for CaseModules<'_> {
    fn locate(
        &mut self,
        sources: &SourceFiles,
        caller: FileId,
        source: &str,
    ) -> Result<String, String> {
        let caller = Path::new(&sources.get(caller).name);
        let dir = self
            .dir
            .join(caller.parent().unwrap_or(Path::new("")))
            .join(source);
        match dir.canonicalize() {
            Ok(dir) if dir.is_dir() => Ok(dir.display().to_string()),
            _ => Err(format!("module source {source} is not a directory")),
        }
    }

    fn read(&mut self, sources: &mut SourceFiles, dir: &str) -> Result<Vec<FileId>, String> {
        let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
            .map_err(|e| e.to_string())?
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
            .collect();
        paths.sort();
        let case = self.dir.canonicalize().unwrap();
        Ok(paths
            .iter()
            .map(|p| {
                let name = p.strip_prefix(&case).unwrap().display().to_string();
                sources.add(name, read(p))
            })
            .collect())
    }
}

/// A finding as its snapshot shows it.
fn shown(sources: &SourceFiles, d: &Diagnostic) -> String {
    let mut out = format!(
        "{} {:?} [{}]\n  {}\n",
        d.rule.code(),
        d.severity,
        d.resources.join(", "),
        d.summary
    );
    if let Some(label) = &d.primary {
        let file = sources.get(label.span.file);
        let at = sources.start(label.span);
        let under = file
            .text
            .get(label.span.start as usize..label.span.end as usize)
            .unwrap_or("");
        out.push_str(&format!(
            "  at {}:{}:{} {under:?}: {}\n",
            file.name, at.line, at.column, label.message
        ));
    }
    out
}

fn run_case(name: &str) {
    let dir = root().join(name);
    let code = name.split('-').next().unwrap_or(name);
    let only = Selection {
        select: vec![code.to_string()],
        ..Selection::default()
    };
    let (sources, found) = lint(&dir, "fail.yaml", &only);
    let findings: Vec<String> = found
        .iter()
        .filter(|d| d.rule.code() == code)
        .map(|d| shown(&sources, d))
        .collect();
    assert!(
        !findings.is_empty(),
        "{name}: the failing stack gave no finding"
    );
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(&dir);
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    settings.bind(|| insta::assert_snapshot!("findings", findings.join("\n")));
    let (sources, found) = lint(&dir, "pass.yaml", &Selection::default());
    if let Some(d) = found
        .iter()
        .find(|d| d.rule.code() == code || d.severity == Severity::Error)
    {
        panic!("{name}: the near-miss was flagged:\n{}", shown(&sources, d));
    }
}

macro_rules! cases {
    ($($case:ident),* $(,)?) => {
        $(
            #[test]
            #[allow(non_snake_case)]
            fn $case() {
                run_case(&stringify!($case).replace('_', "-"));
            }
        )*

        /// Every case folder, by name.
        const CASES: &[&str] = &[$(stringify!($case)),*];
    };
}

cases! {
    AS001, AS002, AS003, AS004, AS005, AZ001, AZ001_2, AZ001_3, AZ002, AZ003, CD001, CD002, DB001, DB002, DB003,
    DB004, DB005, DB005_2, DB005_3, DB006, DB006_2, DB006_3, DB007, DB008, DB009, DB009_2, DX001, DX002, DX003, DX004, DX005, DX006, DX006_2,
    EB001, EB002, EB002_2, EB002_3, EB002_4, EB003, EB003_2, EB004, EB004_2, EB004_3, EB005,
    EB005_2, EB006, EB007, EC001, EC001_2, EC002, EC003, EC004, EC005, EC006, EC007, EC007_2,
    EC008, EC009, EC010, EC011, EC011_2, EC012, EC013, EC014, GW001, GW002, GW003, GW004, GW005,
    GW006, GW007, GW008, GW009, GW010, GW011, IP001, IP002, IP003, LB001, LB002, LB003, LB004,
    LB005, LB006, LB006_2, LB006_3, LB007, LB008, LB009, LB009_2, LB010, LB011, LB012, LB013, LB014, LB015, LB015_2, LB016, LB017, LB018, LB019, LB020, LB021, NA001, NA002,
    NA003, NA003_2, NA004, NA004_2, NA005, NA006, NA007, NA008, NA009, NA010, NA010_2, NA010_3,
    PC001, PC002, PC003, PC004, PC005, PL001, PL002, PL003, QT001, QT001_2, QT001_3, QT001_4,
    QT001_5, QT001_6, QT001_7, QT001_8, QT001_9, QT001_10, QT002, RC001, RC002, RC003, RF001, RF002, RT001,
    RT002, RT003, RT004, RT005, RT005_2, RT005_3, RT006, RT007, RT008, RT009, RT009_2, RT010, RT011, RT012, RT012_2,
    RT013, RT014, RT015, SG001, SG002, SG002_2, SG003, SG004, SG005, SG005_2, SG006, SG007,
    SG007_2, SG008, SG009, SG010, SG010_2, SG010_3, SG011, SG012, SG013, SG014, SG014_2, SG015,
    SG016, SN001, SN002, SN003, SN004, SN005, SN006, SN007, SN008, SN009, SN010, SP001, SP002,
    SP003, SP004, SP005, SP006, SP007, SP008, SP009, SP010, SP011, SP012, SP013, SP014, SP015, SP016, SP017, SP018, SP019, SP020, SP021, SP022, SP023, TG001, TG002, TW001, TW002, TW002_2, TW003, TW003_2, TW004, TW005, TW006, TW006_2, TW007, TW007_2, TW008, TW009, TW010, TW011, TW012, TW013, VG001, VG002, VG003, VG004, VG005, VG006, VG006_2, VG007, VG008, VG009,
    VE001, VE002, VE003, VE004, VE005, VE006, VE007, VE008, VE009, VE010, VP001, VP002, VP003,
    VP004, VP004_2, VP004_3, VP005, VP006, VP007, VP008, VP009, VP010, VP011, VP012, VP013,
    VP013_2, VP014, VP014_2, VP015, VP016, VP016_2, VP017,
}

/// The folders and the list above agree, and every rule has a case.
#[test]
fn every_rule_has_a_case_and_every_case_a_test() {
    let mut folders: Vec<String> = std::fs::read_dir(root())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().replace('-', "_"))
        .collect();
    folders.sort();
    let mut listed: Vec<String> = CASES.iter().map(|c| c.to_string()).collect();
    listed.sort();
    assert_eq!(
        folders, listed,
        "a case folder without its line in `cases!`, or the reverse"
    );
    let missing: Vec<&str> = Rule::ALL
        .iter()
        .map(|r| r.code())
        .filter(|code| !CASES.iter().any(|c| c.split('_').next() == Some(*code)))
        .filter(|code| !NOT_REACHABLE_FROM_A_STACK.iter().any(|(c, _)| c == code))
        .collect();
    assert!(missing.is_empty(), "rules without a case: {missing:?}");
}

/// One mistake, one finding: a route table left out by a reference that
/// does not resolve may be the one that associates an attachment, so the
/// attachment is not also called unassociated (TW009).
#[test]
fn a_table_with_a_broken_reference_hides_no_association() {
    let case = read(&root().join("TW009/fail.yaml"));
    let broken = case.replace("propagations: [app, data]", "propagations: [app, dta]");
    assert_ne!(broken, case);
    let found = lint_alone(broken);
    let codes: Vec<&str> = found.iter().map(|d| d.rule.code()).collect();
    assert!(codes.contains(&"RF001"), "{codes:?}");
    assert!(!codes.contains(&"TW009"), "{codes:?}");
}

/// Every finding of the one-file stack `text`, without the base.
fn lint_alone(text: String) -> Vec<Diagnostic> {
    let mut sources = SourceFiles::new();
    let files = vec![sources.add("case.yaml", text)];
    let selection = Selection::default();
    check_stack(
        &sources,
        &files,
        &Default::default(),
        &Default::default(),
        Vec::new(),
        &selection,
    )
    .diagnostics
}

/// The QT001 findings of `stack` that name `quota`.
fn quota_findings(stack: String, quota: &str) -> Vec<String> {
    (lint_alone(stack).iter())
        .filter(|d| d.rule.code() == "QT001" && d.summary.contains(quota))
        .map(|d| d.summary.clone())
        .collect()
}

/// A transit gateway's attachments count VPN connections too: 5,000 is
/// the quota, the 5,001st is refused.
#[test]
fn a_transit_gateway_holds_at_most_5000_attachments() {
    let stack = |n: usize| {
        let mut s = String::from(
            "defaults: {region: eu-west-1}\ntransit_gateways:\n  hub: {}\ncustomer_gateways:\n  office: {ip_address: 198.51.100.10, bgp_asn: 65010}\nvpn_connections:\n",
        );
        for i in 0..n {
            s.push_str(&format!(
                "  v{i}: {{customer_gateway: office, transit_gateway: hub}}\n"
            ));
        }
        s
    };
    let quota = "attachments per transit gateway";
    assert_eq!(quota_findings(stack(5_000), quota), Vec::<String>::new());
    assert_eq!(
        quota_findings(stack(5_001), quota),
        [
            "transit_gateway.hub has 5001, over the default quota of 5000 attachments per transit gateway"
        ]
    );
}

/// Static and propagated routes of all of a gateway's tables count
/// together: 10,000 is the quota.
#[test]
fn a_transit_gateway_holds_at_most_10000_routes() {
    let stack = |statics: usize| {
        let mut s = String::from(
            "defaults: {region: eu-west-1}\ntransit_gateways:\n  hub: {default_route_table_association: false, default_route_table_propagation: false}\nvpcs:\n  app: {cidr: 10.1.0.0/16, secondary_cidrs: [10.2.0.0/16]}\nsubnets:\n  a: {vpc: app, cidr: 10.1.0.0/28, az: eu-west-1a}\ntransit_gateway_attachments:\n  app: {transit_gateway: hub, vpc: app, subnets: [a]}\ntransit_gateway_route_tables:\n  t: {transit_gateway: hub, associations: [app], propagations: [app]}\n  u:\n    transit_gateway: hub\n    routes:\n",
        );
        for i in 0..statics {
            s.push_str(&format!(
                "      - {{destination: 172.{}.{}.0/24, blackhole: true}}\n",
                16 + i / 256,
                i % 256
            ));
        }
        s
    };
    let quota = "routes across the route tables";
    // The propagation brings the VPC's two blocks.
    assert_eq!(quota_findings(stack(9_998), quota), Vec::<String>::new());
    assert_eq!(
        quota_findings(stack(9_999), quota),
        [
            "transit_gateway.hub has 10001 routes across its route tables; the default quota is 10000 routes across the route tables of a transit gateway"
        ]
    );
}
