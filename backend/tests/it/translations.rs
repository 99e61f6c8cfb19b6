use reqwest::Method;
use serde_json::json;

use crate::helpers::spawn_app;

#[tokio::test]
async fn the_catalogue_is_served_with_an_etag_and_a_304_while_unchanged() {
    let app = spawn_app().await;
    let fr = app.get_without_token("/api/v1/i18n/fr").await;
    assert_eq!(fr.status, 200, "{}", fr.text);
    assert_eq!(fr.body["messages"]["menu.admin.users"], "Utilisateurs");
    assert_eq!(
        fr.body["messages"]["permission.notifications.send.notification"],
        "Envoyer une notification aux personnes de la société"
    );
    let en = app.get_without_token("/api/v1/i18n/en").await;
    assert_eq!(en.body["messages"]["menu.admin.users"], "Users");
    let etag = fr.header("etag").expect("an ETag").to_owned();
    assert_eq!(etag, format!("\"{}\"", fr.body["version"].as_str().unwrap()));

    let again = app.send(app.client.get(app.url("/api/v1/i18n/fr")).header("if-none-match", &etag)).await;
    assert_eq!(again.status, 304);
    assert!(again.text.is_empty());
    app.get_without_token("/api/v1/i18n/de").await.assert_problem(404, "not_found");
}

#[tokio::test]
async fn a_company_puts_its_own_words_on_a_key_and_only_it_sees_them() {
    let app = spawn_app().await;
    app.act_as_superuser().await;
    let editor = app.create_account("words@rig.example.com").await;
    app.give_role(&editor, "translator", json!({ "i18n.manage.translation": "company" })).await;
    let token = app.token_of(&editor).await;
    let before = app.authed(Method::GET, "/api/v1/i18n/fr", &token, None).await;

    let saved =
        app.authed(Method::PUT, "/api/v1/i18n-keys/menu.admin.users", &token, Some(&json!({ "fr": "Équipage" }))).await;
    assert_eq!(saved.status, 200, "{}", saved.text);
    assert_eq!(saved.body["default_fr"], "Utilisateurs");
    assert_eq!((saved.body["fr"].clone(), saved.body["en"].clone()), (json!("Équipage"), json!(null)));

    let mine = app.authed(Method::GET, "/api/v1/i18n/fr", &token, None).await;
    assert_eq!(mine.body["messages"]["menu.admin.users"], "Équipage");
    assert_ne!(mine.header("etag"), before.header("etag"), "a new version");
    let signed_out = app.get_without_token("/api/v1/i18n/fr").await;
    assert_eq!(signed_out.body["messages"]["menu.admin.users"], "Utilisateurs");
    let other = app.create_account("other@else.example.com").await;
    let theirs = app.authed(Method::GET, "/api/v1/i18n/fr", &app.token_of(&other).await, None).await;
    assert_eq!(theirs.body["messages"]["menu.admin.users"], "Utilisateurs", "another company keeps the default");

    let found = app.authed(Method::GET, "/api/v1/i18n-keys?search=%C3%A9quipage", &token, None).await;
    assert_eq!(found.body.as_array().unwrap().len(), 1, "{}", found.text);
    let cleared = app.authed(Method::PUT, "/api/v1/i18n-keys/menu.admin.users", &token, Some(&json!({}))).await;
    assert_eq!(cleared.body["fr"], json!(null));
    let back = app.authed(Method::GET, "/api/v1/i18n/fr", &token, None).await;
    assert_eq!(back.header("etag"), before.header("etag"), "back to the defaults");
}

#[tokio::test]
async fn bad_words_and_strangers_are_refused() {
    let app = spawn_app().await;
    app.act_as_superuser().await;
    let editor = app.create_account("words@rig.example.com").await;
    app.give_role(&editor, "translator", json!({ "i18n.manage.translation": "company" })).await;
    let token = app.token_of(&editor).await;
    let put = |key: &'static str, body: serde_json::Value| {
        let token = token.clone();
        let app = &app;
        async move { app.authed(Method::PUT, &format!("/api/v1/i18n-keys/{key}"), &token, Some(&body)).await }
    };
    put("menu.admin.users", json!({ "fr": "   " })).await.assert_problem(422, "validation_failed");
    put("menu.admin.users", json!({ "de": "Benutzer" })).await.assert_problem(422, "validation_failed");
    put("no.such.key", json!({ "fr": "x" })).await.assert_problem(404, "not_found");
    let stranger = app.create_colleague(&editor, "viewer@rig.example.com").await;
    let reply = app
        .authed(
            Method::PUT,
            "/api/v1/i18n-keys/menu.admin.users",
            &app.token_of(&stranger).await,
            Some(&json!({ "fr": "x" })),
        )
        .await;
    reply.assert_problem(403, "permission_denied");
    let keys = app.authed(Method::GET, "/api/v1/i18n-keys?overridden=true", &token, None).await;
    assert_eq!(keys.body, json!([]), "nothing was changed");
}

#[tokio::test]
async fn problem_titles_speak_the_callers_language() {
    let app = spawn_app().await;
    let fr = app.send(app.client.get(app.url("/api/v1/i18n/de")).header("accept-language", "fr-FR,fr;q=0.9")).await;
    assert_eq!(fr.assert_problem(404, "not_found")["title"], "Introuvable");
    let en = app.send(app.client.get(app.url("/api/v1/i18n/de")).header("accept-language", "en-GB")).await;
    assert_eq!(en.body["title"], "Not Found");
}
