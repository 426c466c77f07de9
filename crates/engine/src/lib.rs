//! The engine: everything ShipCheck knows about orders and shipping rules, as plain Rust.
//!
//! Nothing in here touches the browser, the file system or the clock. Input arrives as bytes,
//! the current time arrives as an argument (`now`), and the same input always gives the same
//! answer. That is what lets the native CLI, the native tests and the browser app share one
//! implementation, and what makes the rules testable on their edge cases.
//!
//! The flow is `import` (bytes → [`Order`]s plus an account of every row) → `evaluate`
//! ([`RuleProfile`] made into [`Rules`] with its `calendar`s; order → [`OrderCheck`]) →
//! `metrics` (checks → shop metrics) → `report` (everything at one `now`, as the serialisable
//! shape the CLI prints). Along the way `tracking` judges each tracking number against its
//! carrier, `zone`, `calendar` and `day` turn windows into instants, and `timestamp` reads the
//! many ways exports write a time.

pub mod appeal;
pub mod board;
pub mod calendar;
pub mod charts;
mod cursor;
pub mod day;
pub mod evaluate;
pub mod excel;
pub mod excerpt;
pub mod import;
pub mod marks;
pub mod metrics;
pub mod names;
pub mod order;
pub mod pipeline;
pub mod profile;
pub mod protocol;
pub mod reminders;
pub mod report;
pub mod sample;
pub mod service;
pub mod settings;
pub mod span;
pub mod timeline;
pub mod timestamp;
pub mod tracking;
pub mod upload_check;
pub mod view;
pub mod warm_up;
pub mod writing;
pub mod zone;

pub use calendar::{Calendar, CalendarSpec};
pub use evaluate::{DispatchClock, Finding, FindingCode, OrderCheck, OrderState, Rules, Severity};
pub use import::{import_orders, Import, ImportError, ImportOptions, SkippedRow};
pub use metrics::{Metric, MetricStatus, MetricWindow, ShopMetrics};
pub use order::Order;
pub use profile::{RuleProfile, Window};
pub use report::{Report, ReportOptions};
pub use zone::Zone;
