//! The bulk tracking upload, checked before it is sent.
//!
//! Seller Center takes tracking numbers for many orders at once from a template (Manage Orders ›
//! Upload: one row per order, or per package or SKU; Seller University US, "How to Process
//! 'Shipped by Seller' Orders?", 2025-10-21). A wrong row costs the seller: a number in the
//! wrong format counts against the valid tracking rate, a provider name the platform does not
//! list is refused, a split order cannot be uploaded in bulk at all, and a number uploaded after
//! the dispatch deadline is a late dispatch. Each row is checked here against the loaded orders
//! and the rules, before the file leaves the seller's machine. The template's column names are
//! read loosely (`Order ID`, `Tracking ID` or `Tracking Number`, `Shipping Provider` or
//! `Shipping Provider Name`, `Package ID`): the template's exact header is unverified.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::evaluate::OrderState;
use super::excerpt::quoted;
use super::import::sheet_as_csv;
use super::names::name_key;
use super::pipeline::Checked;
use super::report::spreadsheet_safe;
use super::tracking::carriers::{carrier_info, CARRIERS};
use super::tracking::{check_tracking, Validity};

/// The most bytes of upload file read: a template of 200,000 rows is a few megabytes.
pub const MAX_UPLOAD_BYTES: usize = 64 << 20;

/// What can be wrong with one row; the codes are a contract (README).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UploadCode {
    NoOrderId,
    NoSuchOrder,
    NotPaid,
    Cancelled,
    AlreadyShipped,
    FulfilledByTiktok,
    NoTrackingNumber,
    InvalidNumber,
    NotTheCarriersNumber,
    NoProvider,
    ProviderSpelling,
    UnknownProvider,
    ProviderNotApproved,
    RepeatedInFile,
    OnAnotherOrder,
    SplitOrder,
    AlreadyLate,
    DueSoon,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UploadProblem {
    pub code: UploadCode,
    pub message: String,
    pub message_zh: String,
}

/// One row of the upload: where it is (its header is line 1), what it says, what is wrong.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UploadRow {
    pub line: u64,
    pub order_id: String,
    pub ok: bool,
    pub problems: Vec<UploadProblem>,
    /// The provider as the platform's list spells it, where the row's differs only in spelling.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider_as_listed: Option<String>,
    #[serde(skip)]
    cells: Vec<String>,
}

/// The most rows to fix the page is sent; the corrected file has them all.
pub const ROWS_TO_FIX_SHOWN: usize = 200;

/// What the page shows of a checked upload.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UploadView {
    pub rows: usize,
    pub ready: usize,
    /// Rows ready whose deadline is near or passed: to upload first.
    pub urgent: usize,
    pub to_fix: usize,
    pub to_fix_first: Vec<UploadRow>,
    /// The rows ready in the template, then the rows to fix.
    pub corrected_csv: String,
}

impl UploadView {
    pub fn new(check: &UploadCheck) -> UploadView {
        let ready = check.rows.iter().filter(|row| row.ok).count();
        let urgent = check
            .rows
            .iter()
            .filter(|row| {
                row.ok && row.problems.iter().any(|p| matches!(p.code, UploadCode::DueSoon | UploadCode::AlreadyLate))
            })
            .count();
        let to_fix = check.rows.iter().filter(|row| !row.ok);
        UploadView {
            rows: check.rows.len(),
            ready,
            urgent,
            to_fix: check.rows.len() - ready,
            to_fix_first: to_fix.take(ROWS_TO_FIX_SHOWN).cloned().collect(),
            corrected_csv: check.corrected_csv(),
        }
    }
}

/// The upload checked: its header and its rows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UploadCheck {
    pub header: Vec<String>,
    pub rows: Vec<UploadRow>,
    provider_column: usize,
}

/// Where the template's columns are.
struct Columns {
    order: usize,
    tracking: usize,
    provider: usize,
}

