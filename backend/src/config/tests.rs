//! The settings' loading, rules and documentation examples.

use super::*;

fn production() -> Settings {
    Settings {
        env: Environment::Production,
        database_url: "postgres://db/opsflux".into(),
        redis_url: Some("redis://cache".into()),
        secret_key: "a-real-secret-of-at-least-thirty-two-chars".into(),
        antivirus: AntivirusSettings { clamd_url: Some("tcp://clamav:3310".into()), ..Default::default() },
        ..Settings::default()
    }
}

#[test]
fn access_tokens_shorter_than_a_minute_only_in_test_runs() {
    let with = |env, access_token_ttl_secs| Settings {
        env,
        auth: AuthSettings { access_token_ttl_secs, ..Default::default() },
        secret_key: "a-real-secret-of-at-least-thirty-two-chars".into(),
        ..Settings::default()
    };
    assert!(with(Environment::Test, 3).validate().is_ok());
    assert!(with(Environment::Test, 0).validate().is_err());
    assert!(matches!(with(Environment::Development, 3).validate(), Err(ConfigError::Rule(_))));
    assert!(with(Environment::Development, 60).validate().is_ok());
}

#[test]
fn embedded_defaults_are_valid_with_a_secret_generated_once_per_data_dir() {
    figment::Jail::expect_with(|_| {
        let first = Settings::load().map_err(|e| e.to_string())?;
        assert!(first.auto_migrate());
        assert!(first.secret_key.len() >= 32 && *first.secret_key != *DEFAULT_SECRET_KEY);
        let file = Path::new("data").join(SECRET_KEY_FILE);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(std::fs::metadata(&file).unwrap().permissions().mode() & 0o777, 0o600);
        }
        // The worker, the admin commands, a restart: the same secret.
        assert_eq!(Settings::load().map_err(|e| e.to_string())?.secret_key, first.secret_key);
        Ok(())
    });
}

#[test]
fn processes_starting_together_share_the_first_secret_written() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("data").join(SECRET_KEY_FILE);
    let secrets: Vec<String> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..8).map(|_| scope.spawn(|| load_or_create_secret(&path).unwrap())).collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    assert!(secrets.iter().all(|s| s == &secrets[0]), "{secrets:?}");
    assert_eq!(std::fs::read_to_string(&path).unwrap().trim(), secrets[0]);
    assert_eq!(std::fs::read_dir(path.parent().unwrap()).unwrap().count(), 1, "no file left aside");
}

#[test]
fn the_public_development_key_is_refused_beyond_loopback() {
    let development = |host: [u8; 4]| Settings {
        secret_key: DEFAULT_SECRET_KEY.into(),
        host: IpAddr::from(host),
        ..Settings::default()
    };
    assert!(development([127, 0, 0, 1]).validate().is_ok());
    assert!(matches!(development([0, 0, 0, 0]).validate(), Err(ConfigError::Rule(_))));
    assert!(matches!(development([10, 0, 0, 5]).validate(), Err(ConfigError::Rule(_))));
    let test_on_v6 = Settings { env: Environment::Test, host: "::".parse().unwrap(), ..development([0; 4]) };
    assert!(test_on_v6.validate().is_err());
}

#[test]
fn production_needs_its_own_secret() {
    figment::Jail::expect_with(|jail| {
        jail.set_env("OPSFLUX_ENV", "production");
        jail.set_env("OPSFLUX_DATABASE_URL", "postgres://db/opsflux");
        jail.set_env("OPSFLUX_REDIS_URL", "redis://cache");
        assert!(matches!(Settings::load(), Err(ConfigError::UnsafeForProduction(_))));
        assert!(!Path::new("data").exists(), "nothing generated in production");
        Ok(())
    });
}

