//! Secrets generated for a zero-setup development run on the embedded store.

use std::fmt::Write as _;
use std::fs;
use std::io::Write;
use std::path::Path;

use anyhow::Context;
use rand::RngCore;
use rand::distr::{Alphanumeric, SampleString};
use secrecy::SecretString;

/// The `SECRET_KEY` kept in `<data_dir>/secret_key`, created (mode 0600) on first use so tokens
/// survive restarts.
pub fn persistent_secret_key(data_dir: &Path) -> anyhow::Result<SecretString> {
    let path = data_dir.join("secret_key");
    if let Ok(existing) = fs::read_to_string(&path) {
        let existing = existing.trim();
        if !existing.is_empty() {
            return Ok(SecretString::from(existing.to_owned()));
        }
    }
    fs::create_dir_all(data_dir).with_context(|| format!("creating {}", data_dir.display()))?;
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    let secret = bytes
        .iter()
        .fold(String::with_capacity(64), |mut hex, byte| {
            let _ = write!(hex, "{byte:02x}");
            hex
        });
    let mut options = fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options
        .open(&path)
        .with_context(|| format!("writing {}", path.display()))?;
    file.write_all(secret.as_bytes())?;
    Ok(SecretString::from(secret))
}

/// A random password for the first superuser (shown once, at creation).
pub fn generated_password() -> String {
    Alphanumeric.sample_string(&mut rand::rng(), 20)
}