/// Why an upload file could not be checked at all, in both languages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UploadRefused {
    pub message: String,
    pub message_zh: String,
}

impl std::fmt::Display for UploadRefused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

fn refused(message: String, message_zh: String) -> UploadRefused {
    UploadRefused { message, message_zh }
}

impl Columns {
    fn find(header: &[String]) -> Result<Columns, UploadRefused> {
        let at = |names: &[&str]| header.iter().position(|h| names.iter().any(|n| name_key(h).eq(name_key(n))));
        let order = at(&["Order ID", "Order Number", "订单ID", "订单号"]);
        let tracking = at(&["Tracking ID", "Tracking Number", "Tracking No", "运单号", "物流单号"]);
        let provider = at(&["Shipping Provider", "Shipping Provider Name", "Carrier", "物流商", "承运商"]);
        match (order, tracking, provider) {
            (Some(order), Some(tracking), Some(provider)) => Ok(Columns { order, tracking, provider }),
            _ => Err(refused(
                format!(
                    "the upload needs Order ID, Tracking ID and Shipping Provider columns; its header has {}",
                    super::excerpt::names(header, ", ", |n| format!(" and {n} more"))
                ),
                format!(
                    "上传文件需要订单 ID（Order ID）、运单号（Tracking ID）和物流商（Shipping Provider）列；其表头为 {}",
                    super::excerpt::names(header, "、", |n| format!("等（另有 {n} 列）"))
                ),
            )),
        }
    }
}

/// The refusal of an upload of `size` bytes, if it is past [`MAX_UPLOAD_BYTES`]: said before
/// such a file is read.
pub fn too_large(size: u64) -> Option<UploadRefused> {
    let (megabytes, most) = (size >> 20, MAX_UPLOAD_BYTES >> 20);
    (size > MAX_UPLOAD_BYTES as u64).then(|| {
        refused(
            format!("the upload is {megabytes} MB: at most {most} MB"),
            format!("上传文件有 {megabytes} MB：最多 {most} MB"),
        )
    })
}

/// Checks the upload file `bytes` (CSV, TSV or an XLSX workbook's first sheet) against the
/// loaded orders in `checked`, at `now`.
pub fn check_upload(bytes: &[u8], checked: &Checked, now: DateTime<Utc>) -> Result<UploadCheck, UploadRefused> {
    if let Some(refused) = too_large(bytes.len() as u64) {
        return Err(refused);
    }
    let text = match bytes.starts_with(b"PK\x03\x04") {
        true => sheet_as_csv(bytes.to_vec(), MAX_UPLOAD_BYTES)
            .map_err(|e| refused(format!("the workbook cannot be read: {e}"), format!("无法读取该工作簿：{e}")))?,
        false => bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes).to_vec(),
    };
    let delimiter = if text.split(|&b| b == b'\n').next().is_some_and(|h| h.contains(&b'\t')) { b'\t' } else { b',' };
    let mut reader =
        csv::ReaderBuilder::new().delimiter(delimiter).flexible(true).has_headers(false).from_reader(&text[..]);
    let mut records = reader.byte_records();
    let header: Vec<String> = match records.next() {
        Some(Ok(record)) => record.iter().map(|c| String::from_utf8_lossy(c).trim().to_owned()).collect(),
        _ => return Err(refused("the upload is empty: no header row".into(), "上传文件为空：没有表头行".into())),
    };
    let columns = Columns::find(&header)?;
    let judge = Judge::new(checked, now);
    let mut seen: HashMap<String, u64> = HashMap::new();
    let mut rows = Vec::new();
    for record in records {
        let record = record.map_err(|e| {
            refused(format!("the upload cannot be read as a table: {e}"), format!("无法按表格读取上传文件：{e}"))
        })?;
        let line = record.position().map_or(0, |p| p.line());
        let cells: Vec<String> = record.iter().map(|c| String::from_utf8_lossy(c).trim().to_owned()).collect();
        if cells.iter().all(String::is_empty) {
            continue;
        }
        rows.push(judge.row(line, cells, &columns, &mut seen));
    }
    Ok(UploadCheck { header, rows, provider_column: columns.provider })
}