/// Every URL the README gives as an example of a `*_URL` setting, as
/// `OPSFLUX_…_URL=value` or in a table row, is read by the same code as at run time.
#[test]
fn every_readme_url_example_parses() {
    use std::str::FromStr;
    let backticked = |text: &str| -> Vec<String> { text.split('`').skip(1).step_by(2).map(String::from).collect() };
    let mut examples: Vec<(String, String)> =
        readme_examples().into_iter().filter(|(name, _)| name.ends_with("_URL")).collect();
    let readme = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../README.md"));
    for row in readme.lines().filter_map(|line| line.strip_prefix("| `OPSFLUX_")) {
        let (names, rest) = row.split_once('|').unwrap_or_default();
        for name in backticked(&format!("`OPSFLUX_{names}")).iter().filter(|name| name.ends_with("_URL")) {
            examples.extend(backticked(rest).into_iter().filter(|v| v.contains("://")).map(|v| (name.clone(), v)));
        }
    }
    let names: std::collections::HashSet<&str> = examples.iter().map(|(name, _)| name.as_str()).collect();
    for expected in [
        "OPSFLUX_DATABASE_URL",
        "OPSFLUX_REDIS_URL",
        "OPSFLUX_SMTP_URL",
        "OPSFLUX_PUBLIC_URL",
        "OPSFLUX_CLAMD_URL",
        "OPSFLUX_STORAGE_URL",
    ] {
        assert!(names.contains(expected), "no example of {expected} found in the README: {examples:?}");
    }
    for (name, url) in &examples {
        assert!(!url.contains('…'), "{name}: `{url}` is not a complete example");
        let parsed: Result<(), String> = match name.as_str() {
            "OPSFLUX_DATABASE_URL" if url.starts_with("sqlite:") => {
                sea_orm::sqlx::sqlite::SqliteConnectOptions::from_str(url).map(drop).map_err(|e| e.to_string())
            }
            "OPSFLUX_DATABASE_URL" => {
                sea_orm::sqlx::postgres::PgConnectOptions::from_str(url).map(drop).map_err(|e| e.to_string())
            }
            "OPSFLUX_REDIS_URL" => {
                deadpool_redis::redis::Client::open(url.as_str()).map(drop).map_err(|e| e.to_string())
            }
            "OPSFLUX_SMTP_URL" | "OPSFLUX_SMTP_FALLBACK_URL" => {
                crate::infra::mail::smtp_transport(url).map(drop).map_err(|e| format!("{e:#}"))
            }
            "OPSFLUX_CLAMD_URL" => {
                crate::infra::antivirus::parse_clamd_url(url).map(drop).map_err(|e| format!("{e:#}"))
            }
            "OPSFLUX_STORAGE_URL" => crate::infra::storage::parse_url(url).map(drop).map_err(|e| format!("{e:#}")),
            _ => reqwest::Url::parse(url)
                .map_err(|e| e.to_string())
                .and_then(|u| ["http", "https"].contains(&u.scheme()).then_some(()).ok_or("not http(s)".into())),
        };
        assert!(parsed.is_ok(), "{name}={url}: {parsed:?}");
    }
}

/// A phone number or an id made of digits was read as a number, and refused.
#[test]
fn free_text_settings_keep_what_was_written() {
    figment::Jail::expect_with(|jail| {
        jail.set_env("OPSFLUX_SMS_FROM", "+15005550006");
        jail.set_env("OPSFLUX_SMS_ACCOUNT_SID", "0012345");
        jail.set_env("OPSFLUX_SMS_AUTH_TOKEN", "4242");
        jail.set_env("OPSFLUX_SECRET_KEY", "0123456789012345678901234567890123456789");
        jail.set_env("OPSFLUX_REDIS_PREFIX", "2026");
        jail.set_env("OPSFLUX_PORT", "9090");
        let s = Settings::load().map_err(|e| e.to_string())?;
        assert_eq!(s.sms.from.as_deref(), Some("+15005550006"));
        assert_eq!(s.sms.account_sid.as_deref(), Some("0012345"));
        assert_eq!(s.sms.auth_token.as_deref(), Some("4242"));
        assert_eq!(&*s.secret_key, "0123456789012345678901234567890123456789");
        assert_eq!((s.redis_prefix.as_str(), s.port), ("2026", 9090), "the others are still parsed");
        Ok(())
    });
}

#[test]
fn secrets_never_print() {
    let settings = Settings {
        secret_key: "a-real-secret-of-at-least-thirty-two-chars".into(),
        email: EmailSettings {
            smtp_url: Some("smtp://mailer:hunter2@smtp.example.com:587?tls=required".into()),
            ..Default::default()
        },
        sms: SmsSettings { auth_token: Some("twilio-token-42".into()), ..Default::default() },
        ..Settings::default()
    };
    let printed = format!("{settings:?}");
    for secret in ["a-real-secret", "hunter2", "twilio-token-42"] {
        assert!(!printed.contains(secret), "{secret} in {printed}");
    }
    assert!(printed.contains("secret_key: ***"), "{printed}");
    assert_eq!(settings.secret_key.len(), 42, "the value is still there for its use");
}

