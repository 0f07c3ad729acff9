//! The timestamp format.
use super::*;
use chrono::TimeZone;

#[derive(Serialize)]
struct Stamp(#[serde(serialize_with = "timestamp")] Option<DateTime<Utc>>);

#[test]
fn timestamps_print_six_fraction_digits_or_none() {
    let whole = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
    assert_eq!(
        serde_json::to_string(&Stamp(Some(whole))).unwrap(),
        "\"2026-01-01T00:00:00Z\""
    );
    let fraction = whole + chrono::Duration::microseconds(12_719);
    assert_eq!(
        serde_json::to_string(&Stamp(Some(fraction))).unwrap(),
        "\"2026-01-01T00:00:00.012719Z\""
    );
    assert_eq!(serde_json::to_string(&Stamp(None)).unwrap(), "null");
}

#[test]
fn timestamps_match_chrono_across_dates() {
    let start = Utc.with_ymd_and_hms(1999, 12, 31, 23, 59, 58).unwrap();
    for step in 0..2_000 {
        let time = start
            + chrono::Duration::seconds(step * 86_399 * 17)
            + chrono::Duration::microseconds(step * 7_919 % 1_000_000);
        let expected = if time.nanosecond() == 0 {
            time.format("%Y-%m-%dT%H:%M:%SZ").to_string()
        } else {
            time.format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string()
        };
        assert_eq!(iso8601(&time, &mut [0; 27]), expected);
    }
}