/// What every row is judged against: the orders by ID, the numbers they already carry, the
/// platform's providers.
struct Judge<'a> {
    checked: &'a Checked,
    now: DateTime<Utc>,
    orders: HashMap<&'a str, usize>,
    numbers: HashMap<String, &'a str>,
}

fn problem(code: UploadCode, message: String, message_zh: String) -> UploadProblem {
    UploadProblem { code, message, message_zh }
}

impl<'a> Judge<'a> {
    fn new(checked: &'a Checked, now: DateTime<Utc>) -> Judge<'a> {
        let mut orders = HashMap::new();
        let mut numbers = HashMap::new();
        // Most urgent first: a number several orders carry is named by the most urgent of them.
        for &i in checked.by_urgency() {
            let order = &checked.import.orders[i as usize];
            orders.insert(&*order.id, i as usize);
            if let Some(number) = &order.tracking_id {
                numbers.entry(name_key(number).collect::<String>()).or_insert(&*order.id);
            }
        }
        Judge { checked, now, orders, numbers }
    }

    fn row(&self, line: u64, cells: Vec<String>, columns: &Columns, seen: &mut HashMap<String, u64>) -> UploadRow {
        let cell = |i: usize| cells.get(i).map_or("", String::as_str);
        let (order_id, number, provider) = (cell(columns.order), cell(columns.tracking), cell(columns.provider));
        let mut problems = Vec::new();
        let mut provider_as_listed = None;
        if order_id.is_empty() {
            problems.push(problem(UploadCode::NoOrderId, "no Order ID".into(), "没有订单 ID".into()));
        } else {
            match self.orders.get(order_id) {
                None => problems.push(problem(
                    UploadCode::NoSuchOrder,
                    format!("order {} is not among the loaded orders", quoted(order_id)),
                    format!("已载入的订单中没有 {}", quoted(order_id)),
                )),
                Some(&i) => self.order(i, &mut problems),
            }
        }
        if !provider.is_empty() {
            provider_as_listed = self.provider(provider, &mut problems);
        } else {
            problems.push(problem(UploadCode::NoProvider, "no Shipping Provider".into(), "没有物流商".into()));
        }
        self.number(number, provider, order_id, line, seen, &mut problems);
        // Lateness is said, but does not hold a row back: it is to be uploaded all the sooner. A
        // provider spelled otherwise than listed is corrected in the file to upload.
        let said = |p: &UploadProblem| {
            matches!(p.code, UploadCode::DueSoon | UploadCode::AlreadyLate | UploadCode::ProviderSpelling)
        };
        let ok = problems.iter().all(said);
        let order_id = order_id.to_owned();
        UploadRow { line, order_id, ok, problems, provider_as_listed, cells }
    }

    /// Whether the order can take a tracking number now, and whether it is still in time.
    fn order(&self, i: usize, problems: &mut Vec<UploadProblem>) {
        let check = &self.checked.checks[i];
        let mut say = |code, en: &str, zh: &str| problems.push(problem(code, en.to_owned(), zh.to_owned()));
        let state = check.state_at(self.now);
        match state {
            OrderState::Unpaid => say(UploadCode::NotPaid, "the order is not paid yet", "订单尚未付款"),
            OrderState::Cancelled => say(UploadCode::Cancelled, "the order is cancelled", "订单已取消"),
            OrderState::FulfilledByTiktok => {
                say(UploadCode::FulfilledByTiktok, "TikTok's warehouse ships this order", "此订单由 TikTok 仓库发货")
            }
            OrderState::ShippedOnTime | OrderState::ShippedLate | OrderState::Shipped | OrderState::Delivered => {
                say(UploadCode::AlreadyShipped, "the order is already shipped", "订单已发货")
            }
            OrderState::AwaitingDispatch | OrderState::DispatchOverdue | OrderState::NoDeadline => {}
        }
        let order = &self.checked.import.orders[check.order_index];
        let packages = 1 + order.terms.as_ref().map_or(0, |t| t.more_packages.len());
        if packages > 1 {
            problems.push(problem(
                UploadCode::SplitOrder,
                format!("a split order ({packages} packages): Seller Center takes its numbers one package at a time, not in bulk"),
                format!("拆分订单（{packages} 个包裹）：卖家中心不支持批量上传，需逐个包裹填写"),
            ));
        }
        let awaiting = matches!(state, OrderState::AwaitingDispatch | OrderState::DispatchOverdue);
        let Some(deadline) = check.clock.deadline.filter(|_| awaiting) else { return };
        let left = deadline - self.now;
        let soon = chrono::TimeDelta::hours(i64::from(self.checked.rules.profile.due_soon_hours));
        if left < chrono::TimeDelta::zero() {
            let hours = (-left).num_minutes() as f64 / 60.0;
            problems.push(problem(
                UploadCode::AlreadyLate,
                format!("the dispatch deadline passed {hours:.1} h ago: this upload is a late dispatch"),
                format!("发货截止时间已过 {hours:.1} 小时：此次上传计为延迟发货"),
            ));
        } else if left < soon {
            let hours = left.num_minutes() as f64 / 60.0;
            problems.push(problem(
                UploadCode::DueSoon,
                format!("due in {hours:.1} h: upload now"),
                format!("{hours:.1} 小时后截止：请立即上传"),
            ));
        }
    }

    /// The provider against the provider list (ShipCheck's carrier table: the names Seller
    /// Center's list uses, where sources give them) and the rules' approved carriers: the name as
    /// listed, if the row's differs only in spelling.
    fn provider(&self, provider: &str, problems: &mut Vec<UploadProblem>) -> Option<String> {
        let as_listed = match carrier_info(provider) {
            Some(info) if info.name == provider => None,
            Some(info) => {
                problems.push(problem(
                    UploadCode::ProviderSpelling,
                    format!("Shipping Provider {} is listed as {}", quoted(provider), quoted(info.name)),
                    format!("物流商 {} 在列表中写作 {}", quoted(provider), quoted(info.name)),
                ));
                Some(info.name.to_owned())
            }
            None => {
                let key: String = name_key(provider).collect();
                let names = CARRIERS
                    .iter()
                    .flat_map(|c| std::iter::once(c.name).chain(c.aliases.iter().copied()).map(move |n| (n, c.name)));
                let closest = names
                    .map(|(name, listed)| (distance(&key, &name_key(name).collect::<String>()), listed))
                    .min_by_key(|(d, _)| *d)
                    .filter(|(d, _)| *d <= 2);
                let (en, zh) = match closest {
                    Some((_, name)) => {
                        (format!(": did you mean {}?", quoted(name)), format!("：是否为 {}？", quoted(name)))
                    }
                    None => (String::new(), String::new()),
                };
                problems.push(problem(
                    UploadCode::UnknownProvider,
                    format!("Shipping Provider {} is not on the provider list{en}", quoted(provider)),
                    format!("物流商 {} 不在物流商列表中{zh}", quoted(provider)),
                ));
                None
            }
        };
        let rules = &self.checked.rules;
        if !rules.profile.approved_carriers.is_empty() && rules.approved_carrier(provider).is_none() {
            problems.push(problem(
                UploadCode::ProviderNotApproved,
                format!("Shipping Provider {} is not approved for this market by the rules in use", quoted(provider)),
                format!("物流商 {} 不在当前规则认可的物流商之列", quoted(provider)),
            ));
        }
        as_listed
    }

    fn number(
        &self,
        number: &str,
        provider: &str,
        order_id: &str,
        line: u64,
        seen: &mut HashMap<String, u64>,
        problems: &mut Vec<UploadProblem>,
    ) {
        if number.is_empty() {
            problems.push(problem(UploadCode::NoTrackingNumber, "no Tracking ID".into(), "没有运单号".into()));
            return;
        }
        let verdict = check_tracking(number, (!provider.is_empty()).then_some(provider));
        let reason = || verdict.reason.clone().unwrap_or_default();
        let reason_zh = || verdict.reason_zh.clone().unwrap_or_default();
        match (verdict.validity, verdict.fits_carrier) {
            (Validity::Invalid, _) => problems.push(problem(
                UploadCode::InvalidNumber,
                format!("Tracking ID {}: {}", quoted(number), reason()),
                format!("运单号 {}：{}", quoted(number), reason_zh()),
            )),
            (Validity::Valid, Some(false)) => problems.push(problem(
                UploadCode::NotTheCarriersNumber,
                format!("Tracking ID {}: {}", quoted(number), reason()),
                format!("运单号 {}：{}", quoted(number), reason_zh()),
            )),
            _ => {}
        }
        let key: String = name_key(number).collect();
        if let Some(first) = seen.get(&key) {
            problems.push(problem(
                UploadCode::RepeatedInFile,
                format!("Tracking ID {} is also on line {first} of this file", quoted(number)),
                format!("运单号 {} 也出现在本文件第 {first} 行", quoted(number)),
            ));
        } else {
            seen.insert(key.clone(), line);
        }
        if let Some(other) = self.numbers.get(&key).filter(|other| **other != order_id) {
            problems.push(problem(
                UploadCode::OnAnotherOrder,
                format!("Tracking ID {} is already on order {}", quoted(number), quoted(other)),
                format!("运单号 {} 已用于订单 {}", quoted(number), quoted(other)),
            ));
        }
    }
}

/// Edit distance between two short keys (a provider's name): how many letters to change.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (diagonal + usize::from(ca != *cb)).min(row[j] + 1).min(above + 1);
            diagonal = above;
        }
    }
    row[b.len()]
}

