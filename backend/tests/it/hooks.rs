//! Hooks: checked against their event's schema when saved, run by the relay when their
//! event happens, each run recorded; a failing hook never stops the others.

use chrono::{Duration, Utc};
use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{Account, SmtpSink, TestApp, spawn_app, spawn_app_with};

/// A company administrator who manages hooks and users, in a fresh app.
struct Office {
    app: TestApp,
    admin: Account,
    token: String,
}

async fn office() -> Office {
    office_in(spawn_app().await).await
}

async fn office_in(app: TestApp) -> Office {
    app.act_as_superuser().await;
    let admin = app.create_account("ops@rig.example.com").await;
    let grants =
        json!({ "hooks.manage.hook": "company", "users.manage.user": "company", "roles.manage.role": "company" });
    app.give_role(&admin, "ops_admin", grants).await;
    let token = app.token_of(&admin).await;
    Office { app, admin, token }
}

impl Office {
    async fn call(&self, method: Method, path: &str, body: Option<&Value>) -> crate::helpers::Reply {
        self.app.authed(method, path, &self.token, body).await
    }

    async fn create_hook(&self, hook: Value) -> String {
        let reply = self.call(Method::POST, "/api/v1/hooks", Some(&hook)).await;
        assert_eq!(reply.status, 201, "{}", reply.text);
        reply.body["id"].as_str().unwrap().to_owned()
    }

    /// Invites someone, then lets the relay run the hooks and send what they made.
    async fn invite(&self, email: &str) {
        let body = json!({ "email": email, "full_name": "New Hand" });
        let reply = self.call(Method::POST, "/api/v1/users", Some(&body)).await;
        assert_eq!(reply.status, 201, "{}", reply.text);
        self.app.run_pending_jobs().await;
    }

    async fn hooks(&self) -> Vec<Value> {
        let reply = self.call(Method::GET, "/api/v1/hooks", None).await;
        assert_eq!(reply.status, 200, "{}", reply.text);
        reply.body["items"].as_array().unwrap().clone()
    }

    async fn executions(&self, hook: &str) -> Vec<Value> {
        let reply = self.call(Method::GET, &format!("/api/v1/hooks/{hook}/executions"), None).await;
        assert_eq!(reply.status, 200, "{}", reply.text);
        reply.body["items"].as_array().unwrap().clone()
    }
}

fn notify_leads(title: &str) -> Value {
    json!({ "type": "send_notification", "config": {
        "recipients": "role:shift_lead", "title": title, "message": "{email} joins the crew.",
        "category": "update", "priority": 1, "link": "/admin/users/{id}",
    }})
}

