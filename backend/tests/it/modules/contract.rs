//! The served OpenAPI document, with each installed type's routes.

use serde_json::json;

use super::*;
use crate::helpers::spawn_app;

#[tokio::test]
async fn the_served_contract_names_each_installed_type_with_its_fields() {
    let app = spawn_app().await;
    app.act_as_superuser().await;
    assert_eq!(upload(&app, zip(&fixture_files())).await.status, 201);
    let doc = app.get("/api/openapi.json").await;
    assert_eq!(doc.status, 200);
    let list = &doc.body["paths"]["/api/v1/m/lifting/inspection"]["get"];
    assert_eq!(list["operationId"], "list_records_lifting_inspection", "{list}");
    assert!(list["parameters"].as_array().unwrap().iter().all(|p| p["name"] != "module"));
    let data = &doc.body["components"]["schemas"]["lifting.inspection.Data"];
    assert_eq!(data["properties"]["equipment_type"]["enum"], json!(["crane", "hoist", "sling", "shackle", "forklift"]));
    assert_eq!(data["required"], json!(["equipment", "due_date"]));
    let create = &doc.body["paths"]["/api/v1/m/lifting/inspection"]["post"];
    assert_eq!(
        create["requestBody"]["content"]["application/json"]["schema"]["properties"]["data"]["$ref"],
        "#/components/schemas/lifting.inspection.Data"
    );
    assert!(doc.body["paths"]["/api/v1/m/{module}/{record_type}"].is_object(), "the generic routes stay");
}
