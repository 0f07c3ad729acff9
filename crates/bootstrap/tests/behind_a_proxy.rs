//! Two replicas behind a real proxy (HAProxy from Debian's packages, round robin) on one
//! PostgreSQL, as a deployment runs them: a session ended through one replica is refused by the
//! other at once, rate-limit counts are shared (the client address comes from the proxy's
//! `X-Forwarded-For`, trusted through `TRUSTED_PROXIES`), and the mail both replicas' workers
//! compete for is delivered exactly once.

mod support;

use std::collections::{BTreeSet, HashMap};
use std::fmt::Write as _;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use hexstack_adapters_email::smtp_sink::{SinkOptions, SmtpSink};
use reqwest::StatusCode;
use serde_json::json;
use support::{prestarted_postgres, replica_env, start};

/// HAProxy in front of `backends`, naming the replica that answered in `x-served-by`.
struct Proxy {
    child: Child,
    url: String,
    _config: tempfile::NamedTempFile,
}

impl Proxy {
    fn start(backends: &[(&str, &str)]) -> Self {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let mut servers = String::new();
        for (name, url) in backends {
            let address = url.trim_start_matches("http://");
            writeln!(servers, "  server {name} {address}").unwrap();
        }
        let config = format!(
            "defaults\n  mode http\n  timeout connect 5s\n  timeout client 30s\n  \
             timeout server 30s\n  option forwardfor\n\
             frontend web\n  bind 127.0.0.1:{port}\n  default_backend replicas\n\
             backend replicas\n  balance roundrobin\n  \
             http-response set-header x-served-by %[srv_name]\n{servers}"
        );
        let file = tempfile::NamedTempFile::new().unwrap();
        std::fs::write(file.path(), config).unwrap();
        // Debian installs it in /usr/sbin, which a user's PATH may lack.
        let haproxy = ["/usr/sbin/haproxy", "/usr/local/sbin/haproxy"]
            .into_iter()
            .find(|path| std::path::Path::new(path).exists())
            .unwrap_or("haproxy");
        let child = Command::new(haproxy)
            .arg("-db")
            .arg("-f")
            .arg(file.path())
            .stdout(Stdio::null())
            .spawn()
            .expect("haproxy is installed (scripts/test.sh installs it from Debian's packages)");
        let url = format!("http://127.0.0.1:{port}");
        Self {
            child,
            url,
            _config: file,
        }
    }

    async fn wait_ready(&self, client: &reqwest::Client) {
        for _ in 0..100 {
            let health = format!("{}/api/v1/utils/health-check/", self.url);
            if client
                .get(&health)
                .send()
                .await
                .is_ok_and(|r| r.status() == 200)
            {
                return;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("haproxy did not come up");
    }
}

impl Drop for Proxy {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn served_by(response: &reqwest::Response) -> String {
    let header = response.headers().get("x-served-by");
    header
        .and_then(|v| v.to_str().ok())
        .unwrap_or("?")
        .to_owned()
}

#[tokio::test]
async fn replicas_behind_a_proxy_share_sessions_limits_and_mail() {
    let sink = SmtpSink::start(SinkOptions::default()).await.unwrap();
    let (folder, url) = prestarted_postgres().await;
    let smtp_port = sink.port().to_string();
    let mut env = replica_env(&url);
    env.extend([
        ("TRUSTED_PROXIES", "127.0.0.1"),
        ("SMTP_HOST", "127.0.0.1"),
        ("SMTP_PORT", smtp_port.as_str()),
        ("SMTP_TLS", "false"),
        ("EMAILS_FROM_EMAIL", "noreply@example.com"),
    ]);
    let (a, b) = (
        start(&folder.path().join("a"), &env),
        start(&folder.path().join("b"), &env),
    );
    let proxy = Proxy::start(&[("a", &a.url), ("b", &b.url)]);
    let client = reqwest::Client::new();
    proxy.wait_ready(&client).await;
    let api = |path: &str| format!("{}/api/v1{path}", proxy.url);

    // A session is one row for both replicas: ended through one, refused by both.
    let admin = support::token(&client, &proxy.url, "root@example.com", "root-password").await;
    let mut answers: HashMap<String, StatusCode> = HashMap::new();
    for _ in 0..4 {
        let me = client
            .get(api("/users/me"))
            .bearer_auth(&admin)
            .send()
            .await
            .unwrap();
        answers.insert(served_by(&me), me.status());
    }
    assert_eq!(answers.len(), 2, "round robin reached both: {answers:?}");
    assert!(
        answers.values().all(|s| *s == StatusCode::OK),
        "{answers:?}"
    );
    let session = support::token(&client, &proxy.url, "root@example.com", "root-password").await;
    let logout = client
        .post(api("/logout"))
        .bearer_auth(&session)
        .send()
        .await
        .unwrap();
    assert_eq!(logout.status(), StatusCode::OK);
    let mut refused = HashMap::new();
    for _ in 0..4 {
        let me = client
            .get(api("/users/me"))
            .bearer_auth(&session)
            .send()
            .await
            .unwrap();
        refused.insert(served_by(&me), me.status());
    }
    assert_eq!(refused.len(), 2, "{refused:?}");
    assert!(
        refused.values().all(|s| *s == StatusCode::FORBIDDEN),
        "{refused:?}"
    );

    // Five wrong passwords, spread over both replicas, use up the account's allowance on both.
    let mut spread = BTreeSet::new();
    for _ in 0..5 {
        let wrong = support::login(&client, &proxy.url, "root@example.com", "wrong").await;
        assert_eq!(wrong.status(), StatusCode::BAD_REQUEST);
        spread.insert(served_by(&wrong));
    }
    assert_eq!(spread.len(), 2, "{spread:?}");
    for _ in 0..2 {
        let limited =
            support::login(&client, &proxy.url, "root@example.com", "root-password").await;
        assert_eq!(
            limited.status(),
            StatusCode::TOO_MANY_REQUESTS,
            "{}",
            served_by(&limited)
        );
    }
    // The address the limits and the audit log saw is the client's, from the proxy's header.
    let events = client
        .get(api("/audit-events/?kind=login_failed"))
        .bearer_auth(&admin)
        .send()
        .await
        .unwrap()
        .json::<serde_json::Value>()
        .await
        .unwrap();
    assert_eq!(events["count"], 5, "{events}");
    assert_eq!(events["data"][0]["ip"], "127.0.0.1");

    // Both replicas' workers compete for the queue: every mail goes out exactly once.
    let count = 12;
    for n in 0..count {
        let created = client
            .post(api("/users/"))
            .bearer_auth(&admin)
            .json(&json!({"email": format!("user{n}@example.com"), "password": "password123"}))
            .send()
            .await
            .unwrap();
        assert_eq!(created.status(), StatusCode::OK);
    }
    let mails = sink.wait_for_mails(count, Duration::from_secs(20)).await;
    tokio::time::sleep(Duration::from_secs(1)).await;
    let mails = if sink.mails().len() > mails.len() {
        sink.mails()
    } else {
        mails
    };
    let recipients: Vec<String> = mails.iter().flat_map(|m| m.rcpt_to.clone()).collect();
    let distinct: BTreeSet<&String> = recipients.iter().collect();
    assert_eq!(recipients.len(), count, "{recipients:?}");
    assert_eq!(distinct.len(), count, "each mail once: {recipients:?}");
    drop(proxy);
    assert!(a.stop().success());
    assert!(b.stop().success());
}
