//! A workspace member's `Cargo.toml` made standalone, as `cargo package`
//! writes it: `*.workspace = true` fields filled in from the workspace
//! manifest, path dependencies turned into version dependencies (the new
//! crate's `[patch]` points them at its `vendor/`), and what only the
//! workspace needs (lints, dev-dependencies, examples) left out.

use toml::{Table, Value};

/// `member` (a crate's manifest) with `workspace`'s settings filled in.
pub(super) fn standalone(member: &str, workspace: &str) -> Result<String, String> {
    let mut member: Table = member.parse().map_err(|e| format!("{e}"))?;
    let workspace: Table = workspace.parse().map_err(|e| format!("{e}"))?;
    let shared = |key: &str| {
        workspace
            .get("workspace")
            .and_then(|w| w.get(key))
            .and_then(Value::as_table)
            .cloned()
            .unwrap_or_default()
    };
    let (package_defaults, dependency_defaults) = (shared("package"), shared("dependencies"));
    if let Some(Value::Table(package)) = member.get_mut("package") {
        for (key, value) in package.iter_mut() {
            if inherits(value) {
                *value = package_defaults
                    .get(key)
                    .cloned()
                    .ok_or(format!("package.{key}: not set in [workspace.package]"))?;
            }
        }
    }
    for section in ["dependencies", "build-dependencies"] {
        if let Some(Value::Table(dependencies)) = member.get_mut(section) {
            for (name, spec) in dependencies.iter_mut() {
                *spec = dependency(name, spec, &dependency_defaults)
                    .map_err(|e| format!("{section}.{name}: {e}"))?;
            }
        }
    }
    for only_in_the_workspace in ["lints", "dev-dependencies", "example", "test", "bench"] {
        member.remove(only_in_the_workspace);
    }
    let text = toml::to_string(&member).map_err(|e| e.to_string())?;
    Ok(format!(
        "# Vendored by `chorus plugin new --vendor`: the crate's manifest with the\n\
         # Chorus workspace settings filled in.\n\n{text}"
    ))
}

/// `{ workspace = true }`.
fn inherits(value: &Value) -> bool {
    value.get("workspace").and_then(Value::as_bool) == Some(true)
}

/// One dependency, inherited from the workspace when it says so, without a
/// path.
fn dependency(name: &str, spec: &Value, defaults: &Table) -> Result<Value, String> {
    let mut resolved = if inherits(spec) {
        match defaults.get(name) {
            Some(Value::String(version)) => {
                Table::from_iter([("version".to_owned(), Value::String(version.clone()))])
            }
            Some(Value::Table(table)) => table.clone(),
            _ => return Err("not in [workspace.dependencies]".to_owned()),
        }
    } else {
        match spec {
            Value::String(version) => return Ok(Value::String(version.clone())),
            Value::Table(table) => table.clone(),
            _ => return Err("expected a version or a table".to_owned()),
        }
    };
    if let Value::Table(own) = spec {
        for (key, value) in own {
            match (key.as_str(), resolved.get_mut(key)) {
                ("workspace", _) => {}
                ("features", Some(Value::Array(features))) => {
                    let extra = value.as_array().into_iter().flatten();
                    features.extend(extra.cloned());
                }
                _ => {
                    resolved.insert(key.clone(), value.clone());
                }
            }
        }
    }
    if resolved.remove("path").is_some() && !resolved.contains_key("version") {
        return Err("a path dependency without a version".to_owned());
    }
    Ok(Value::Table(resolved))
}

#[cfg(test)]
mod tests {
    use super::*;

    const WORKSPACE: &str = r#"
[workspace.package]
version = "0.3.0"
license = "Apache-2.0"

[workspace.dependencies]
chorus-voice = { path = "voice", version = "0.3.0", default-features = false }
serde = { version = "1", features = ["derive"] }
sha2 = "0.10"
"#;

    #[test]
    fn workspace_fields_are_filled_in_and_paths_dropped() {
        let member = r#"
[package]
name = "chorus-sdk"
version.workspace = true
license.workspace = true

[dependencies]
chorus-voice.workspace = true
serde = { workspace = true, features = ["rc"] }
sha2.workspace = true
whatlang = { version = "0.18", default-features = false }

[dev-dependencies]
proptest = "1"

[lints]
workspace = true
"#;
        let text = standalone(member, WORKSPACE).expect("standalone");
        let table: Table = text.parse().expect("TOML");
        assert_eq!(table["package"]["version"].as_str(), Some("0.3.0"));
        assert_eq!(table["package"]["license"].as_str(), Some("Apache-2.0"));
        let dependencies = &table["dependencies"];
        assert_eq!(
            dependencies["chorus-voice"]["version"].as_str(),
            Some("0.3.0")
        );
        assert_eq!(dependencies["chorus-voice"].get("path"), None);
        assert_eq!(
            dependencies["chorus-voice"]["default-features"].as_bool(),
            Some(false)
        );
        let features = dependencies["serde"]["features"]
            .as_array()
            .expect("features");
        assert_eq!(features.len(), 2);
        assert_eq!(dependencies["sha2"]["version"].as_str(), Some("0.10"));
        assert_eq!(dependencies["whatlang"]["version"].as_str(), Some("0.18"));
        assert!(table.get("lints").is_none() && table.get("dev-dependencies").is_none());
    }

    #[test]
    fn an_unknown_inherited_dependency_is_named() {
        let member = "[package]\nname = \"x\"\n[dependencies]\nnope.workspace = true\n";
        let error = standalone(member, WORKSPACE).expect_err("unknown");
        assert!(error.contains("dependencies.nope"), "{error}");
    }
}
