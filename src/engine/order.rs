//! The order model: only the fields the rules read, kept small because a shop export can hold a
//! million rows.

use chrono::{DateTime, Utc};

/// One order, grouped from the export's SKU lines by its Order ID.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Order {
    pub id: String,
    /// 1-based line of the first row that named this order, so a finding can point at the file.
    pub line: u64,
    pub created: Option<DateTime<Utc>>,
    pub paid: Option<DateTime<Utc>>,
    pub shipped: Option<DateTime<Utc>>,
    pub tracking_id: Option<String>,
    pub carrier: Option<String>,
}

impl Order {
    /// When the handling clock starts: payment, or order creation when the export has no paid
    /// time (unpaid orders, and exports that omit the column).
    pub fn clock_start(&self) -> Option<DateTime<Utc>> {
        self.paid.or(self.created)
    }
}
