//! `execute_code` actions: a Rhai script reads the event (`event`, its payload as a map)
//! and returns the actions to run, an array of maps (`[#{type: "send_notification",
//! config: #{...}}]`), or `()` for none.
//!
//! The engine is sandboxed: built from `Engine::new_raw()` with only pure packages (no
//! file, network, clock or module access), `eval` and `import` refused when the script
//! is compiled, `print`/`debug` sent to the log, anonymous functions off (closures share
//! values, so they can build reference cycles that outlive the run), and every run bounded
//! in operations, call depth, data size and wall-clock time ([`Limits`]).

use std::cell::Cell;
use std::time::{Duration, Instant};

use rhai::packages::{
    ArithmeticPackage, BasicArrayPackage, BasicFnPackage, BasicIteratorPackage, BasicMapPackage, BasicMathPackage,
    BasicStringPackage, BitFieldPackage, LogicPackage, MoreStringPackage, Package,
};
use rhai::{AST, Dynamic, Engine, EvalAltResult, Position, Scope};
use serde_json::Value;

/// How much one run may take. The defaults suit scripts that look at an event and
/// build a few actions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    pub operations: u64,
    /// Nested function calls (a runaway recursion stops here).
    pub call_levels: usize,
    /// Nesting of expressions, checked when compiling (functions get the same).
    pub expression_depth: usize,
    /// Bytes, summed over the strings inside one value.
    pub string_size: usize,
    /// Items, summed over the arrays inside one value.
    pub array_size: usize,
    /// Entries, summed over the maps inside one value. Rhai checks it when a map is
    /// built or merged, not when `m[key] = value` adds a key: a map grown key by key is
    /// bounded by `operations` and `wall_time` alone (about 80,000 entries by default).
    pub map_size: usize,
    pub wall_time: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            operations: 1_000_000,
            call_levels: 32,
            expression_depth: 64,
            string_size: 64 * 1024,
            array_size: 10_000,
            map_size: 10_000,
            wall_time: Duration::from_millis(100),
        }
    }
}

/// A script that failed to compile or to run.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{code}: {message}")]
pub struct ScriptError {
    /// Stable, for clients: `compile_error`, `too_many_operations`, `timeout`,
    /// `too_deep`, `too_large`, `runtime_error`, `bad_return`.
    pub code: &'static str,
    pub message: String,
    /// Where in the script, 1-based, when known (always for `compile_error`).
    pub line: Option<usize>,
    pub column: Option<usize>,
}

impl ScriptError {
    fn new(code: &'static str, message: String, position: Position) -> Self {
        ScriptError { code, message, line: position.line(), column: position.position() }
    }
}

/// A compiled script, kept with its hook and run for each event.
#[derive(Debug, Clone)]
pub struct Script {
    ast: AST,
}

/// The configured engine: one per process, shared by every run.
pub struct Sandbox {
    engine: Engine,
    limits: Limits,
}

/// The name the payload goes by in scripts.
const EVENT: &str = "event";

/// The clock is read every this many operations: often enough that no run overshoots
/// its wall time by much, rarely enough to cost nothing measurable.
const CLOCK_EVERY: u64 = 64;

thread_local! {
    /// When the run under way on this thread must stop. Rhai's progress callback gets no
    /// per-run context, and a run never leaves its thread.
    static DEADLINE: Cell<Option<Instant>> = const { Cell::new(None) };
}

impl Sandbox {
    pub fn new(limits: Limits) -> Sandbox {
        let mut engine = Engine::new_raw();
        // `StandardPackage` less the language core (its `sleep` blocks the thread where
        // no limit can stop it), the clock (`timestamp`) and blobs (no JSON form).
        for package in [
            ArithmeticPackage::new().as_shared_module(),
            BasicStringPackage::new().as_shared_module(),
            BasicIteratorPackage::new().as_shared_module(),
            BasicFnPackage::new().as_shared_module(),
            BitFieldPackage::new().as_shared_module(),
            LogicPackage::new().as_shared_module(),
            BasicMathPackage::new().as_shared_module(),
            BasicArrayPackage::new().as_shared_module(),
            BasicMapPackage::new().as_shared_module(),
            MoreStringPackage::new().as_shared_module(),
        ] {
            engine.register_global_module(package);
        }
        for symbol in ["eval", "import", "export"] {
            engine.disable_symbol(symbol);
        }
        engine
            .set_allow_anonymous_fn(false)
            .set_strict_variables(true)
            .set_max_modules(0)
            .set_max_operations(limits.operations)
            .set_max_call_levels(limits.call_levels)
            .set_max_expr_depths(limits.expression_depth, limits.expression_depth)
            .set_max_string_size(limits.string_size)
            .set_max_array_size(limits.array_size)
            .set_max_map_size(limits.map_size)
            .on_print(|text| tracing::debug!(target: "opsflux::hooks::script", "print: {text}"))
            .on_debug(|text, _, position| tracing::debug!(target: "opsflux::hooks::script", %position, "debug: {text}"))
            .on_progress(|operations| {
                if operations % CLOCK_EVERY != 0 {
                    return None;
                }
                let late = DEADLINE.get().is_some_and(|deadline| Instant::now() >= deadline);
                late.then_some(Dynamic::UNIT)
            });
        Sandbox { engine, limits }
    }

