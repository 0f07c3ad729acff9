use std::path::Path;

use secrecy::ExposeSecret;

use super::value::FromSetting;

use super::*;

fn settings(pairs: &[(&str, &str)]) -> Result<Settings, ConfigError> {
    Settings::from_layers(
        &Layers::from_pairs(pairs.iter().copied()),
        Path::new("/tmp/data"),
    )
}

const PRODUCTION: [(&str, &str); 3] = [
    ("SECRET_KEY", "a-real-secret-of-at-least-32-bytes"),
    ("FIRST_SUPERUSER", "Admin@EXAMPLE.com"),
    ("FIRST_SUPERUSER_PASSWORD", "a-real-password"),
];

#[test]
fn production_needs_a_secret_and_a_superuser_password() {
    assert_eq!(settings(&[]).unwrap_err().setting, "SECRET_KEY");
    assert_eq!(
        settings(&[("SECRET_KEY", "x")]).unwrap_err().setting,
        "FIRST_SUPERUSER_PASSWORD"
    );
    let ok = settings(&PRODUCTION).unwrap();
    assert!(!ok.development);
    assert_eq!(ok.first_superuser.email.as_str(), "Admin@example.com");
    assert!(
        matches!(ok.database.url, StoreUrl::Sqlite(ref url) if url == "sqlite:///tmp/data/hexstack.db")
    );
}

#[test]
fn development_on_the_embedded_store_needs_no_secrets() {
    let dev = settings(&[("FASTAPI_ENV", "development")]).unwrap();
    assert!(
        dev.development
            && dev.security.secret_key.is_none()
            && dev.first_superuser.password.is_none()
    );
    let local = settings(&[("ENVIRONMENT", "local")]).unwrap();
    assert!(local.development);
    let on_postgres = settings(&[
        ("FASTAPI_ENV", "development"),
        ("DATABASE_URL", "postgresql://u:p@db/app"),
    ]);
    assert_eq!(on_postgres.unwrap_err().setting, "SECRET_KEY");
}

#[test]
fn a_secret_key_under_32_bytes_is_refused_outside_development_and_warned_about_in_it() {
    let mut pairs = PRODUCTION.to_vec();
    pairs[0] = ("SECRET_KEY", "abc");
    let refused = settings(&pairs).unwrap_err();
    assert_eq!(refused.setting, "SECRET_KEY");
    assert!(
        refused.to_string().contains("at least 32 bytes"),
        "{refused}"
    );
    pairs[0] = ("SECRET_KEY", "0123456789abcdef0123456789abcdef");
    assert!(settings(&pairs).is_ok());
    pairs[0] = ("SECRET_KEY", "abc");
    pairs.push(("FASTAPI_ENV", "development"));
    let warned = settings(&pairs).unwrap();
    assert!(
        warned
            .warnings
            .iter()
            .any(|w| w.contains("at least 32 bytes"))
    );
}

#[test]
fn changethis_is_refused_outside_development_and_allowed_in_it() {
    let mut pairs = PRODUCTION.to_vec();
    pairs[0] = ("SECRET_KEY", "changethis");
    assert_eq!(settings(&pairs).unwrap_err().setting, "SECRET_KEY");
    pairs[0] = ("SECRET_KEY", "fine");
    pairs.push((
        "DATABASE_URL",
        "postgresql://postgres:changethis@db:5432/app",
    ));
    assert_eq!(
        settings(&pairs).unwrap_err().setting,
        "DATABASE_URL password"
    );
    pairs.push(("FASTAPI_ENV", "development"));
    assert!(settings(&pairs).is_ok());
}

#[test]
fn invalid_values_name_their_setting() {
    let cases = [
        ("FASTAPI_ENV", "production"),
        ("SMTP_PORT", "many"),
        ("SMTP_TLS", "maybe"),
        ("FIRST_SUPERUSER", "not-an-email"),
        ("SENTRY_DSN", "not a url"),
        ("DATABASE_URL", "mysql://x@y/z"),
        ("ACCESS_TOKEN_EXPIRE_MINUTES", "-5"),
        ("LOG_FORMAT", "xml"),
        ("EMAIL_VERIFICATION", "sometimes"),
        ("EMAIL_VERIFY_TOKEN_EXPIRE_HOURS", "-1"),
        ("AUDIT_RETENTION_DAYS", "forever"),
    ];
    for (name, value) in cases {
        let mut pairs = PRODUCTION.to_vec();
        pairs.push((name, value));
        pairs.push(("SMTP_HOST", "mail.example.com"));
        pairs.push(("EMAILS_FROM_EMAIL", "noreply@example.com"));
        let error = settings(&pairs).unwrap_err();
        assert_eq!(error.setting, name, "{error}");
    }
}

