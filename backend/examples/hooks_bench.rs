//! Throughput of the hooks engine, used by `make bench`. In one thread, on realistic
//! incident payloads:
//!   conditions  events/s, each matched against 100 active hooks' conditions of mixed
//!               shapes (equality, ranges, `in`, dotted paths, nested combinators)
//!   scripts     `execute_code` runs/s of an 8-line script building one notification
//!               (payload converted in, action converted out)
//! and prints tab-separated lines: LABEL  PER_SECOND  COUNT.
//!
//! Run: `hooks_bench [EVENTS] [SCRIPT_RUNS]` (defaults 50,000 and 20,000).

use std::hint::black_box;
use std::time::Instant;

use opsflux::platform::hooks::conditions;
use opsflux::platform::hooks::script::{Limits, Sandbox};
use serde_json::{Value, json};

const HOOKS: usize = 100;
const SEVERITIES: [&str; 4] = ["low", "medium", "high", "critical"];

const SCRIPT: &str = r#"
let severity = event.data.severity;
if severity != "critical" && severity != "high" { return; }
let recipients = if event.site.kind == "platform" { "role:offshore_manager" } else { "role:hse_manager" };
let title = `${severity.to_upper()}: incident #${event.incident_id} at ${event.site.name}`;
[#{
    type: "send_notification",
    config: #{ recipients: recipients, title: title, message: event.title, urgent: severity == "critical" }
}]
"#;

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let events: usize = args.next().map_or(Ok(50_000), |n| n.parse())?;
    let script_runs: usize = args.next().map_or(Ok(20_000), |n| n.parse())?;
    let payloads: Vec<Value> = (0..64).map(incident).collect();

    let hooks = (0..HOOKS).map(|i| conditions::parse(&condition(i))).collect::<Result<Vec<_>, _>>()?;
    let start = Instant::now();
    let mut matched = 0usize;
    for payload in payloads.iter().cycle().take(events) {
        matched += hooks.iter().filter(|hook| hook.matches(black_box(payload))).count();
    }
    let rate = events as f64 / start.elapsed().as_secs_f64();
    anyhow::ensure!(matched > 0 && matched < events * HOOKS, "the conditions should match some hooks, not all");
    println!("conditions\t{rate:.0}\t{events}");

    let sandbox = Sandbox::new(Limits::default());
    let script = sandbox.compile(SCRIPT)?;
    let start = Instant::now();
    let mut actions = 0usize;
    for payload in payloads.iter().cycle().take(script_runs) {
        actions += black_box(sandbox.run(&script, payload)?).len();
    }
    let rate = script_runs as f64 / start.elapsed().as_secs_f64();
    anyhow::ensure!(actions > 0, "the script should build notifications");
    println!("scripts\t{rate:.0}\t{script_runs}");
    Ok(())
}

/// The n-th event of a day of incidents on a handful of sites.
fn incident(n: usize) -> Value {
    let severity = SEVERITIES[n % 4];
    let status = ["pending", "approved", "closed"][n % 3];
    let department = ["operations", "maintenance", "finance", "hse"][n % 4];
    let zone = ["NW", "NE", "S"][n % 3];
    let (site, kind) = [("Alwyn North", "platform"), ("Pau base", "onshore"), ("FPSO Girassol", "fpso")][n % 3];
    json!({
        "incident_id": 10_000 + n,
        "title": format!("Gas detection alarm, module {}", n % 7),
        "status": status,
        "amount": (n * 337) % 20_000,
        "department": department,
        "reported_at": format!("2026-{:02}-{:02}T{:02}:15:00Z", n % 12 + 1, n % 28 + 1, n % 24),
        "closed_at": null,
        "tags": ["gas", "alarm", if n.is_multiple_of(2) { "h2s" } else { "ch4" }],
        "site": {"name": site, "kind": kind, "zone": zone},
        "data": {"severity": severity, "injured": n.is_multiple_of(5), "people": {"count": n % 6}},
        "reported_by": {"id": format!("u-{}", n % 40), "role": "operator"}
    })
}

/// Ten shapes of condition, each with its constants varied across the hundred hooks.
fn condition(i: usize) -> Value {
    match i % 10 {
        0 => json!({"data.severity": SEVERITIES[i % 4]}),
        1 => json!({"amount": {">=": 1000 + i * 150}}),
        2 => json!({"status": {"in": ["pending", "approved"]}}),
        3 => json!({"site.kind": "platform", "data.injured": true}),
        4 => json!({"any": [
            {"data.severity": "critical"},
            {"all": [{"amount": {">": i * 100}}, {"not": {"site.zone": "NW"}}]}
        ]}),
        5 => json!({"tags": {"contains": "h2s"}, "title": {"contains": format!("module {}", i % 7)}}),
        6 => {
            json!({"reported_at": {">=": format!("2026-{:02}-01T00:00:00Z", i % 12 + 1), "<": "2027-01-01T00:00:00Z"}})
        }
        7 => json!({"closed_at": {"exists": false}, "department": {"not_in": ["finance", "hr"]}}),
        8 => json!({"data.people.count": {"gt": i % 5}, "reported_by.role": {"ne": "contractor"}}),
        _ => {
            json!({"all": [{"incident_id": {"gte": 10_000}}, {"site.name": {"in": ["Alwyn North", "FPSO Girassol"]}}]})
        }
    }
}
