//! Prometheus metrics: request count and latency by method, route and status, and the store's
//! connection pool, recorded through the `metrics` facade into a Prometheus recorder that belongs
//! to the app (not installed globally, so several apps in one process keep apart). Served at
//! `/metrics` only when enabled (and behind a bearer token if one is configured), because route
//! names and traffic volumes are not for the public.

use std::time::Duration;

use chrono::{DateTime, Utc};
use hexstack_domain::JobCounts;
use hexstack_domain::ports::PoolUsage;
use metrics::{counter, describe_counter, describe_gauge, describe_histogram, gauge, histogram};
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusRecorder};

const REQUESTS: &str = "http_requests_total";
const LATENCY: &str = "http_request_duration_seconds";
const POOL: &str = "db_pool_connections";
const JOBS: &str = "mail_jobs";
const OLDEST_JOB: &str = "mail_job_oldest_queued_seconds";

/// Upper bounds of the latency histogram, in seconds.
const BUCKETS: [f64; 12] = [
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0,
];

/// The request metrics of one app.
pub struct Metrics {
    recorder: PrometheusRecorder,
}

impl Default for Metrics {
    fn default() -> Self {
        let recorder = PrometheusBuilder::new()
            .set_buckets_for_metric(Matcher::Full(LATENCY.to_owned()), &BUCKETS)
            .expect("the bucket list is not empty")
            .build_recorder();
        metrics::with_local_recorder(&recorder, || {
            describe_counter!(REQUESTS, "Requests handled, by method, route and status.");
            describe_histogram!(LATENCY, "Request latency, by method, route and status.");
            describe_gauge!(POOL, "Database pool connections, by state.");
            describe_gauge!(JOBS, "Mail jobs in the queue, by state.");
            describe_gauge!(
                OLDEST_JOB,
                "How long the oldest queued mail job has waited."
            );
        });
        Self { recorder }
    }
}

impl Metrics {
    /// Records one request. Labels come from closed sets, so no client can grow the number of
    /// series: a method outside HTTP's standard ones is `other`, a path no route matches is
    /// `unmatched` (the caller's), and a status is one of the few the server answers.
    pub fn observe(&self, method: &str, route: &str, status: u16, elapsed: Duration) {
        let labels = [
            ("method", known_method(method).to_owned()),
            ("route", route.to_owned()),
            ("status", status.to_string()),
        ];
        metrics::with_local_recorder(&self.recorder, || {
            counter!(REQUESTS, &labels).increment(1);
            histogram!(LATENCY, &labels).record(elapsed);
        });
    }

    /// The Prometheus text exposition of everything recorded, plus the pool's usage and the
    /// mail queue's counts now.
    pub fn render(
        &self,
        pool: Option<PoolUsage>,
        jobs: Option<JobCounts>,
        now: DateTime<Utc>,
    ) -> String {
        if let Some(jobs) = jobs {
            #[allow(clippy::cast_precision_loss)] // counts far below 2^52
            metrics::with_local_recorder(&self.recorder, || {
                for (state, count) in [
                    ("queued", jobs.queued),
                    ("retrying", jobs.retrying),
                    ("running", jobs.running),
                    ("delivered", jobs.delivered),
                    ("dead", jobs.dead),
                ] {
                    gauge!(JOBS, "state" => state).set(count as f64);
                }
                let waited = jobs
                    .oldest_queued_at
                    .map_or(0, |at| (now - at).num_milliseconds());
                gauge!(OLDEST_JOB).set(waited.max(0) as f64 / 1e3);
            });
        }
        if let Some(pool) = pool {
            let in_use = pool.open.saturating_sub(pool.idle);
            metrics::with_local_recorder(&self.recorder, || {
                gauge!(POOL, "state" => "in_use").set(f64::from(in_use));
                gauge!(POOL, "state" => "idle").set(f64::from(pool.idle));
                gauge!(POOL, "state" => "max").set(f64::from(pool.max));
            });
        }
        self.recorder.handle().render()
    }
}

/// The method's name if it is one of HTTP's standard methods, else `other`.
fn known_method(method: &str) -> &str {
    const KNOWN: [&str; 9] = [
        "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "CONNECT", "TRACE",
    ];
    KNOWN
        .into_iter()
        .find(|known| *known == method)
        .unwrap_or("other")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_methods_share_one_label() {
        let metrics = Metrics::default();
        for method in ["BREW", "PROPFIND", "X-ANYTHING-1", "get"] {
            metrics.observe(method, "unmatched", 405, Duration::from_millis(1));
        }
        let text = metrics.render(None, None, Utc::now());
        assert!(
            text.contains(
                "http_requests_total{method=\"other\",route=\"unmatched\",status=\"405\"} 4"
            ),
            "{text}"
        );
        assert!(!text.contains("BREW"), "{text}");
    }

    #[test]
    fn renders_counts_histograms_and_pool_usage() {
        let metrics = Metrics::default();
        metrics.observe("GET", "/api/v1/items/", 200, Duration::from_millis(3));
        metrics.observe("GET", "/api/v1/items/", 200, Duration::from_millis(30));
        let jobs = JobCounts {
            queued: 2,
            dead: 1,
            oldest_queued_at: Some(Utc::now() - chrono::TimeDelta::seconds(90)),
            ..JobCounts::default()
        };
        let pool = PoolUsage {
            open: 3,
            idle: 1,
            max: 10,
        };
        let text = metrics.render(Some(pool), Some(jobs), Utc::now());
        assert!(text.contains("mail_jobs{state=\"queued\"} 2"), "{text}");
        assert!(text.contains("mail_jobs{state=\"dead\"} 1"), "{text}");
        assert!(text.contains("mail_job_oldest_queued_seconds 90"), "{text}");
        assert!(
            text.contains(
                "http_requests_total{method=\"GET\",route=\"/api/v1/items/\",status=\"200\"} 2"
            ),
            "{text}"
        );
        assert!(text.contains("# TYPE http_request_duration_seconds histogram"));
        assert!(text.contains("le=\"0.005\"} 1"), "{text}");
        assert!(text.contains("le=\"0.05\"} 2"), "{text}");
        assert!(
            text.contains("db_pool_connections{state=\"in_use\"} 2"),
            "{text}"
        );
    }

    #[test]
    fn apps_in_one_process_count_apart() {
        let (one, other) = (Metrics::default(), Metrics::default());
        one.observe("GET", "/readyz", 200, Duration::from_millis(1));
        assert!(!other.render(None, None, Utc::now()).contains("/readyz"));
    }
}
