//! What a `.wasm` file is: not wasm, a core module, a component of another
//! world, or a Chorus plugin of some contract version.

use super::contract::Version;
use super::error::LoadError;

/// The WIT package and interface every plugin exports.
pub const CONTRACT_PACKAGE: &str = "chorus:plugin/channel";

/// Contract versions this host loads, as `major.minor` series (0.x versions
/// are compatible within a minor series, per semver).
pub const SUPPORTED_CONTRACTS: [&str; Version::ALL.len()] = {
    let [(_, v0_1), (_, v0_2), (_, v0_3), (_, v0_4)] = Version::ALL;
    [v0_1, v0_2, v0_3, v0_4]
};

/// Checks the wasm header and returns the bytes when they are a component.
pub(crate) fn check_header(bytes: &[u8]) -> Result<&[u8], LoadError> {
    if !bytes.starts_with(b"\0asm") {
        return Err(LoadError::NotWasm);
    }
    if wasmparser::Parser::is_core_wasm(bytes) {
        return Err(LoadError::CoreModule);
    }
    if !wasmparser::Parser::is_component(bytes) {
        return Err(LoadError::Invalid(
            "unknown WebAssembly binary version or layer".to_owned(),
        ));
    }
    Ok(bytes)
}

/// The top-level export names of a component, read from its binary without
/// compiling it (a plugin whose compiled snapshot is cached is never
/// compiled again).
pub(crate) fn export_names(bytes: &[u8]) -> Result<Vec<String>, LoadError> {
    let invalid =
        |e: wasmparser::BinaryReaderError| LoadError::Invalid(format!("invalid component: {e}"));
    let mut names = Vec::new();
    // Nested modules and components have exports of their own: only the
    // outermost component's count.
    let mut depth = 0usize;
    for payload in wasmparser::Parser::new(0).parse_all(bytes) {
        match payload.map_err(invalid)? {
            wasmparser::Payload::ModuleSection { .. }
            | wasmparser::Payload::ComponentSection { .. } => depth += 1,
            wasmparser::Payload::End(_) => depth = depth.saturating_sub(1),
            wasmparser::Payload::ComponentExportSection(section) if depth == 0 => {
                for export in section {
                    names.push(export.map_err(invalid)?.name.name.to_owned());
                }
            }
            _ => {}
        }
    }
    Ok(names)
}

/// The contract version a component with these `exports` speaks, if this
/// host supports it: as the component says it (`0.1.0`) and as the host
/// dispatches it.
pub(crate) fn contract_of(exports: &[String]) -> Result<(String, Version), LoadError> {
    let prefix = format!("{CONTRACT_PACKAGE}@");
    let Some(version) = exports.iter().find_map(|e| e.strip_prefix(&prefix)) else {
        return Err(LoadError::OtherWorld {
            exports: exports.join(", "),
        });
    };
    let Some(dispatch) = Version::of(version) else {
        return Err(LoadError::IncompatibleVersion {
            found: version.to_owned(),
            supported: SUPPORTED_CONTRACTS
                .iter()
                .map(|s| format!("{s}.x"))
                .collect::<Vec<_>>()
                .join(", "),
        });
    };
    if !exports.iter().any(|e| e == "init") {
        return Err(LoadError::Invalid(
            "exports the contract but not `init`: it was not built with the chorus:plugin world"
                .to_owned(),
        ));
    }
    Ok((version.to_owned(), dispatch))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_are_told_apart() {
        assert!(matches!(check_header(b"hello"), Err(LoadError::NotWasm)));
        assert!(matches!(
            check_header(b"\0asm\x01\0\0\0"),
            Err(LoadError::CoreModule)
        ));
        assert!(check_header(b"\0asm\x0d\0\x01\0").is_ok());
    }
}