impl UploadCheck {
    /// The rows ready to upload, in the template, providers spelled as listed; then, set apart
    /// after a blank line, the rows to fix with what is wrong with them.
    pub fn corrected_csv(&self) -> String {
        let mut writer = csv::Writer::from_writer(Vec::new());
        let _ = writer.write_record(&self.header);
        for row in self.rows.iter().filter(|row| row.ok) {
            let mut cells = row.cells.clone();
            if let (Some(name), Some(cell)) = (&row.provider_as_listed, cells.get_mut(self.provider_column)) {
                cell.clone_from(name);
            }
            let _ = writer.write_record(cells.iter().map(|c| spreadsheet_safe(c).into_owned()));
        }
        let mut text = String::from_utf8(writer.into_inner().unwrap_or_default()).unwrap_or_default();
        let problems: Vec<&UploadRow> = self.rows.iter().filter(|row| !row.ok).collect();
        if !problems.is_empty() {
            let mut writer = csv::Writer::from_writer(Vec::new());
            let mut header = vec!["Line".to_owned(), "Problems".to_owned()];
            header.extend(self.header.iter().cloned());
            let _ = writer.write_record(&header);
            for row in problems {
                let said: Vec<&str> = row.problems.iter().map(|p| p.message.as_str()).collect();
                let mut cells = vec![row.line.to_string(), said.join("; ")];
                cells.extend(row.cells.iter().cloned());
                let _ = writer.write_record(cells.iter().map(|c| spreadsheet_safe(c).into_owned()));
            }
            text.push_str("\nRows to fix before uploading\n");
            text.push_str(&String::from_utf8(writer.into_inner().unwrap_or_default()).unwrap_or_default());
        }
        text
    }
}