#[tokio::test]
async fn an_invitation_notifies_the_leads_live_by_email_deferred_or_skipped_as_each_chose() {
    let sink = SmtpSink::start().await;
    let smtp = sink.url();
    let office = office_in(spawn_app_with(move |s| s.email.smtp_url = Some(smtp.into())).await).await;
    let (app, admin) = (&office.app, &office.admin);
    let first = app.create_colleague(admin, "first@rig.example.com").await;
    let role = app.give_role(&first, "shift_lead", json!({ "users.view.user": "company" })).await;
    let role = &role;
    let lead = |email: &'static str| async move {
        let account = app.create_colleague(admin, email).await;
        let assigned =
            app.json(Method::PUT, &format!("/api/v1/users/{}/roles/{role}", account.user_id), &json!({})).await;
        assert_eq!(assigned.status, 204, "{}", assigned.text);
        let token = app.token_of(&account).await;
        (account, token)
    };
    let (watching, watching_token) = lead("watch@rig.example.com").await;
    let (sleeping, sleeping_token) = lead("sleep@rig.example.com").await;
    let (busy, busy_token) = lead("busy@rig.example.com").await;
    let prefer = |token: String, changes: Value| async move {
        let mut prefs = app.authed(Method::GET, "/api/v1/notifications/preferences", &token, None).await.body;
        prefs.as_object_mut().unwrap().extend(changes.as_object().unwrap().clone());
        let saved = app.authed(Method::PUT, "/api/v1/notifications/preferences", &token, Some(&prefs)).await;
        assert_eq!(saved.status, 200, "{}", saved.text);
    };
    let clock = |offset: Duration| (Utc::now() + offset).format("%H:%M").to_string();
    prefer(sleeping_token.clone(), json!({ "dnd_enabled": true, "dnd_start_time": clock(Duration::hours(-1)), "dnd_end_time": clock(Duration::hours(2)) })).await;
    prefer(busy_token.clone(), json!({ "min_priority": 2 })).await;

    let hook = office
        .create_hook(json!({
            "name": "Tell the shift leads about new crew", "event": "user.invited",
            "conditions": { "email": { "contains": "@rig.example.com" } },
            "actions": [notify_leads("New crew member: {full_name}")],
        }))
        .await;
    let mut stream = app.open_stream(&watching_token, None).await;
    office.invite("newhand@rig.example.com").await;

    let live = stream.next_named("notification", 5).await.expect("the notification, live");
    assert_eq!(live.data["title"], "New crew member: New Hand");
    assert_eq!(live.data["message"], "newhand@rig.example.com joins the crew.");
    app.run_pending_jobs().await;
    let to_watching = format!("To: {}", watching.email);
    let mail = crate::helpers::poll(10, || async {
        sink.messages().into_iter().find(|m| m.contains(&to_watching) && m.contains("New crew member: New Hand"))
    })
    .await;
    assert!(mail.is_some(), "the SMTP server got the email: {:#?}", sink.messages());
    let sleeping_inbox = app.authed(Method::GET, "/api/v1/notifications", &sleeping_token, None).await;
    let id = sleeping_inbox.body["items"][0]["id"].as_str().expect("in the inbox at once").to_owned();
    let detail = app.authed(Method::GET, &format!("/api/v1/notifications/{id}"), &sleeping_token, None).await;
    let email = detail.body["channels"].as_array().unwrap().iter().find(|c| c["channel"] == "email").unwrap().clone();
    assert_eq!((email["status"].as_str(), email["reason"].as_str()), (Some("deferred"), Some("dnd")));
    let got = |email: &str| {
        sink.messages().iter().any(|m| m.contains(&format!("To: {email}")) && m.contains("New crew member"))
    };
    assert!(!got(&sleeping.email), "deferred: nothing during the window");
    let busy_inbox = app.authed(Method::GET, "/api/v1/notifications", &busy_token, None).await;
    assert_eq!(busy_inbox.body["items"], json!([]), "below their minimum priority");
    assert!(!got(&busy.email), "skipped: nothing at all");

    let runs = office.executions(&hook).await;
    assert_eq!(runs.len(), 1);
    assert_eq!(runs[0]["success"], true, "{:?}", runs[0]);
    assert_eq!(runs[0]["actions"][0], json!({ "type": "send_notification", "recipients": 4 }));
    assert_eq!(runs[0]["context"]["email"], "newhand@rig.example.com");

    // Someone outside the condition: no run.
    office.invite("contractor@elsewhere.example.com").await;
    assert_eq!(office.executions(&hook).await.len(), 1);
}

