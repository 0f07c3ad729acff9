//! Hot paths of authentication: verifying an access token (every authenticated request) and
//! hashing/verifying passwords (every login) with the chosen Argon2id parameters.

use criterion::{Criterion, criterion_group, criterion_main};
use hexstack_adapters_security::{Argon2Hasher, HashingParams, JwtTokens, TokenSettings};
use hexstack_domain::ports::{PasswordHasher, TokenService};
use hexstack_domain::{SessionId, SessionKind, UserId};

fn tokens(c: &mut Criterion) {
    let service = JwtTokens::new(TokenSettings::new("a benchmark secret key"));
    let session = SessionId::new_random();
    let token = service.issue_access_token(UserId::new_random(), session, SessionKind::AccessToken);
    c.bench_function("verify_access_token", |b| {
        b.iter(|| service.verify_access_token(std::hint::black_box(&token.0)));
    });
    c.bench_function("issue_access_token", |b| {
        b.iter(|| {
            let user = std::hint::black_box(UserId::new_random());
            service.issue_access_token(user, session, SessionKind::AccessToken)
        });
    });
}

fn passwords(c: &mut Criterion) {
    let runtime = tokio::runtime::Runtime::new().expect("a runtime");
    let mut group = c.benchmark_group("argon2id");
    group.sample_size(10);
    for (name, params) in [
        (
            "hash_owasp_minimum_m19456_t2_p1",
            HashingParams::owasp_minimum(),
        ),
        (
            "hash_fastapi_template_m65536_t3_p4",
            HashingParams::fastapi_template(),
        ),
    ] {
        let hasher = Argon2Hasher::new(params);
        group.bench_function(name, |b| {
            b.iter(|| runtime.block_on(hasher.hash("correct horse battery staple")));
        });
    }
    let hasher = Argon2Hasher::new(HashingParams::owasp_minimum());
    let hash = runtime
        .block_on(hasher.hash("correct horse battery staple"))
        .expect("a hash");
    group.bench_function("verify_owasp_minimum", |b| {
        b.iter(|| runtime.block_on(hasher.verify("correct horse battery staple", &hash)));
    });
    group.finish();
}

criterion_group!(benches, tokens, passwords);
criterion_main!(benches);
