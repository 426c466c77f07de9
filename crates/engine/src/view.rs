//! What a page draws of checked orders, as plain values that cross from the engine's worker to
//! the page: the rows on screen, the urgency groups between them, the live counts, one order's
//! detail, and the summary of a check.
//!
//! The page holds only these. Each carries the instants it needs as milliseconds, so the page
//! works out countdowns and an open order's state at every tick from the row alone
//! ([`RowView::state_at`]); what changes only by the minute (the findings) it asks for again.

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use serde::{Deserialize, Serialize};

use super::board::Facets;
use super::charts::Charts;
use super::evaluate::{
    DeadlineKind, DeadlineSource, DispatchClock, Finding, FindingCode, OrderCheck, OrderState, Stage, TrackingStatus,
};
use super::import::{Column, DecidedBy, FileSummary, RowNote, SkippedRow};
use super::metrics::{ShopMetrics, WeeklyMetrics};
use super::order::SkuLine;
use super::pipeline::{Checked, Figures};
use super::profile::PeakSeason;
use super::report::{ProfileSummary, RuleVersionRef};
use super::timeline::{buyer_notice, timeline, TimelineStep};
use super::timestamp::DateOrder;
use super::zone::Zone;

/// An instant as the page handles it: milliseconds since the Unix epoch.
pub type Millis = i64;

fn millis(at: Option<DateTime<Utc>>) -> Option<Millis> {
    at.map(|at| at.timestamp_millis())
}

fn instant(at: Option<Millis>) -> Option<DateTime<Utc>> {
    DateTime::from_timestamp_millis(at?)
}

/// [`DispatchClock`] in milliseconds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ClockView {
    pub start: Option<Millis>,
    pub deadline: Option<Millis>,
    pub dispatched: Option<Millis>,
}

impl From<DispatchClock> for ClockView {
    fn from(clock: DispatchClock) -> ClockView {
        ClockView { start: millis(clock.start), deadline: millis(clock.deadline), dispatched: millis(clock.dispatched) }
    }
}

impl ClockView {
    pub fn clock(&self) -> DispatchClock {
        DispatchClock {
            start: instant(self.start),
            deadline: instant(self.deadline),
            dispatched: instant(self.dispatched),
        }
    }
}

/// The next deadline a row counts down to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct NextView {
    pub kind: DeadlineKind,
    pub at: Millis,
    pub source: DeadlineSource,
}

/// One order on the board.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct RowView {
    /// Position in the checks: how the page asks for the order's detail.
    pub index: u32,
    pub order_id: String,
    pub country: Option<String>,
    /// The shop, when several are loaded together.
    pub shop: Option<String>,
    /// As the profile reports it (an approved carrier's own name for its aliases).
    pub carrier: Option<String>,
    pub tracking_id: Option<String>,
    pub tracking: TrackingStatus,
    pub stage: Stage,
    pub fulfilled_by_tiktok: bool,
    pub clock: ClockView,
    pub next: Option<NextView>,
    /// The findings at the moment asked, each code once, in [`FindingCode::ALL`] order.
    pub findings: Vec<FindingCode>,
}

impl RowView {
    pub fn new(checked: &Checked, index: u32, now: DateTime<Utc>) -> RowView {
        let check = &checked.checks[index as usize];
        let order = checked.order_of(check);
        let findings = check.finding_codes_at(order, now, &checked.rules);
        RowView {
            index,
            order_id: order.id.to_string(),
            country: order.country.as_deref().map(str::to_owned),
            shop: order.shop.as_deref().map(str::to_owned),
            carrier: checked.rules.carrier_name(check, order).map(str::to_owned),
            tracking_id: order.tracking_id.as_deref().map(str::to_owned),
            tracking: check.tracking,
            stage: check.stage,
            fulfilled_by_tiktok: check.fulfilled_by_tiktok(),
            clock: check.clock.into(),
            next: check.next_deadline().map(|(kind, deadline)| NextView {
                kind,
                at: deadline.at.timestamp_millis(),
                source: deadline.source,
            }),
            findings: findings.iter().collect(),
        }
    }

    /// The order's state at `now`, as its check would say.
    pub fn state_at(&self, now: DateTime<Utc>) -> OrderState {
        OrderState::of(self.stage, self.fulfilled_by_tiktok, &self.clock.clock(), now)
    }