    /// Compiles a script; its errors say where (a hook is refused on save with them).
    pub fn compile(&self, source: &str) -> Result<Script, ScriptError> {
        let mut scope = Scope::new();
        // A variable, not a constant: the optimiser would fold a constant's value in.
        scope.push(EVENT, Dynamic::UNIT);
        let ast = self
            .engine
            .compile_with_scope(&scope, source)
            .map_err(|error| ScriptError::new("compile_error", error.err_type().to_string(), error.position()))?;
        Ok(Script { ast })
    }

    /// Runs a script on an event's payload: the actions it returns, as JSON objects.
    pub fn run(&self, script: &Script, event: &Value) -> Result<Vec<Value>, ScriptError> {
        let event = rhai::serde::to_dynamic(event).map_err(|error| self.run_error(error))?;
        let mut scope = Scope::new();
        scope.push(EVENT, event);
        DEADLINE.set(Some(Instant::now() + self.limits.wall_time));
        let result = self.engine.eval_ast_with_scope::<Dynamic>(&mut scope, &script.ast);
        DEADLINE.set(None);
        actions(result.map_err(|error| self.run_error(error))?)
    }

    /// A failed run, coded by its cause (found under the function calls it unwound).
    fn run_error(&self, mut error: Box<EvalAltResult>) -> ScriptError {
        let position = error.take_position();
        let mut cause = &*error;
        while let EvalAltResult::ErrorInFunctionCall(_, _, inner, _) = cause {
            cause = inner;
        }
        let (code, message) = match cause {
            EvalAltResult::ErrorTooManyOperations(_) => {
                ("too_many_operations", format!("more than {} operations", self.limits.operations))
            }
            EvalAltResult::ErrorTerminated(..) => {
                ("timeout", format!("ran longer than {} ms", self.limits.wall_time.as_millis()))
            }
            EvalAltResult::ErrorStackOverflow(_) => {
                ("too_deep", format!("more than {} nested function calls", self.limits.call_levels))
            }
            EvalAltResult::ErrorDataTooLarge(..) => ("too_large", error.to_string()),
            _ => ("runtime_error", error.to_string()),
        };
        ScriptError::new(code, message, position)
    }
}

