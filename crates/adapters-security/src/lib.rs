//! Security adapters for hexstack: Argon2id password hashing (with legacy bcrypt verification
//! and re-hash on login) and HS256 JWT access and password-reset tokens.

mod password;
mod token;

pub use password::{Argon2Hasher, HashingParams};
pub use token::{JwtTokens, TokenSettings};