#[test]
fn production_accepts_a_real_setup_and_does_not_auto_migrate() {
    let s = production();
    assert!(s.validate().is_ok());
    assert!(!s.auto_migrate());
}

#[test]
fn production_refuses_default_secret_sqlite_and_missing_redis() {
    let s = Settings { secret_key: DEFAULT_SECRET_KEY.into(), ..production() };
    assert!(matches!(s.validate(), Err(ConfigError::UnsafeForProduction(_))));
    let s = Settings { database_url: "sqlite://x.db".into(), ..production() };
    assert!(matches!(s.validate(), Err(ConfigError::UnsafeForProduction(_))));
    let s = Settings { redis_url: None, ..production() };
    assert!(matches!(s.validate(), Err(ConfigError::UnsafeForProduction(_))));
}

/// An upload nobody scanned could carry anything to every reader of the file.
#[test]
fn production_refuses_to_run_without_a_virus_scanner() {
    let unscanned = Settings { antivirus: AntivirusSettings::default(), ..production() };
    assert!(
        matches!(unscanned.validate(), Err(ConfigError::UnsafeForProduction(m)) if m.contains("OPSFLUX_CLAMD_URL"))
    );
    let development = Settings { secret_key: production().secret_key, ..Settings::default() };
    assert!(development.validate().is_ok(), "scanning is optional outside production");
}

#[test]
fn the_scanner_settings_come_from_the_environment_and_its_url_is_checked() {
    figment::Jail::expect_with(|jail| {
        jail.set_env("OPSFLUX_CLAMD_URL", "tcp://127.0.0.1:3310");
        jail.set_env("OPSFLUX_CLAMD_TIMEOUT_MS", "5000");
        jail.set_env("OPSFLUX_CLAMD_UNAVAILABLE", "quarantine");
        let s = Settings::load().map_err(|e| e.to_string())?;
        assert_eq!(s.antivirus.clamd_url.as_deref(), Some("tcp://127.0.0.1:3310"));
        assert_eq!(s.antivirus.timeout_ms, 5000);
        assert_eq!(s.antivirus.when_unavailable, crate::infra::antivirus::WhenUnavailable::Quarantine);
        jail.set_env("OPSFLUX_CLAMD_URL", "127.0.0.1:3310");
        assert!(matches!(Settings::load(), Err(ConfigError::Rule(m)) if m.contains("tcp://host:port")));
        jail.set_env("OPSFLUX_CLAMD_URL", "tcp://127.0.0.1:3310");
        jail.set_env("OPSFLUX_CLAMD_UNAVAILABLE", "ignore");
        assert!(matches!(Settings::load(), Err(ConfigError::Invalid(_))));
        Ok(())
    });
}

#[test]
fn env_overrides_defaults_and_splits_lists() {
    figment::Jail::expect_with(|jail| {
        jail.set_env("OPSFLUX_PORT", "9090");
        jail.set_env("OPSFLUX_CORS_ORIGINS", "https://a.example, https://b.example");
        jail.set_env("OPSFLUX_REDIS_URL", "redis://127.0.0.1:6379");
        let s = Settings::load().map_err(|e| e.to_string())?;
        assert_eq!(s.port, 9090);
        assert_eq!(s.cors_origins(), ["https://a.example", "https://b.example"]);
        assert_eq!(s.redis_url.as_deref(), Some("redis://127.0.0.1:6379"));
        Ok(())
    });
}