#[test]
fn email_is_enabled_by_host_and_sender_with_the_template_defaults() {
    let mut pairs = PRODUCTION.to_vec();
    assert!(settings(&pairs).unwrap().email.smtp.is_none());
    pairs.push(("SMTP_HOST", "mail.example.com"));
    assert!(settings(&pairs).unwrap().email.smtp.is_none());
    pairs.push(("EMAILS_FROM_EMAIL", "noreply@example.com"));
    pairs.push(("smtp_tls", "False"));
    pairs.push(("SMTP_USER", ""));
    let with_mail = settings(&pairs).unwrap();
    let smtp = with_mail.email.smtp.unwrap();
    assert_eq!(
        (smtp.port, smtp.security, smtp.login.is_none()),
        (587, SmtpSecurity::None, true)
    );
    assert_eq!(with_mail.email.from_name, "hexstack");
}

#[test]
fn cors_origins_add_the_frontend_host_and_drop_trailing_slashes() {
    let mut pairs = PRODUCTION.to_vec();
    pairs.push((
        "BACKEND_CORS_ORIGINS",
        "http://localhost/,https://app.example.com",
    ));
    pairs.push(("FRONTEND_HOST", "https://dashboard.example.com/"));
    let s = settings(&pairs).unwrap();
    assert_eq!(
        s.server.cors_origins,
        [
            "http://localhost",
            "https://app.example.com",
            "https://dashboard.example.com"
        ]
    );
    assert_eq!(s.server.frontend_host, "https://dashboard.example.com");
    assert_eq!(
        s.security.secret_key.unwrap().expose_secret(),
        "a-real-secret-of-at-least-32-bytes"
    );
}

#[test]
fn an_empty_environment_value_does_not_hide_the_dotenv_value() {
    let pairs = |list: &[(&str, &str)]| -> Vec<(String, String)> {
        list.iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    };
    let reader = Layers::layered(
        None,
        pairs(&[
            ("SMTP_HOST", "mail.example.com"),
            ("PROJECT_NAME", "From Dotenv"),
        ]),
        pairs(&[("SMTP_HOST", ""), ("PROJECT_NAME", "From Environment")]),
    )
    .unwrap();
    assert_eq!(reader.get("SMTP_HOST"), Some("mail.example.com"));
    assert_eq!(reader.get("project_name"), Some("From Environment"));
}

#[test]
fn out_of_range_numbers_name_the_range() {
    let mut pairs = PRODUCTION.to_vec();
    pairs.push(("SMTP_PORT", "70000"));
    let error = settings(&pairs).unwrap_err();
    assert_eq!(
        (error.setting.as_str(), error.message.as_str()),
        (
            "SMTP_PORT",
            "Input should be a whole number from 0 to 65535"
        )
    );
}

#[test]
fn database_schemes_are_the_originals_plus_sqlite() {
    for url in [
        "postgres://u:p@db/app",
        "postgresql+psycopg://u:p@db/app",
        "sqlite:///tmp/x.db",
    ] {
        let mut pairs = PRODUCTION.to_vec();
        pairs.push(("DATABASE_URL", url));
        assert!(settings(&pairs).is_ok(), "{url}");
    }
    let mut pairs = PRODUCTION.to_vec();
    pairs.push(("DATABASE_URL", "postgres+bogus://u:p@db/app"));
    assert!(
        settings(&pairs)
            .unwrap_err()
            .message
            .starts_with("URL scheme should be 'postgres'")
    );
}