    /// How urgent it is at `now`, as the board's colours say: overdue, due soon, or neither.
    pub fn urgency_at(&self, now: DateTime<Utc>) -> UrgencyGroup {
        UrgencyGroup::of(self.stage, self.fulfilled_by_tiktok, &self.clock.clock(), now)
    }
}

/// The groups a board sorted by urgency falls into, in that order, as Seller Center's tabs
/// name them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UrgencyGroup {
    Overdue,
    /// Dispatch due within 6 hours.
    Within6h,
    /// Dispatch due within 24 hours.
    Within24h,
    /// Dispatch due later.
    Later,
    NoDeadline,
    ShippedLate,
    Shipped,
    FulfilledByTiktok,
    Delivered,
    Unpaid,
    Cancelled,
}

impl UrgencyGroup {
    pub fn of(stage: Stage, fulfilled_by_tiktok: bool, clock: &DispatchClock, now: DateTime<Utc>) -> UrgencyGroup {
        match stage {
            Stage::Open if fulfilled_by_tiktok => UrgencyGroup::FulfilledByTiktok,
            Stage::Open => match clock.deadline {
                None => UrgencyGroup::NoDeadline,
                Some(deadline) if now > deadline => UrgencyGroup::Overdue,
                Some(deadline) if deadline - now <= TimeDelta::hours(6) => UrgencyGroup::Within6h,
                Some(deadline) if deadline - now <= TimeDelta::hours(24) => UrgencyGroup::Within24h,
                Some(_) => UrgencyGroup::Later,
            },
            Stage::Dispatched if clock.shipped_late() == Some(true) => UrgencyGroup::ShippedLate,
            Stage::Dispatched => UrgencyGroup::Shipped,
            Stage::Delivered => UrgencyGroup::Delivered,
            Stage::Unpaid => UrgencyGroup::Unpaid,
            Stage::Cancelled => UrgencyGroup::Cancelled,
        }
    }

    pub fn of_check(check: &OrderCheck, now: DateTime<Utc>) -> UrgencyGroup {
        UrgencyGroup::of(check.stage, check.fulfilled_by_tiktok(), &check.clock, now)
    }

    pub fn code(self) -> &'static str {
        match self {
            UrgencyGroup::Overdue => "overdue",
            UrgencyGroup::Within6h => "within_6h",
            UrgencyGroup::Within24h => "within_24h",
            UrgencyGroup::Later => "later",
            UrgencyGroup::NoDeadline => "no_deadline",
            UrgencyGroup::ShippedLate => "shipped_late",
            UrgencyGroup::Shipped => "shipped",
            UrgencyGroup::FulfilledByTiktok => "fulfilled_by_tiktok",
            UrgencyGroup::Delivered => "delivered",
            UrgencyGroup::Unpaid => "unpaid",
            UrgencyGroup::Cancelled => "cancelled",
        }
    }
}

/// One line of the board: a group's heading, or an order.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BoardLine {
    Group { group: UrgencyGroup, orders: u32 },
    Order(Box<RowView>),
}

/// The board's lines as positions: an order's position in the checks, or a heading, marked by
/// the top bit with the group in the rest.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Lines {
    pub lines: Vec<u32>,
    /// Where the headings are among the lines, and the orders under each.
    pub headings: Vec<u32>,
    pub group_sizes: Vec<u32>,
}

const HEADING: u32 = 1 << 31;

impl Lines {
    /// `picked` (positions, in urgency order) with a heading before each group, when `grouped`.
    ///
    /// Each order's group is told by where it stands in the urgency order, not by its check: the
    /// checks of orders in urgency order lie all over memory, and looking at each one made this
    /// 15–33 ms of the worker's time for 100,000 orders in Chromium profiles (2–5 ms so).
    pub fn new(checked: &Checked, picked: Vec<u32>, grouped: bool, now: DateTime<Utc>) -> Lines {
        if !grouped {
            return Lines { lines: picked, ..Lines::default() };
        }
        let starts = group_starts(checked, now);
        let by_urgency = checked.by_urgency();
        let mut lines = Vec::with_capacity(picked.len() + GROUPS.len());
        let (mut headings, mut group_sizes) = (Vec::new(), Vec::new());
        let (mut current, mut rank, mut group) = (None, 0, 0);
        for position in picked {
            rank += by_urgency[rank..].iter().position(|&i| i == position).expect("picked in urgency order");
            while starts[group + 1] <= rank {
                group += 1;
            }
            let group = GROUPS[group];
            if current != Some(group) {
                current = Some(group);
                headings.push(lines.len() as u32);
                lines.push(HEADING | group as u32);
                group_sizes.push(0);
            }
            *group_sizes.last_mut().expect("a heading was pushed") += 1;
            lines.push(position);
        }
        Lines { lines, headings, group_sizes }
    }

