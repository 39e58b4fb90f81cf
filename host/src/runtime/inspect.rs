//! What a `.wasm` file is: not wasm, a core module, a component of another
//! world, or a Chorus plugin of some contract version.

use wasmtime::Engine;
use wasmtime::component::Component;

use super::error::LoadError;

/// The WIT package and interface every plugin exports.
pub const CONTRACT_PACKAGE: &str = "chorus:plugin/channel";

/// Contract versions this host loads, as `major.minor` series (0.x versions
/// are compatible within a minor series, per semver).
pub const SUPPORTED_CONTRACTS: &[&str] = &["0.1"];

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

/// All export names of a component.
pub(crate) fn export_names(engine: &Engine, component: &Component) -> Vec<String> {
    component
        .component_type()
        .exports(engine)
        .map(|(name, _)| name.to_owned())
        .collect()
}

/// The contract version a component exports, if this host supports it.
pub(crate) fn contract_of(engine: &Engine, component: &Component) -> Result<String, LoadError> {
    let exports = export_names(engine, component);
    let prefix = format!("{CONTRACT_PACKAGE}@");
    let Some(version) = exports.iter().find_map(|e| e.strip_prefix(&prefix)) else {
        return Err(LoadError::OtherWorld {
            exports: exports.join(", "),
        });
    };
    if !SUPPORTED_CONTRACTS
        .iter()
        .any(|series| compatible(version, series))
    {
        return Err(LoadError::IncompatibleVersion {
            found: version.to_owned(),
            supported: SUPPORTED_CONTRACTS
                .iter()
                .map(|s| format!("{s}.x"))
                .collect::<Vec<_>>()
                .join(", "),
        });
    }
    if !exports.iter().any(|e| e == "init") {
        return Err(LoadError::Invalid(
            "exports the contract but not `init`: it was not built with the chorus:plugin world"
                .to_owned(),
        ));
    }
    Ok(version.to_owned())
}

/// Whether `version` (`0.1.3`) belongs to `series` (`0.1`): same major, and
/// for 0.x the same minor.
fn compatible(version: &str, series: &str) -> bool {
    let mut v = version.split(['.', '-', '+']);
    let mut s = series.split('.');
    let (Some(v_major), Some(v_minor)) = (v.next(), v.next()) else {
        return false;
    };
    let (Some(s_major), Some(s_minor)) = (s.next(), s.next()) else {
        return false;
    };
    v_major == s_major && (s_major != "0" || v_minor == s_minor)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_are_compatible_within_a_series() {
        assert!(compatible("0.1.0", "0.1"));
        assert!(compatible("0.1.7", "0.1"));
        assert!(!compatible("0.2.0", "0.1"));
        assert!(!compatible("1.1.0", "0.1"));
        assert!(compatible("1.4.0", "1.0"));
        assert!(!compatible("garbage", "0.1"));
    }

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