#[test]
fn a_sentry_dsn_must_parse_as_one() {
    let mut pairs = PRODUCTION.to_vec();
    pairs.push(("SENTRY_DSN", "https://x"));
    assert_eq!(settings(&pairs).unwrap_err().setting, "SENTRY_DSN");
    pairs.pop();
    pairs.push(("SENTRY_DSN", "https://public@127.0.0.1:9/1"));
    assert!(settings(&pairs).unwrap().telemetry.sentry_dsn.is_some());
}

#[test]
fn risky_defaults_and_default_secrets_become_warnings() {
    let production = settings(&PRODUCTION).unwrap();
    assert!(
        production
            .warnings
            .iter()
            .any(|w| w.starts_with("DATABASE_URL is not set"))
    );
    assert!(
        production
            .warnings
            .iter()
            .any(|w| w.starts_with("PROJECT_NAME is not set"))
    );
    let development = settings(&[
        ("FASTAPI_ENV", "development"),
        ("SECRET_KEY", "changethis"),
        ("FIRST_SUPERUSER_PASSWORD", "changethis"),
    ])
    .unwrap();
    assert_eq!(
        development.warnings,
        [
            "The value of SECRET_KEY is \"changethis\", for security, please change it, at least for deployments.",
            "The value of FIRST_SUPERUSER_PASSWORD is \"changethis\", for security, please change it, at least for deployments.",
        ]
    );
}

#[test]
fn the_config_file_lies_under_dotenv_and_the_environment_whatever_the_spelling() {
    let folder = tempfile::tempdir().unwrap();
    let file = folder.path().join("hexstack.toml");
    std::fs::write(
        &file,
        "SECRET_KEY = \"from-file\"\nPROJECT_NAME = \"File Project\"\n\
         BACKEND_CORS_ORIGINS = [\"http://a.example\", \"http://b.example/\"]\n",
    )
    .unwrap();
    let owned = |list: &[(&str, &str)]| -> Vec<(String, String)> {
        list.iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    };
    for _ in 0..20 {
        let reader = Layers::layered(
            Some(&file),
            owned(&[("project_name", "Dotenv Project")]),
            owned(&[("secret_key", "lower"), ("SECRET_KEY", "upper")]),
        )
        .unwrap();
        assert_eq!(reader.get("SECRET_KEY"), Some("upper"));
        assert_eq!(reader.get("PROJECT_NAME"), Some("Dotenv Project"));
        assert_eq!(
            Vec::<String>::from_setting(reader.get("BACKEND_CORS_ORIGINS").unwrap()).unwrap(),
            ["http://a.example", "http://b.example"]
        );
    }
}

#[test]
fn smtp_security_follows_smtp_tls_then_smtp_ssl() {
    let security = |tls: &'static str, ssl: &'static str| {
        let mut pairs = PRODUCTION.to_vec();
        pairs.extend([
            ("SMTP_HOST", "mail.example.com"),
            ("EMAILS_FROM_EMAIL", "noreply@example.com"),
            ("SMTP_TLS", tls),
            ("SMTP_SSL", ssl),
        ]);
        settings(&pairs).unwrap().email.smtp.unwrap().security
    };
    assert_eq!(security("true", "true"), SmtpSecurity::StartTls);
    assert_eq!(security("off", "yes"), SmtpSecurity::Tls);
    assert_eq!(security("0", "f"), SmtpSecurity::None);
}

#[test]
fn the_mode_is_checked_before_anything_else() {
    let error = settings(&[
        ("FASTAPI_ENV", "production"),
        ("DATABASE_URL", "mysql://x@y/z"),
    ]);
    assert_eq!(error.unwrap_err().setting, "FASTAPI_ENV");
}

#[test]
fn password_hash_params_are_read_in_phc_form() {
    let mut pairs = PRODUCTION.to_vec();
    assert_eq!(
        settings(&pairs).unwrap().security.password_hash_params,
        None
    );
    pairs.push(("PASSWORD_HASH_PARAMS", "m=65536,t=3,p=4"));
    let template = settings(&pairs).unwrap().security.password_hash_params;
    assert_eq!(
        template,
        Some(hexstack_adapters_security::HashingParams::fastapi_template())
    );
    pairs.pop();
    pairs.push(("PASSWORD_HASH_PARAMS", "m=65536"));
    assert_eq!(
        settings(&pairs).unwrap_err().setting,
        "PASSWORD_HASH_PARAMS"
    );
}