    /// The orders among the lines.
    pub fn orders(&self) -> impl Iterator<Item = u32> + '_ {
        self.lines.iter().copied().filter(|line| line & HEADING == 0)
    }

    pub fn order_count(&self) -> usize {
        self.lines.len() - self.headings.len()
    }

    /// Lines `range` as the page draws them.
    pub fn view(&self, checked: &Checked, range: std::ops::Range<usize>, now: DateTime<Utc>) -> Vec<BoardLine> {
        let end = range.end.min(self.lines.len());
        let start = range.start.min(end);
        let mut heading = self.headings.partition_point(|&line| (line as usize) < start);
        self.lines[start..end]
            .iter()
            .map(|&line| {
                if line & HEADING == 0 {
                    return BoardLine::Order(Box::new(RowView::new(checked, line, now)));
                }
                let group = GROUPS[(line & !HEADING) as usize];
                heading += 1;
                BoardLine::Group { group, orders: self.group_sizes[heading - 1] }
            })
            .collect()
    }
}

/// Where each of [`GROUPS`] begins in the urgency order at `now`, and where the last ends. The
/// groups follow that order (a group is an order's urgency rank and, for one still to dispatch,
/// how far its deadline is), so each begins where the one before ends: found by halving, from
/// a few hundred checks.
fn group_starts(checked: &Checked, now: DateTime<Utc>) -> [usize; GROUPS.len() + 1] {
    let group = |&i: &u32| UrgencyGroup::of_check(&checked.checks[i as usize], now) as usize;
    std::array::from_fn(|k| checked.by_urgency().partition_point(|i| group(i) < k))
}

/// In their order on the board, which is their order as an enum.
const GROUPS: [UrgencyGroup; 11] = [
    UrgencyGroup::Overdue,
    UrgencyGroup::Within6h,
    UrgencyGroup::Within24h,
    UrgencyGroup::Later,
    UrgencyGroup::NoDeadline,
    UrgencyGroup::ShippedLate,
    UrgencyGroup::Shipped,
    UrgencyGroup::FulfilledByTiktok,
    UrgencyGroup::Delivered,
    UrgencyGroup::Unpaid,
    UrgencyGroup::Cancelled,
];

/// The urgency strip's counts at a moment, and when they next change.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DueCounts {
    pub overdue: u32,
    pub within_6h: u32,
    pub within_24h: u32,
    /// Orders the seller still has to dispatch, whatever their deadline.
    pub to_dispatch: u32,
    pub all: u32,
    /// The first moment after which one of the counts is different; `None`: never.
    pub next_change: Option<Millis>,
}

impl DueCounts {
    pub fn new(checked: &Checked, now: DateTime<Utc>) -> DueCounts {
        let due = &checked.due;
        let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        // A deadline moves an order into the overdue count once passed, and into a due-within
        // count when it comes within that many hours.
        let next_change = [0, 6, 24]
            .into_iter()
            .filter_map(|hours| due.next_after(now + TimeDelta::hours(hours)).map(|at| at - TimeDelta::hours(hours)))
            .min();
        DueCounts {
            overdue: count(due.overdue(now)),
            within_6h: count(due.due_within(now, 6)),
            within_24h: count(due.due_within(now, 24)),
            to_dispatch: count(checked.to_dispatch()),
            all: count(checked.checks.len()),
            next_change: next_change.map(|at| at.timestamp_millis()),
        }
    }
}

/// One order opened from the board.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DetailView {
    pub row: RowView,
    /// The line in the export of its first row.
    pub line: u64,
    pub state: OrderState,
    pub rule_version: RuleVersionRef,
    /// The version's source in Chinese, where it has one (the report's reference carries only
    /// `source`, for every order).
    pub rule_source_zh: Option<String>,
    pub profile_name: String,
    pub steps: Vec<TimelineStep>,
    pub findings: Vec<Finding>,
    pub lines: Vec<SkuLine>,
    /// Whether a buyer notice is recommended now, and the notice in English and Chinese.
    pub notice_recommended: bool,
    pub notice: (String, String),
}