#[tokio::test]
async fn a_runaway_script_is_stopped_and_logged_while_the_other_hooks_run() {
    let office = office().await;
    let app = &office.app;
    let lead = app.create_colleague(&office.admin, "lead@rig.example.com").await;
    app.give_role(&lead, "shift_lead", json!({ "users.view.user": "company" })).await;
    let runaway = office
        .create_hook(json!({
            "name": "Runaway", "event": "user.invited", "priority": 0,
            "actions": [{ "type": "execute_code", "config": { "code": "let n = 0; loop { n += 1; }" } }],
        }))
        .await;
    let scripted = office
        .create_hook(json!({
            "name": "Scripted", "event": "user.invited", "priority": 1,
            "actions": [{ "type": "execute_code", "config": { "code": r#"
                if event.email.ends_with("@rig.example.com") {
                    [#{ type: "send_notification", config: #{ recipients: "role:shift_lead", title: "Welcome " + event.full_name, message: "Scripted hello" } }]
                }
            "# } }],
        }))
        .await;
    office.invite("newhand@rig.example.com").await;

    let stopped = &office.executions(&runaway).await[0];
    assert_eq!(stopped["success"], false);
    assert!(
        stopped["error"].as_str().unwrap().contains("too_many_operations")
            || stopped["error"].as_str().unwrap().contains("timeout"),
        "{stopped}"
    );
    assert!(stopped["duration_ms"].as_i64().unwrap() < 2000);
    let ran = &office.executions(&scripted).await[0];
    assert_eq!(ran["success"], true, "{ran}");
    let token = app.token_of(&lead).await;
    let inbox = app.authed(Method::GET, "/api/v1/notifications", &token, None).await;
    assert_eq!(inbox.body["items"][0]["title"], "Welcome New Hand");
}

#[tokio::test]
async fn hooks_are_checked_against_their_events_schema() {
    let office = office().await;
    let post = |hook: Value| {
        let office = &office;
        async move { office.call(Method::POST, "/api/v1/hooks", Some(&hook)).await }
    };
    let base = |conditions: Value, actions: Value| json!({ "name": "h", "event": "user.invited", "conditions": conditions, "actions": actions });
    let ok_action = json!([notify_leads("Hi {full_name}")]);
    let cases = [
        (json!({ "name": "h", "event": "user.promoted", "actions": ok_action }), "event", "unknown_event"),
        (base(json!({ "emial": "x" }), ok_action.clone()), "", "unknown_field"),
        (base(json!({ "email": { "like": "x" } }), ok_action.clone()), "", "unknown_operator"),
        (base(json!({ "is_active": { "gt": 3 } }), ok_action.clone()), "", ""),
        (base(json!(null), json!([notify_leads("Hi {nickname}")])), "actions[0].config.title", "unknown_field"),
        (base(json!(null), json!([{ "type": "send_fax", "config": {} }])), "actions[0].type", "unknown_action"),
        (
            base(json!(null), json!([{ "type": "create_task", "config": { "task": "open_investigation" } }])),
            "actions[0].config.task",
            "unknown_task",
        ),
        (
            base(json!(null), json!([{ "type": "execute_code", "config": { "code": "let x = ;" } }])),
            "actions[0].config.code",
            "invalid_script",
        ),
        (
            base(
                json!(null),
                json!([{ "type": "send_email", "config": { "template": "nope", "recipients": "role:x" } }]),
            ),
            "actions[0].config.template",
            "unknown_template",
        ),
        (base(json!(null), json!([])), "actions", "length"),
    ];
    for (hook, field, code) in cases {
        let reply = post(hook.clone()).await;
        let problem = reply.assert_problem(422, "validation_failed");
        let error = &problem["errors"][0];
        if !field.is_empty() {
            assert_eq!(error["field"], field, "{hook}: {problem}");
        }
        if !code.is_empty() {
            assert_eq!(error["code"], code, "{hook}: {problem}");
        }
    }
    let saved: Vec<Value> = office.hooks().await.into_iter().filter(|h| h["module"].is_null()).collect();
    assert_eq!(saved, Vec::<Value>::new(), "nothing was saved");

    let events = office.call(Method::GET, "/api/v1/hooks/events", None).await;
    let invited =
        events.body["items"].as_array().unwrap().iter().find(|e| e["name"] == "user.invited").unwrap().clone();
    assert_eq!(invited["schema"]["properties"]["email"]["type"], "string");
    assert!(invited["sample"]["email"].is_string());
}

#[tokio::test]
async fn a_dry_run_shows_what_a_hook_would_do_and_does_nothing() {
    let office = office().await;
    let hook = office
        .create_hook(json!({
            "name": "Dry", "event": "user.invited", "conditions": { "locale": "fr" },
            "actions": [notify_leads("Nouveau : {full_name}")],
        }))
        .await;
    let path = format!("/api/v1/hooks/{hook}/test");
    let french =
        json!({ "context": { "full_name": "Awa Diallo", "email": "awa@rig.example.com", "locale": "fr", "id": "x" } });
    let tried = office.call(Method::POST, &path, Some(&french)).await;
    assert_eq!(tried.status, 200, "{}", tried.text);
    assert_eq!(tried.body["matched"], true);
    assert_eq!(tried.body["actions"][0]["title"], "Nouveau : Awa Diallo");
    assert_eq!(tried.body["actions"][0]["recipients"], 0);

    let english = json!({ "context": { "full_name": "Bob", "locale": "en" } });
    assert_eq!(office.call(Method::POST, &path, Some(&english)).await.body["matched"], false);
    let missing = json!({ "context": { "locale": "fr", "email": "x@y.z", "id": "x" } });
    let reply = office.call(Method::POST, &path, Some(&missing)).await;
    assert!(reply.body["actions"][0]["error"].as_str().unwrap().contains("full_name"), "{}", reply.text);
    assert_eq!(office.executions(&hook).await, Vec::<Value>::new(), "a dry run is not a run");

    let stranger = office.app.create_account("else@other.example.com").await;
    let token = office.app.token_of(&stranger).await;
    let theirs = office.app.authed(Method::POST, &path, &token, Some(&french)).await;
    theirs.assert_problem(403, "permission_denied");
}

#[tokio::test]
async fn call_webhook_sends_the_event_signed_to_the_chosen_endpoint_only() {
    let receiver = crate::helpers::WebhookReceiver::start().await;
    let allowed = format!("127.0.0.1:{}", receiver.port);
    let app = crate::helpers::spawn_app_with(move |s| s.webhooks.allowed_hosts = vec![allowed]).await;
    app.act_as_superuser().await;
    // The endpoint itself wants another event: only the hook sends it this one.
    let endpoint = app
        .post("/api/v1/webhooks/endpoints", &json!({ "url": receiver.url(), "event_types": ["delivery.failed"] }))
        .await;
    assert_eq!(endpoint.status, 201, "{}", endpoint.text);
    receiver.control(json!({ "secret": endpoint.body["secret"] })).await;
    let endpoint_id = endpoint.body["id"].as_str().unwrap();
    let created = app
        .post(
            "/api/v1/hooks",
            &json!({ "name": "Tell the ERP", "event": "user.invited",
                     "actions": [{ "type": "call_webhook", "config": { "endpoint_id": endpoint_id } }] }),
        )
        .await;
    assert_eq!(created.status, 201, "{}", created.text);
    let gone = app
        .post(
            "/api/v1/hooks",
            &json!({ "name": "Broken", "event": "user.invited",
                     "actions": [{ "type": "call_webhook", "config": { "endpoint_id": uuid::Uuid::now_v7() } }] }),
        )
        .await;
    assert_eq!(gone.status, 201, "{}", gone.text);

    app.invite("erp@rig.example.com", "Synced Person").await;
    app.run_pending_jobs().await;
    let received = receiver.received().await;
    assert_eq!(received.len(), 1, "{received:?}");
    assert_eq!(received[0]["valid"], true, "signed: {}", received[0]);
    assert_eq!(received[0]["type"], "user.invited");
    assert_eq!(received[0]["data"]["data"]["email"], "erp@rig.example.com");

    let runs = app.get(&format!("/api/v1/hooks/{}/executions", gone.body["id"].as_str().unwrap())).await;
    assert_eq!(runs.body["items"][0]["success"], false);
    assert!(runs.body["items"][0]["error"].as_str().unwrap().contains("not found"), "{}", runs.text);
}

#[tokio::test]
async fn create_task_runs_a_modules_task_after_the_event_as_the_hooks_author() {
    let receiver = crate::helpers::WebhookReceiver::start().await;
    let allowed = format!("127.0.0.1:{}", receiver.port);
    let app = spawn_app_with(move |s| {
        s.webhooks.allowed_hosts = vec![allowed];
        s.webhooks.retry_base_delay_ms = 50;
    })
    .await;
    app.act_as_superuser().await;
    let endpoint = app
        .post("/api/v1/webhooks/endpoints", &json!({ "url": receiver.url(), "event_types": ["user.invited"] }))
        .await;
    assert_eq!(endpoint.status, 201, "{}", endpoint.text);
    receiver.control(json!({ "secret": endpoint.body["secret"], "fail_next": 100 })).await;
    let endpoint_id = endpoint.body["id"].as_str().unwrap().to_owned();
    app.invite("first@rig.example.com", "Lost Delivery").await;
    app.run_pending_jobs_skipping_backoffs(10).await;
    let failed = app.webhook_deliveries(&endpoint_id).await;
    assert_eq!(failed[0]["status"], "failed", "{failed:?}");

    let tasks = app.get("/api/v1/hooks/tasks").await;
    assert!(tasks.body.as_array().unwrap().iter().any(|t| t["name"] == "webhooks.replay_failed"), "{}", tasks.text);
    let bad = json!({ "name": "x", "event": "user.invited",
        "actions": [{ "type": "create_task", "config": { "task": "webhooks.replay_failed", "params": { "hours": 9999 } } }] });
    let refused = app.post("/api/v1/hooks", &bad).await;
    assert_eq!(refused.assert_problem(422, "validation_failed")["errors"][0]["code"], "invalid_params");

    let hook = json!({ "name": "Replay when someone joins", "event": "user.invited",
        "actions": [{ "type": "create_task", "config": { "task": "webhooks.replay_failed", "params": { "endpoint_id": endpoint_id } } }] });
    let created = app.post("/api/v1/hooks", &hook).await;
    assert_eq!(created.status, 201, "{}", created.text);
    receiver.control(json!({ "fail_next": 0 })).await;
    app.invite("second@rig.example.com", "Trigger").await;
    app.run_pending_jobs().await;

    let first = app.webhook_deliveries(&endpoint_id).await.into_iter().find(|d| d["id"] == failed[0]["id"]).unwrap();
    assert_eq!(first["status"], "delivered", "the failed delivery went again: {first}");
    use opsflux::platform::hooks::tasks::model as task;
    use sea_orm::EntityTrait;
    let ran = task::Entity::find().one(&app.state.db).await.unwrap().expect("the task row");
    assert_eq!(ran.status, "done", "{ran:?}");
    assert_eq!(ran.result, Some(json!({ "endpoint_id": endpoint_id, "replayed": 1 })));
}

#[tokio::test]
async fn companies_get_the_modules_default_hooks_once_and_keep_their_choices() {
    let office = office().await;
    let defaults = office.hooks().await;
    let modules: Vec<&str> = defaults.iter().filter_map(|h| h["module"].as_str()).collect();
    assert!(modules.contains(&"webhooks") && modules.contains(&"messages"), "{defaults:?}");

    // Edited and deleted defaults stay as the company left them after a restart.
    let webhook_hook = defaults.iter().find(|h| h["module"] == "webhooks").unwrap();
    let edited = json!({
        "name": webhook_hook["name"], "event": webhook_hook["event"], "is_active": false,
        "conditions": webhook_hook["conditions"], "actions": webhook_hook["actions"], "priority": 5,
    });
    let path = format!("/api/v1/hooks/{}", webhook_hook["id"].as_str().unwrap());
    assert_eq!(office.call(Method::PUT, &path, Some(&edited)).await.status, 200);
    let delivery_hook = defaults.iter().find(|h| h["module"] == "messages").unwrap();
    let gone = format!("/api/v1/hooks/{}", delivery_hook["id"].as_str().unwrap());
    assert_eq!(office.call(Method::DELETE, &gone, None).await.status, 204);
    let sibling = crate::helpers::spawn_sibling(&office.app).await;
    drop(sibling);
    let after = office.hooks().await;
    assert_eq!(after.len(), defaults.len() - 1, "the deleted default is not put back: {after:?}");
    let kept = after.iter().find(|h| h["id"] == webhook_hook["id"]).unwrap();
    assert_eq!((kept["is_active"].clone(), kept["priority"].clone()), (json!(false), json!(5)));
}
