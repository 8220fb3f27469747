//! The SARIF output validated by Microsoft's SARIF Multitool (the SARIF
//! 2.1.0 schema plus its validation rules, which GitHub code scanning
//! follows). Ignored by default: `.ci/run` installs the tool from npm into
//! `target/sarif-tool` and runs `cargo test --test sarif -- --ignored`.

mod common;

use common::*;

#[test]
#[ignore = "needs the SARIF Multitool from npm; run by .ci/run"]
fn sarif_output_passes_the_sarif_multitool() {
    let tool = repo()
        .join("target/sarif-tool/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool");
    assert!(
        tool.exists(),
        "install it: npm install --prefix target/sarif-tool @microsoft/sarif-multitool-linux@5.7.0"
    );
    let dir = scratch("sarif");
    let out = run(
        &[
            "lint",
            "--format",
            "sarif",
            "examples/first-stack/broken",
            "specs",
        ],
        &repo(),
    );
    assert_eq!(out.status.code(), Some(1));
    std::fs::write(dir.join("skyplan.sarif"), &out.stdout).unwrap();
    let status = std::process::Command::new(&tool)
        .args(["validate", "skyplan.sarif", "-o", "validation.sarif"])
        .env("DOTNET_SYSTEM_GLOBALIZATION_INVARIANT", "1")
        .current_dir(&dir)
        .status()
        .expect("run the SARIF Multitool");
    assert!(status.success());
    let report: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("validation.sarif")).unwrap()).unwrap();
    let problems = report["runs"][0]["results"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert!(
        problems.is_empty(),
        "the SARIF Multitool reports: {problems:#?}"
    );
}

#[test]
fn sarif_locations_are_relative_to_the_repository_root_from_any_directory() {
    let uris = |cwd: &std::path::Path, path: &str| {
        let out = run(&["lint", "--format", "sarif", path], cwd);
        let doc = json(&out);
        let run = &doc["runs"][0];
        assert!(
            run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
                .as_str()
                .is_some_and(|u| u.starts_with("file:///") && u.ends_with('/')),
            "{run}"
        );
        let locations: Vec<(String, String)> = run["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                let a = &r["locations"][0]["physicalLocation"]["artifactLocation"];
                (
                    a["uri"].as_str().unwrap().to_string(),
                    a["uriBaseId"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        locations
    };
    let from_root = uris(&repo(), "examples/first-stack/broken");
    let from_below = uris(&repo().join("examples"), "first-stack/broken");
    assert_eq!(from_root, from_below);
    assert!(
        from_root.iter().all(
            |(uri, base)| uri == "examples/first-stack/broken/network.yaml" && base == "%SRCROOT%"
        ),
        "{from_root:?}"
    );
}
