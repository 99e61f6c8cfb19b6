//! Hooks: when an event is announced, the hooks listening for it whose conditions match
//! its payload run their actions. This is the engine alone, with no database or HTTP:
//! conditions parsed once and matched fast, `execute_code` scripts in a sandbox, and the
//! templated strings of actions, filled from the payload.

pub mod conditions;
pub mod script;
pub mod template;
