//! Prometheus metrics: request count and latency by method, route and status, and the store's
//! connection pool. Served at `/metrics` only when enabled (and behind a bearer token if one is
//! configured), because route names and traffic volumes are not for the public.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::Mutex;
use std::time::Duration;

use hexstack_domain::ports::PoolUsage;

/// Upper bounds of the latency histogram, in seconds.
const BUCKETS: [f64; 12] = [
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0,
];

#[derive(Default)]
struct Series {
    count: u64,
    sum_seconds: f64,
    buckets: [u64; BUCKETS.len()],
}

/// The request metrics of one process.
#[derive(Default)]
pub struct Metrics {
    series: Mutex<BTreeMap<(String, String, u16), Series>>,
}

impl Metrics {
    /// Records one request.
    pub fn observe(&self, method: &str, route: &str, status: u16, elapsed: Duration) {
        let seconds = elapsed.as_secs_f64();
        let mut series = self
            .series
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let entry = series
            .entry((method.to_owned(), route.to_owned(), status))
            .or_default();
        entry.count += 1;
        entry.sum_seconds += seconds;
        for (bucket, bound) in entry.buckets.iter_mut().zip(BUCKETS) {
            if seconds <= bound {
                *bucket += 1;
            }
        }
    }

    /// The Prometheus text exposition of everything recorded, plus the pool's usage.
    pub fn render(&self, pool: Option<PoolUsage>) -> String {
        let mut out = String::new();
        out.push_str("# HELP http_requests_total Requests handled, by method, route and status.\n");
        out.push_str("# TYPE http_requests_total counter\n");
        let series = self
            .series
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        for ((method, route, status), s) in series.iter() {
            let _ = writeln!(
                out,
                "http_requests_total{{method=\"{method}\",route=\"{route}\",status=\"{status}\"}} {}",
                s.count
            );
        }
        out.push_str(
            "# HELP http_request_duration_seconds Request latency, by method, route and status.\n",
        );
        out.push_str("# TYPE http_request_duration_seconds histogram\n");
        for ((method, route, status), s) in series.iter() {
            let labels = format!("method=\"{method}\",route=\"{route}\",status=\"{status}\"");
            for (count, bound) in s.buckets.iter().zip(BUCKETS) {
                let _ = writeln!(
                    out,
                    "http_request_duration_seconds_bucket{{{labels},le=\"{bound}\"}} {count}"
                );
            }
            let _ = writeln!(
                out,
                "http_request_duration_seconds_bucket{{{labels},le=\"+Inf\"}} {}",
                s.count
            );
            let _ = writeln!(
                out,
                "http_request_duration_seconds_sum{{{labels}}} {}",
                s.sum_seconds
            );
            let _ = writeln!(
                out,
                "http_request_duration_seconds_count{{{labels}}} {}",
                s.count
            );
        }
        if let Some(pool) = pool {
            out.push_str("# HELP db_pool_connections Database pool connections, by state.\n");
            out.push_str("# TYPE db_pool_connections gauge\n");
            let _ = writeln!(
                out,
                "db_pool_connections{{state=\"in_use\"}} {}",
                pool.open.saturating_sub(pool.idle)
            );
            let _ = writeln!(out, "db_pool_connections{{state=\"idle\"}} {}", pool.idle);
            let _ = writeln!(out, "db_pool_connections{{state=\"max\"}} {}", pool.max);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_counts_histograms_and_pool_usage() {
        let metrics = Metrics::default();
        metrics.observe("GET", "/api/v1/items/", 200, Duration::from_millis(3));
        metrics.observe("GET", "/api/v1/items/", 200, Duration::from_millis(30));
        let text = metrics.render(Some(PoolUsage {
            open: 3,
            idle: 1,
            max: 10,
        }));
        assert!(text.contains(
            "http_requests_total{method=\"GET\",route=\"/api/v1/items/\",status=\"200\"} 2"
        ));
        assert!(text.contains("le=\"0.005\"} 1"));
        assert!(text.contains("le=\"0.05\"} 2"));
        assert!(text.contains("db_pool_connections{state=\"in_use\"} 2"));
    }
}
