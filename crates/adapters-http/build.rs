//! Unpacks the vendored ReDoc bundle (committed gzipped, see `assets/redoc/README.md`) so the
//! binary can serve `/redoc` offline to clients that do not accept gzip.

use std::io::Read;
use std::path::PathBuf;
use std::{env, fs};

fn main() {
    let source = "assets/redoc/redoc.standalone.js.gz";
    println!("cargo::rerun-if-changed={source}");
    let compressed = fs::read(source).expect("the vendored ReDoc bundle is in the repository");
    let mut script = Vec::new();
    flate2::read::GzDecoder::new(compressed.as_slice())
        .read_to_end(&mut script)
        .expect("the vendored ReDoc bundle is valid gzip");
    let out = PathBuf::from(env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    fs::write(out.join("redoc.standalone.js"), script).expect("OUT_DIR is writable");
}