impl DetailView {
    pub fn new(checked: &Checked, index: u32, now: DateTime<Utc>) -> DetailView {
        let check = &checked.checks[index as usize];
        let order = checked.order_of(check);
        let rules = &checked.rules;
        let findings = check.findings_at(order, now, rules);
        DetailView {
            row: RowView::new(checked, index, now),
            line: order.line,
            state: check.state_at(now),
            rule_version: RuleVersionRef::of(check, rules),
            rule_source_zh: rules.version(check).source_zh.clone(),
            profile_name: rules.profile.name.clone(),
            steps: timeline(order, check, rules, now),
            notice_recommended: findings.iter().any(|f| f.code == FindingCode::DelayNoticeRecommended),
            findings,
            lines: order.lines.clone(),
            notice: buyer_notice(check, order, rules, now),
        }
    }
}

/// How a file's times are written, when that says where it was exported.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WrittenLike {
    /// Month first (`11/25/2026 9:05 PM`), as US exports write them.
    UnitedStates,
    /// Year first (`2026-11-25 21:05`), as Chinese exports write them.
    China,
}

/// Times read in a zone that their writing says is likely not the export's: a US export read
/// in China time has every deadline 16 hours off.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ZoneWarning {
    pub written: WrittenLike,
    pub read_in: Zone,
    /// The zone such exports are usually in.
    pub suggested: Zone,
}

impl ZoneWarning {
    /// The warning `files` call for, read in `read_in`; none once the seller chose the zone.
    pub fn of(files: &[FileSummary], read_in: Zone) -> Option<ZoneWarning> {
        let month_first = |f: &FileSummary| {
            f.date_orders.iter().any(|c| c.order == DateOrder::MonthFirst && c.decided_by == DecidedBy::Values)
        };
        let (us, china) = (files.iter().any(month_first), files.iter().any(|f| f.year_first_times));
        let (written, suggested) = match read_in.name().split('/').next() {
            Some("Asia") if us => (WrittenLike::UnitedStates, Zone::LOS_ANGELES),
            Some("America") if china && !us => (WrittenLike::China, Zone::SHANGHAI),
            _ => return None,
        };
        Some(ZoneWarning { written, read_in, suggested })
    }
}

/// Rows not used shown on the page; the rest are in the download.
pub const SKIPPED_SHOWN: usize = 100;

/// What a check shows besides the board: how the files were read, the rules that judged the
/// orders, the filter counts. The shop's rates and charts come apart ([`ShopView`]).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    pub rows: u64,
    pub rows_used: u64,
    pub orders: usize,
    /// Seller Center's rows of column descriptions, recognised as such.
    pub description_rows: u64,
    /// Rows not used, other than description rows: how many, and the first ones.
    pub skipped: usize,
    pub skipped_first: Vec<SkippedRow>,
    pub missing_columns: Vec<Column>,
    pub time_zone: String,
    /// When the times' writing suggests another zone than the one they were read in.
    pub zone_warning: Option<ZoneWarning>,
    pub files: Vec<FileSummary>,
    pub orders_in_several_files: usize,
    pub merged_example: Option<String>,
    /// Orders a later export told again, its word standing (a local history of exports).
    pub orders_updated: u64,
    /// The shops the orders are of, with how many each has; empty when none is named.
    pub shops: Vec<(String, u32)>,
    /// Rows used with something said of them: how many, and the first ones.
    pub notes: usize,
    pub notes_first: Vec<RowNote>,
    pub profile: ProfileSummary,
    pub facets: Facets,
    /// The peak season the check's moment falls in, if any.
    pub peak_season: Option<PeakSeason>,
    pub checked_at: Millis,
    /// The day the check's moment falls on, in the profile's zone.
    pub today: NaiveDate,
}

/// Metrics without the IDs behind each rate or the SKU table: the page shows neither (the report
/// has both).
fn for_the_page(metrics: &ShopMetrics) -> ShopMetrics {
    ShopMetrics { by_sku: Vec::new(), ..metrics.without_orders() }
}

/// A shop's metrics, weeks and charts, or every order's, as the dashboard shows them: without the
/// IDs behind each rate or the SKU table (the report has both). Not part of the [`Summary`]:
/// counting them is a pass over every order, which the page asks for after the board's first
/// lines.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ShopView {
    pub metrics: ShopMetrics,
    pub weekly: WeeklyMetrics,
    pub charts: Charts,
}

impl ShopView {
    /// One shop's figures, or every order's.
    pub fn new(checked: &Checked, shop: Option<&str>) -> ShopView {
        match shop {
            Some(shop) => ShopView::of(&checked.shop(shop)),
            None => ShopView::of(checked.figures()),
        }
    }

