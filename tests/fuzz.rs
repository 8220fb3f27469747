//! A mutation fuzzer over the shipped stacks: thousands of broken variants
//! (lines deleted, doubled, swapped, cut short; YAML punctuation, anchors,
//! tags, escapes, huge numbers and bad blocks inserted; bytes flipped),
//! linted in text and JSON by the real binary under a 1 GiB address-space
//! limit. No run may panic, die on a signal, exceed the limit or take more
//! than 5 s. Cases are checked in batches (one stack directory each); a
//! failing batch is re-run case by case to name the culprit, whose files
//! are kept under the target directory.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::*;

const CASES: usize = 2_400;
const BATCH: usize = 60;
const LIMIT_KIB: u64 = 1 << 20;
const CASE_SECONDS: u64 = 5;
/// Fixed, so a failure reproduces.
const SEED: u64 = 0x5EED_5C71_2026_1125;

/// xorshift64*: a deterministic stream, so a failure reproduces.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Text that breaks YAML, the decoder, the checks or the terminal.
const TOKENS: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    ": ",
    "- ",
    "&a ",
    "*a ",
    "<<: *a\n",
    "!!binary ",
    "!!str ",
    "? ",
    "|\n",
    ">-\n",
    "\t",
    "\r",
    "\r\n",
    "\x1b[2J",
    "\x1b]8;;x\x07",
    "\u{202E}",
    "\u{0}",
    "#",
    "'",
    "\"",
    "null",
    "~",
    "-1",
    "0",
    "65536",
    "99999999999999999999",
    "1e400",
    "0x1F",
    "0.0.0.0/0",
    "::/0",
    "10.0.0.0/33",
    "10.0.0.7/24",
    "300.1.1.1/8",
    "count: 0\n",
    "count: 100000\n",
    "yes",
    "on",
    "ami-XYZ",
    "t3.micro",
    "eu-west-1z",
    "vpc: main\n",
    "protocol: all\n",
    "ports: 0-65535\n",
    "ports: 65535-0\n",
    "subnets: [a, a, a]\n",
    "---\n",
    "...\n",
    "%YAML 1.2\n",
    "\u{FEFF}",
    // v2 and v3: policies, IPv6, listeners, partitions, scaling.
    "Effect: Deny\n",
    "Statement: {}\n",
    "policy: [1]\n",
    "1: x\n",
    "ipv6_index: 300\n",
    "ipv6: true\n",
    "2001:db8::/56",
    "2001:db8::/129",
    "assign_ipv6_on_creation: true\n",
    "listeners: []\n",
    "port: 0\n",
    "protocol: TLS\n",
    "certificate: arn:aws-cn:acm:cn-north-1:1:certificate/x\n",
    "type: network\n",
    "desired: -1\n",
    "max: 0\n",
    "cn-north-1",
];

fn mutate(rng: &mut Rng, text: &str) -> String {
    let mut lines: Vec<String> = text.split_inclusive('\n').map(str::to_string).collect();
    if lines.is_empty() {
        lines.push(String::new());
    }
    for _ in 0..1 + rng.below(3) {
        let n = lines.len();
        let i = rng.below(n);
        match rng.below(8) {
            0 if n > 1 => {
                lines.remove(i);
            }
            1 => {
                let copy = lines[i].clone();
                lines.insert(i, copy);
            }
            2 => lines.swap(i, rng.below(n)),
            3 => {
                let cut = rng.below(lines[i].len() + 1);
                let cut = (0..=cut)
                    .rev()
                    .find(|c| lines[i].is_char_boundary(*c))
                    .unwrap_or(0);
                lines[i].truncate(cut);
            }
            4 => {
                let long = "x".repeat(1 + rng.below(100_000));
                lines[i].push_str(&long);
            }
            5 => {
                // Deep nesting.
                let depth = 1 + rng.below(200);
                lines[i] = format!("{}{}\n", "[".repeat(depth), "]".repeat(depth));
            }
            _ => {
                let token = TOKENS[rng.below(TOKENS.len())];
                let at = rng.below(lines[i].len() + 1);
                let at = (0..=at)
                    .rev()
                    .find(|c| lines[i].is_char_boundary(*c))
                    .unwrap_or(0);
                lines[i].insert_str(at, token);
            }
        }
    }
    lines.concat()
}

fn seeds() -> Vec<Vec<(String, String)>> {
    shipped_stacks()
        .iter()
        .map(|name| {
            let dir = repo().join("specs").join(name);
            let mut files: Vec<(String, String)> = std::fs::read_dir(&dir)
                .unwrap()
                .map(|e| e.unwrap().path())
                .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
                .map(|p| {
                    (
                        p.file_name().unwrap().to_string_lossy().into_owned(),
                        std::fs::read_to_string(&p).unwrap(),
                    )
                })
                .collect();
            files.sort();
            files
        })
        .collect()
}

/// What one run did wrong, if anything.
fn run_checked(dir: &Path, format: &str, seconds: u64) -> Option<String> {
    let script =
        format!("ulimit -v {LIMIT_KIB}; exec \"$0\" lint --color never --format {format} \"$1\"");
    let mut child = Command::new("sh")
        .args(["-c", &script, env!("CARGO_BIN_EXE_skyplan")])
        .arg(dir)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait().expect("wait") {
            let mut err = String::new();
            if let Some(mut e) = child.stderr.take() {
                let _ = std::io::Read::read_to_string(&mut e, &mut err);
            }
            return match status.code() {
                Some(0..=2) => None,
                other => Some(format!("{format}: exit {other:?} ({status}): {err}")),
            };
        }
        if started.elapsed() > Duration::from_secs(seconds) {
            let _ = child.kill();
            let _ = child.wait();
            return Some(format!("{format}: still running after {seconds} s"));
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}

fn problems(dir: &Path, seconds: u64) -> Vec<String> {
    ["text", "json"]
        .iter()
        .filter_map(|f| run_checked(dir, f, seconds))
        .collect()
}

#[test]
fn mutated_shipped_stacks_never_panic_hang_or_blow_up() {
    let seeds = seeds();
    let root = scratch("fuzz");
    let mut rng = Rng(SEED);
    let mut failures = Vec::new();
    for batch in 0..CASES / BATCH {
        let batch_dir = root.join(format!("batch-{batch:03}"));
        let mut cases: Vec<PathBuf> = Vec::new();
        for k in 0..BATCH {
            let seed = &seeds[rng.below(seeds.len())];
            let case = batch_dir.join(format!("case-{k:02}"));
            std::fs::create_dir_all(&case).unwrap();
            let target = rng.below(seed.len());
            for (i, (name, text)) in seed.iter().enumerate() {
                let text = if i == target {
                    mutate(&mut rng, text)
                } else {
                    text.clone()
                };
                std::fs::write(case.join(name), text).unwrap();
            }
            cases.push(case);
        }
        // A whole batch may take the time of all its cases.
        if problems(&batch_dir, CASE_SECONDS * BATCH as u64).is_empty() {
            let _ = std::fs::remove_dir_all(&batch_dir);
            continue;
        }
        for case in cases {
            for p in problems(&case, CASE_SECONDS) {
                failures.push(format!("{}: {p}", case.display()));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} failing cases (files kept):\n{}",
        failures.len(),
        failures.join("\n")
    );
}