/// The script's result as actions: `()` for none, else an array of maps.
fn actions(result: Dynamic) -> Result<Vec<Value>, ScriptError> {
    let bad_return = |what: &str| {
        let message = format!("a script returns an array of action maps, or () for none; this one returned {what}");
        ScriptError::new("bad_return", message, Position::NONE)
    };
    if result.is_unit() {
        return Ok(Vec::new());
    }
    let type_name = result.type_name();
    let items = result.try_cast::<rhai::Array>().ok_or_else(|| bad_return(type_name))?;
    items
        .iter()
        .enumerate()
        .map(|(i, item)| match item.is_map() {
            true => rhai::serde::from_dynamic(item).map_err(|e| bad_return(&format!("item {i}: {e}"))),
            false => Err(bad_return(&format!("{} as item {i}", item.type_name()))),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn run(source: &str, event: Value) -> Result<Vec<Value>, ScriptError> {
        let sandbox = Sandbox::new(Limits::default());
        sandbox.run(&sandbox.compile(source)?, &event)
    }

    /// The error code of a script that must be stopped, and stopped by the sandbox: well
    /// within a second at most, or within its wall clock where a test moved it away.
    fn stopped(limits: Limits, source: &str) -> &'static str {
        let sandbox = Sandbox::new(limits);
        let script = sandbox.compile(source).unwrap();
        let start = Instant::now();
        let error = sandbox.run(&script, &json!({})).unwrap_err();
        let bound = limits.wall_time.max(Duration::from_millis(900)) + Duration::from_millis(100);
        assert!(start.elapsed() < bound, "{source}: stopped after {:?}", start.elapsed());
        error.code
    }

    #[test]
    fn a_script_reads_nested_event_fields_and_builds_an_action() {
        let source = r#"
            if event.data.severity == "critical" {
                [#{type: "send_notification",
                   config: #{recipients: "role:hse_manager", title: `Incident #${event.incident_id}`, message: event.site.name}}]
            }
        "#;
        let event = json!({"incident_id": 42, "data": {"severity": "critical"}, "site": {"name": "Alwyn"}});
        let expected = json!({"type": "send_notification",
            "config": {"recipients": "role:hse_manager", "title": "Incident #42", "message": "Alwyn"}});
        assert_eq!(run(source, event).unwrap(), [expected]);
    }

    #[test]
    fn a_script_returns_several_actions_or_none() {
        let source = r#"
            let actions = [#{type: "log", config: #{level: "info"}}];
            if event.amount >= 1000 { actions.push(#{type: "create_task", config: #{amount: event.amount}}); }
            actions
        "#;
        assert_eq!(run(source, json!({"amount": 1500})).unwrap().len(), 2);
        assert_eq!(run(source, json!({"amount": 10})).unwrap().len(), 1);
        assert_eq!(
            run("if event.amount > 1 { [#{type: \"log\"}] }", json!({"amount": 0})).unwrap(),
            Vec::<Value>::new()
        );
        assert_eq!(run("return;", json!({})).unwrap(), Vec::<Value>::new());
    }

    #[test]
    fn anything_but_an_array_of_maps_is_a_bad_return() {
        for source in ["42", "#{type: \"log\"}", "[#{type: \"log\"}, 1]"] {
            assert_eq!(run(source, json!({})).unwrap_err().code, "bad_return", "{source}");
        }
    }

    #[test]
    fn compile_errors_say_where() {
        let error = run("let x = 1;\nlet y = ;", json!({})).unwrap_err();
        assert_eq!((error.code, error.line), ("compile_error", Some(2)));
        assert!(error.column.is_some());
        // Strict variables: a typo is caught on save, not on the first event.
        assert_eq!(run("evnt.severity", json!({})).unwrap_err().code, "compile_error");
    }

    #[test]
    fn eval_import_and_the_outside_world_are_refused() {
        // Refused when the hook is saved.
        for source in ["eval(\"1\")", "import \"x\" as x;", "let g = |x| x;"] {
            assert_eq!(run(source, json!({})).unwrap_err().code, "compile_error", "{source}");
        }
        // Not there to call: no sleeping, clock or exit, and no eval by function pointer.
        for source in ["sleep(10)", "timestamp()", "exit(1)", "call(Fn(\"eval\"), \"1\")"] {
            assert_eq!(run(source, json!({})).unwrap_err().code, "runtime_error", "{source}");
        }
    }

    #[test]
    fn one_sandbox_serves_every_thread() {
        fn shared<T: Send + Sync>() {}
        shared::<Sandbox>();
        shared::<Script>();
    }

    #[test]
    fn an_infinite_loop_runs_out_of_operations() {
        assert_eq!(stopped(Limits::default(), "loop {}"), "too_many_operations");
    }

    #[test]
    fn a_runaway_recursion_is_too_deep() {
        assert_eq!(stopped(Limits::default(), "fn f(x) { f(x + 1) } f(0)"), "too_deep");
    }

    #[test]
    fn growing_strings_arrays_and_maps_are_too_large() {
        // Rhai measures the whole value after each push or merge, so growing one to its
        // limit costs time (a 10,000-entry map takes half a second in a debug build): the
        // clock is moved out of the way, and the map's limit lowered.
        let limits = Limits { wall_time: Duration::from_secs(20), map_size: 1_000, ..Limits::default() };
        assert_eq!(stopped(limits, "let s = \"x\"; loop { s += s; }"), "too_large");
        assert_eq!(stopped(limits, "let a = []; loop { a.push(1); }"), "too_large");
        let merging = "let m = #{}; loop { let one = #{}; one[`k${m.len()}`] = 1; m += one; }";
        assert_eq!(stopped(limits, merging), "too_large");
    }

    #[test]
    fn a_map_grown_key_by_key_is_bounded_by_operations_alone() {
        // Rhai checks the size of the value assigned to `m[key]`, not of the map: only
        // the operation count (about 80,000 entries at the defaults) stops this one. The
        // wall clock is generous: a loaded machine must not stop it first.
        let source = "let m = #{}; let i = 0; loop { m[`k${i}`] = i; i += 1; }";
        let limits = Limits { wall_time: Duration::from_secs(20), ..Limits::default() };
        assert_eq!(stopped(limits, source), "too_many_operations");
    }

    #[test]
    fn a_slow_script_with_few_operations_times_out() {
        // Each turn upper-cases 60 KB: a few operations, tens of microseconds. A million
        // operations would take seconds, so the wall clock is what stops it.
        let source = "let s = \"\"; s.pad(60000, \"x\"); loop { let t = s.to_upper(); }";
        let start = Instant::now();
        assert_eq!(stopped(Limits::default(), source), "timeout");
        assert!(start.elapsed() >= Limits::default().wall_time);
    }
}