    fn of(figures: &Figures) -> ShopView {
        let Figures { metrics, weekly, charts } = figures;
        ShopView { metrics: for_the_page(metrics), weekly: weekly.clone(), charts: charts.clone() }
    }
}

impl Summary {
    pub fn new(checked: &Checked) -> Summary {
        let import = &checked.import;
        let now = checked.checked_at;
        let zone = &checked.rules.profile.time_zone;
        let unused = || import.skipped.iter().filter(|row| !row.description);
        Summary {
            rows: import.rows,
            rows_used: import.rows_used,
            orders: import.orders.len(),
            description_rows: import.files.iter().map(|f| f.description_rows).sum(),
            skipped: unused().count(),
            skipped_first: unused().take(SKIPPED_SHOWN).cloned().collect(),
            missing_columns: import.missing_columns.clone(),
            time_zone: checked.read_in.name().to_owned(),
            zone_warning: (!checked.zone_chosen).then(|| ZoneWarning::of(&import.files, checked.read_in)).flatten(),
            files: import.files.clone(),
            orders_in_several_files: import.orders_in_several_files.len(),
            merged_example: import.orders_in_several_files.first().cloned(),
            orders_updated: import.orders_updated,
            shops: checked.shops.clone(),
            notes: import.notes.len(),
            notes_first: import.notes.iter().take(SKIPPED_SHOWN).cloned().collect(),
            profile: ProfileSummary::new(&checked.rules, &checked.checks),
            facets: checked.facets(now),
            peak_season: checked.rules.profile.peak_season(zone.local(now).date_naive()).cloned(),
            checked_at: now.timestamp_millis(),
            today: zone.local(now).date_naive(),
        }
    }

    /// Whether the filter counts it carries are those of `minute` (whole minutes since 1970, as
    /// the page's clock counts them): what changes with time changes by the minute, so until
    /// the next one they need not be counted again.
    pub fn facets_hold_in(&self, minute: i64) -> bool {
        self.checked_at.div_euclid(60_000) == minute
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::Pipeline;
    use crate::sample::sample_orders_csv;
    use crate::RuleProfile;
    use chrono::TimeZone;

    /// The summary of the sample orders checked at `now`.
    fn summary_at(now: DateTime<Utc>) -> Summary {
        let profile = RuleProfile::default();
        let mut pipeline = Pipeline::new(profile.clone(), profile.import_options()).unwrap();
        pipeline.read(None, sample_orders_csv(now, &profile.time_zone).as_bytes()).unwrap();
        Summary::new(&pipeline.run(now))
    }

    #[test]
    fn each_order_on_the_board_is_under_the_heading_of_its_own_group_at_any_moment() {
        let profile = RuleProfile::default();
        let now = Utc.with_ymd_and_hms(2026, 12, 5, 9, 30, 0).unwrap();
        let mut pipeline = Pipeline::new(profile.clone(), profile.import_options()).unwrap();
        pipeline.read(None, sample_orders_csv(now, &profile.time_zone).as_bytes()).unwrap();
        let checked = pipeline.run(now);
        let all = checked.by_urgency().to_vec();
        let every_other: Vec<u32> = all.iter().copied().step_by(2).collect();
        for hours in [-48, -1, 0, 2, 5, 7, 20, 30, 24 * 9] {
            let at = now + TimeDelta::hours(hours);
            for picked in [&all, &every_other] {
                let lines = Lines::new(&checked, picked.clone(), true, at);
                let mut under = Vec::new();
                let mut heading = None;
                for line in &lines.lines {
                    match line & HEADING {
                        0 => under.push((*line, heading.expect("a heading first"))),
                        _ => heading = Some(GROUPS[(line & !HEADING) as usize]),
                    }
                }
                let own: Vec<(u32, UrgencyGroup)> =
                    picked.iter().map(|&i| (i, UrgencyGroup::of_check(&checked.checks[i as usize], at))).collect();
                assert_eq!(under, own, "{hours} hours on");
            }
        }
    }

    #[test]
    fn a_summarys_filter_counts_hold_for_the_rest_of_the_minute_it_was_checked_in_and_no_longer() {
        let at = |s| Utc.with_ymd_and_hms(2026, 12, 5, 9, 30, s).unwrap();
        let minute = at(0).timestamp().div_euclid(60);
        let summary = summary_at(at(59));
        assert!(summary.facets_hold_in(minute));
        assert!(!summary.facets_hold_in(minute + 1));
        assert!(!summary.facets_hold_in(minute - 1));
    }
}