#[test]
fn trusted_proxies_are_networks_or_addresses() {
    let mut pairs = PRODUCTION.to_vec();
    assert_eq!(settings(&pairs).unwrap().abuse.trusted_proxies, None);
    pairs.push(("TRUSTED_PROXIES", "10.0.0.0/8, 192.168.1.1,fd00::/8"));
    let proxies = settings(&pairs).unwrap().abuse.trusted_proxies.unwrap();
    let peer = "192.168.1.1".parse().unwrap();
    let forwarded = ["203.0.113.9"];
    assert_eq!(
        proxies.client_address(peer, forwarded.into_iter()),
        "203.0.113.9".parse::<std::net::IpAddr>().unwrap()
    );
    pairs.pop();
    pairs.push(("TRUSTED_PROXIES", "10.0.0.0/33"));
    assert_eq!(settings(&pairs).unwrap_err().setting, "TRUSTED_PROXIES");
}

#[test]
fn verification_and_audit_retention_have_their_defaults_and_read_any_case() {
    let defaults = settings(&PRODUCTION).unwrap();
    let accounts = &defaults.accounts;
    assert_eq!(
        accounts.email_verification,
        hexstack_application::EmailVerification::Optional
    );
    assert_eq!(accounts.email_verify_token_expire_hours, 48);
    assert_eq!(accounts.audit_retention(), chrono::TimeDelta::days(365));
    let mut pairs = PRODUCTION.to_vec();
    pairs.push(("EMAIL_VERIFICATION", "Required"));
    pairs.push(("AUDIT_RETENTION_DAYS", "30"));
    pairs.push(("SMTP_HOST", "mail.example.com"));
    pairs.push(("EMAILS_FROM_EMAIL", "noreply@example.com"));
    let chosen = settings(&pairs).unwrap();
    assert_eq!(
        chosen.accounts.email_verification,
        hexstack_application::EmailVerification::Required
    );
    assert_eq!(
        chosen.accounts.audit_retention(),
        chrono::TimeDelta::days(30)
    );
}

#[test]
fn required_verification_needs_mail_and_lifetimes_must_be_positive() {
    let mut pairs = PRODUCTION.to_vec();
    pairs.push(("EMAIL_VERIFICATION", "required"));
    assert_eq!(settings(&pairs).unwrap_err().setting, "EMAIL_VERIFICATION");
    pairs.push(("SMTP_HOST", "mail.example.com"));
    pairs.push(("EMAILS_FROM_EMAIL", "noreply@example.com"));
    assert!(settings(&pairs).is_ok());
    for name in ["EMAIL_VERIFY_TOKEN_EXPIRE_HOURS", "AUDIT_RETENTION_DAYS"] {
        let mut pairs = PRODUCTION.to_vec();
        pairs.push((name, "0"));
        assert_eq!(settings(&pairs).unwrap_err().setting, name);
    }
}

#[test]
fn two_factor_settings_default_to_optional_enrolment_and_the_secret_key() {
    use secrecy::ExposeSecret as _;
    let defaults = settings(&PRODUCTION).unwrap();
    assert!(!defaults.accounts.two_factor_required_for_superusers);
    assert!(defaults.accounts.two_factor_encryption_key.is_none());
    let mut pairs = PRODUCTION.to_vec();
    pairs.push(("TWO_FACTOR_REQUIRED_FOR_SUPERUSERS", "true"));
    pairs.push(("TWO_FACTOR_ENCRYPTION_KEY", "a separate key"));
    let chosen = settings(&pairs).unwrap();
    assert!(chosen.accounts.two_factor_required_for_superusers);
    let key = chosen.accounts.two_factor_encryption_key.unwrap();
    assert_eq!(key.expose_secret(), "a separate key");
    let mut pairs = PRODUCTION.to_vec();
    pairs.push(("TWO_FACTOR_REQUIRED_FOR_SUPERUSERS", "sometimes"));
    assert_eq!(
        settings(&pairs).unwrap_err().setting,
        "TWO_FACTOR_REQUIRED_FOR_SUPERUSERS"
    );
}