#[test]
fn every_list_accepts_commas_and_json_lists() {
    for (value, expected) in [
        ("127.0.0.1:9000", vec!["127.0.0.1:9000"]),
        ("127.0.0.1:9000, localhost:9001", vec!["127.0.0.1:9000", "localhost:9001"]),
        (r#"["127.0.0.1:9000", "localhost:9001"]"#, vec!["127.0.0.1:9000", "localhost:9001"]),
        ("", vec![]),
    ] {
        figment::Jail::expect_with(|jail| {
            jail.set_env("OPSFLUX_WEBHOOK_ALLOWED_HOSTS", value);
            jail.set_env("OPSFLUX_CORS_ORIGINS", value);
            let s = Settings::load().map_err(|e| format!("{value}: {e}"))?;
            assert_eq!(s.webhooks.allowed_hosts, expected, "{value}");
            assert_eq!(s.cors_origins(), expected, "{value}");
            Ok(())
        });
    }
}

#[test]
fn cors_allows_the_dev_server_by_default_except_in_production() {
    let development = Settings::default();
    assert_eq!(development.cors_origins(), DEVELOPMENT_ORIGINS);
    assert_eq!(production().cors_origins(), Vec::<String>::new());
    let configured = Settings { cors_origins: Some(vec!["https://ops.example".into()]), ..production() };
    assert_eq!(configured.cors_origins(), ["https://ops.example"]);
}

#[test]
fn the_metrics_listener_is_loopback_unless_moved_or_turned_off() {
    assert_eq!(Settings::default().metrics_addr, Some("127.0.0.1:9464".parse().unwrap()));
    for (value, expected) in [("off", None), ("", None), ("0.0.0.0:9100", Some("0.0.0.0:9100".parse().unwrap()))] {
        figment::Jail::expect_with(|jail| {
            jail.set_env("OPSFLUX_METRICS_ADDR", value);
            assert_eq!(Settings::load().map_err(|e| e.to_string())?.metrics_addr, expected, "{value}");
            Ok(())
        });
    }
    figment::Jail::expect_with(|jail| {
        jail.set_env("OPSFLUX_METRICS_ADDR", "9464");
        assert!(matches!(Settings::load(), Err(ConfigError::Invalid(_))));
        Ok(())
    });
}

/// Every `OPSFLUX_NAME=value` the README shows.
fn readme_examples() -> Vec<(String, String)> {
    let readme = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../README.md"));
    let mut examples = Vec::new();
    for (at, _) in readme.match_indices("OPSFLUX_") {
        let rest = &readme[at..];
        let name_end = rest.find(|c: char| !(c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')).unwrap();
        let Some(value) = rest[name_end..].strip_prefix('=') else { continue };
        let value = value.split(|c: char| c.is_whitespace() || c == '`' || c == '|').next().unwrap();
        examples.push((rest[..name_end].to_owned(), value.to_owned()));
    }
    examples
}

#[test]
fn the_readme_examples_are_understood() {
    let examples = readme_examples();
    let names: Vec<&str> = examples.iter().map(|(name, _)| name.as_str()).collect();
    for documented in ["OPSFLUX_WEBHOOK_ALLOWED_HOSTS", "OPSFLUX_CORS_ORIGINS", "OPSFLUX_METRICS_ADDR", "OPSFLUX_HOST"]
    {
        assert!(names.contains(&documented), "the README shows {documented}=…: {names:?}");
    }
    for (name, value) in examples {
        figment::Jail::expect_with(|jail| {
            jail.set_env(&name, &value);
            // A rule may refuse the example alone (production needs more); the
            // settings must parse.
            if let Err(ConfigError::Invalid(err)) = Settings::load() {
                panic!("README example {name}={value} does not parse: {err}");
            }
            Ok(())
        });
    }
}

#[test]
fn toml_file_is_read_and_env_wins_over_it() {
    figment::Jail::expect_with(|jail| {
        jail.create_file("opsflux.toml", "port = 7070\nlog_level = \"debug\"\n")?;
        jail.set_env("OPSFLUX_LOG_LEVEL", "warn");
        let s = Settings::load().map_err(|e| e.to_string())?;
        assert_eq!(s.port, 7070);
        assert_eq!(s.log_level, "warn");
        Ok(())
    });
}

#[test]
fn notification_settings_come_from_the_environment() {
    figment::Jail::expect_with(|jail| {
        jail.set_env("OPSFLUX_NOTIFICATIONS_STREAM_KEEPALIVE_SECS", "5");
        jail.set_env("OPSFLUX_NOTIFICATIONS_STREAM_TICKET_SECS", "30");
        let s = Settings::load().map_err(|e| e.to_string())?;
        assert_eq!((s.notifications.stream_keepalive_secs, s.notifications.stream_ticket_secs), (5, 30));
        Ok(())
    });
}
