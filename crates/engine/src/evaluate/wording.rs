//! The words of every finding, in English and Chinese, with the evidence it rests on and what
//! to do: kept apart from the conditions ([`super::findings`]) so that changing a sentence
//! cannot change a rule, and a check that wants codes alone never builds one.

use chrono::{DateTime, Utc};

use super::deadlines::Deadline;
use super::findings::{Absent, Action, Backwards, DelayWhy, Finding, FindingCode, Found, Severity};
use super::Rules;
use crate::order::CancelledBy;
use crate::span;
use crate::tracking::check_tracking;

impl Action {
    pub fn text(self) -> &'static str {
        match self {
            Action::ShipNow => "Ship it now.",
            Action::NotifyBuyer => "Tell the buyer about the delay, with an estimated arrival date.",
            Action::ContactCarrier => "Contact the carrier, and open a logistics dispute if the parcel is lost.",
            Action::ReplaceCarrier => {
                "Use an approved carrier for this destination; replace carriers that keep performing badly."
            }
            Action::UploadTracking => "Upload a valid tracking number as soon as the parcel ships.",
            Action::FixData => "Check the order's data in Seller Center and correct the export.",
            Action::ReviewProcess => "Review the packing and shipping steps that let this happen.",
        }
    }

    pub fn text_zh(self) -> &'static str {
        match self {
            Action::ShipNow => "立即发货。",
            Action::NotifyBuyer => "告知买家延误情况，并给出预计到达日期。",
            Action::ContactCarrier => "联系物流商；如包裹丢失，发起物流纠纷。",
            Action::ReplaceCarrier => "为该目的地使用平台认可的物流商；更换表现持续不佳的物流商。",
            Action::UploadTracking => "包裹发出后立即上传有效的物流单号。",
            Action::FixData => "在卖家中心核对该订单数据并更正导出文件。",
            Action::ReviewProcess => "复查导致此问题的打包和发货环节。",
        }
    }
}

/// Times as the seller reads them, in the profile's zone.
struct Times<'r>(&'r Rules);

impl Times<'_> {
    fn en(&self, at: DateTime<Utc>) -> String {
        self.0.profile.time_zone.display(at)
    }

    fn zh(&self, at: DateTime<Utc>) -> String {
        self.0.profile.time_zone.display_zh(at)
    }

    /// A moment as evidence, in both languages.
    fn both(&self, at: DateTime<Utc>) -> (String, String) {
        (self.en(at), self.zh(at))
    }
}

/// One piece of evidence: its key, and its value in English and in Chinese.
type Evidence = (&'static str, String, String);

/// Evidence whose value reads the same in both languages (a number, an ID, a name).
fn same(name: &'static str, value: impl Into<String>) -> Evidence {
    let value = value.into();
    (name, value.clone(), value)
}

fn pair(name: &'static str, (en, zh): (String, String)) -> Evidence {
    (name, en, zh)
}

/// Who set a deadline: its code in English (the report's), and in Chinese.
fn source(deadline: &Deadline) -> Evidence {
    let zh = match deadline.source {
        super::deadlines::DeadlineSource::Platform => "平台设定",
        super::deadlines::DeadlineSource::Profile => "规则配置",
    };
    ("deadline_source", deadline.source.code().to_owned(), zh.to_owned())
}

/// A finding's words and evidence, before its code and severity are added.
struct Words {
    message: String,
    message_zh: String,
    action: Action,
    evidence: Vec<Evidence>,
}

fn words(message: String, message_zh: String, action: Action, evidence: Vec<Evidence>) -> Words {
    Words { message, message_zh, action, evidence }
}

/// `found` in words.
pub(super) fn word(code: FindingCode, found: Found, rules: &Rules) -> Finding {
    let times = Times(rules);
    let severity = match found {
        Found::AutoCancelRisk { passed: true, .. } => Severity::Violation,
        _ => code.severity(),
    };
    let Words { message, message_zh, action, evidence } = match found {
        Found::SellerFaultCancellation { by, reason } => cancellation(by, reason.as_deref()),
        Found::TimestampOrderInvalid(backwards) => timestamps_backwards(&backwards, &times),
        Found::MissingTimestamp(absent) => timestamps_missing(&absent),
        Found::LateDispatch { deadline, dispatched, from } => late_dispatch(deadline, dispatched, from, &times),
        Found::MissingTracking => words(
            "Shipped without a tracking number: it does not count as validly tracked.".into(),
            "已发货但没有物流单号，不计入有效追踪。".into(),
            Action::UploadTracking,
            vec![same("tracking_id", "")],
        ),
        Found::BadTracking { code, number, carrier } => bad_tracking(code, &number, carrier.as_deref()),
        Found::DuplicateTracking { number, shared } => {
            let others = shared.with.join(", ");
            let more = shared.count - shared.with.len();
            let (others, others_zh) = if more > 0 {
                (format!("{others} and {more} more"), format!("{}及另外 {more} 个", shared.with.join("、")))
            } else {
                (others, shared.with.join("、"))
            };
            words(
                format!("Tracking number {number} is also on order {others}; the platform accepts a number once."),
                format!("物流单号 {number} 同时用于订单 {others_zh}；同一单号平台只接受一次。"),
                Action::UploadTracking,
                vec![same("tracking_id", number.to_string()), ("other_orders", others, others_zh)],
            )
        }
        Found::TrackingUploadedLate { uploaded, deadline } => {
            let (added, due) = (times.en(uploaded), times.en(deadline.at));
            words(
                format!("The tracking number was added {added} (RTS Time), after the upload deadline ({due})."),
                format!(
                    "物流单号于 {}（RTS 时间）添加，晚于上传截止时间（{}）。",
                    times.zh(uploaded),
                    times.zh(deadline.at)
                ),
                Action::UploadTracking,
                vec![pair("tracking_added", times.both(uploaded)), pair("upload_deadline", times.both(deadline.at))],
            )
        }
        Found::UnapprovedCarrier { carrier } => {
            let approved: Vec<&str> = rules.profile.approved_carriers.iter().map(|c| c.name.as_str()).collect();
            words(
                format!("{carrier} is not an approved carrier in this profile (approved: {}).", approved.join(", ")),
                format!("{carrier} 不在本规则的认可物流商名单中（认可：{}）。", approved.join("、")),
                Action::ReplaceCarrier,
                vec![same("carrier", carrier.to_string()), ("approved", approved.join(", "), approved.join("、"))],
            )
        }
        Found::DeliveredLate { delivered, deadline } => {
            let late = delivered - deadline.at;
            words(
                format!(
                    "Delivered {} after the delivery deadline ({}): not on time.",
                    span::phrase(late),
                    times.en(deadline.at)
                ),
                format!("妥投晚于送达截止时间（{}）{}，不计为准时送达。", times.zh(deadline.at), span::phrase_zh(late)),
                Action::ReplaceCarrier,
                vec![
                    pair("delivered", times.both(delivered)),
                    pair("delivery_deadline", times.both(deadline.at)),
                    source(&deadline),
                ],
            )
        }
        Found::DispatchOverdue { deadline, late } => words(
            format!("Not dispatched, {} past the dispatch deadline ({}).", span::phrase(late), times.en(deadline.at)),
            format!("尚未发货，已超过发货截止时间（{}）{}。", times.zh(deadline.at), span::phrase_zh(late)),
            Action::ShipNow,
            deadline_evidence("dispatch_deadline", deadline, &times),
        ),
        Found::DispatchDueSoon { deadline, left } => words(
            format!(
                "Not dispatched; {} left before the dispatch deadline ({}). Ship it first.",
                span::phrase(left),
                times.en(deadline.at)
            ),
            format!("尚未发货；距发货截止时间（{}）还剩{}，请优先发货。", times.zh(deadline.at), span::phrase_zh(left)),
            Action::ShipNow,
            deadline_evidence("dispatch_deadline", deadline, &times),
        ),
        Found::AutoCancelRisk { deadline, passed } => auto_cancel(deadline, passed, &times),
        Found::CollectionOverdue { deadline } => words(
            format!(
                "The carrier has not collected it, and the collection deadline ({}) has passed.",
                times.en(deadline.at)
            ),
            format!("物流商尚未揽收，已超过揽收截止时间（{}）。", times.zh(deadline.at)),
            Action::ContactCarrier,
            deadline_evidence("collection_deadline", deadline, &times),
        ),
        Found::Transit { code, point, dispatched } => transit(code, point, dispatched, &times),
        Found::DelayNotice { why, eta } => delay_notice(why, eta),
    };
    let evidence_zh = evidence.iter().map(|(name, _, zh)| ((*name).to_owned(), zh.clone())).collect();
    let evidence = evidence.into_iter().map(|(name, en, _)| (name.to_owned(), en)).collect();
    Finding { code, severity, message, message_zh, evidence, evidence_zh, action }
}

fn deadline_evidence(name: &'static str, deadline: Deadline, times: &Times) -> Vec<Evidence> {
    vec![pair(name, times.both(deadline.at)), source(&deadline)]
}

fn cancellation(by: CancelledBy, reason: Option<&str>) -> Words {
    let who = if by == CancelledBy::System { ("automatically", "系统自动") } else { ("by the seller", "卖家") };
    let (because, because_zh) = reason.map_or_else(Default::default, |r| (format!(" ({r})"), format!("（{r}）")));
    let mut evidence = vec![("cancelled_by", who.0.to_owned(), who.1.to_owned())];
    evidence.extend(reason.map(|r| same("cancel_reason", r)));
    words(
        format!("Cancelled {}{because}: this counts against the seller-fault cancellation rate.", who.0),
        format!("订单被{}取消{because_zh}，计入卖家责任取消率。", who.1),
        Action::ReviewProcess,
        evidence,
    )
}

fn timestamps_backwards(backwards: &[Backwards], times: &Times) -> Words {
    let (en, zh): (Vec<String>, Vec<String>) = backwards
        .iter()
        .map(|Backwards { later: (later, later_name), earlier: (earlier, earlier_name) }| {
            (
                format!("{later_name} ({}) is before {earlier_name} ({})", times.en(*later), times.en(*earlier)),
                format!("{later_name}（{}）早于 {earlier_name}（{}）", times.zh(*later), times.zh(*earlier)),
            )
        })
        .unzip();
    words(
        format!("The timestamps contradict each other: {}.", en.join("; ")),
        format!("时间顺序有误：{}。", zh.join("；")),
        Action::FixData,
        vec![("problems", en.join("; "), zh.join("；"))],
    )
}

fn timestamps_missing(absent: &[Absent]) -> Words {
    let named = |which: &Absent| match which {
        Absent::Start => ("Paid Time or Created Time", "付款时间或创建时间", "no deadline can be computed"),
        Absent::Shipped => ("Shipped Time", "发货时间", "the status says it shipped"),
        Absent::Delivered => ("Delivered Time", "妥投时间", "the status says it was delivered"),
    };
    let en: Vec<String> = absent.iter().map(named).map(|(column, _, why)| format!("no {column} ({why})")).collect();
    let zh: Vec<&str> = absent.iter().map(named).map(|(_, column, _)| column).collect();
    words(
        format!("Missing timestamps: {}.", en.join("; ")),
        format!("缺少时间：{}。", zh.join("、")),
        Action::FixData,
        vec![("missing", en.join("; "), zh.join("、"))],
    )
}

fn late_dispatch(deadline: Deadline, dispatched: DateTime<Utc>, from: &'static str, times: &Times) -> Words {
    let late = dispatched - deadline.at;
    let (due, at) = (times.en(deadline.at), times.en(dispatched));
    words(
        format!(
            "Dispatched {} after the dispatch deadline ({due}); dispatched {at}. This counts against the late \
             dispatch rate.",
            span::phrase(late)
        ),
        format!(
            "发货晚于截止时间（{}）{}；实际发货 {}。计入迟发率。",
            times.zh(deadline.at),
            span::phrase_zh(late),
            times.zh(dispatched)
        ),
        Action::ReviewProcess,
        vec![
            ("dispatch_deadline", due, times.zh(deadline.at)),
            ("dispatched", at, times.zh(dispatched)),
            ("dispatched_from", from.to_owned(), column_zh(from).to_owned()),
            source(&deadline),
        ],
    )
}

fn bad_tracking(code: FindingCode, number: &str, carrier: Option<&str>) -> Words {
    let result = check_tracking(number, carrier);
    let (reason, reason_zh) = (result.reason.unwrap_or_default(), result.reason_zh.unwrap_or_default());
    let carrier_zh = carrier.unwrap_or("物流商");
    let carrier = carrier.unwrap_or("the carrier");
    let (message, message_zh) = match code {
        FindingCode::InvalidTracking => (
            format!("Tracking number {number} will be rejected: {reason}."),
            format!("物流单号 {number} 无效，平台将拒收：{reason_zh}。"),
        ),
        _ => (
            format!("Tracking number {number} does not belong to {carrier}: {reason}."),
            format!("物流单号 {number} 与所选物流商 {carrier} 不符：{reason_zh}。"),
        ),
    };
    words(
        message,
        message_zh,
        Action::UploadTracking,
        vec![
            same("tracking_id", number),
            ("carrier", carrier.to_owned(), carrier_zh.to_owned()),
            ("reason", reason, reason_zh),
        ],
    )
}

fn auto_cancel(deadline: Deadline, passed: bool, times: &Times) -> Words {
    let (due, due_zh) = (times.en(deadline.at), times.zh(deadline.at));
    let (message, message_zh) = if passed {
        (
            format!("No progress since the auto-cancel deadline ({due}): the platform may cancel it, counting against the shop."),
            format!("已过自动取消截止时间（{due_zh}）仍无进展：平台可能取消该订单，并计入店铺指标。"),
        )
    } else {
        (
            format!("The platform cancels it automatically unless it is ready to ship by {due}."),
            format!("如在 {due_zh} 前未完成备货（待揽收），平台将自动取消该订单。"),
        )
    };
    words(message, message_zh, Action::ShipNow, deadline_evidence("auto_cancel_deadline", deadline, times))
}

fn transit(code: FindingCode, point: Deadline, dispatched: Option<DateTime<Utc>>, times: &Times) -> Words {
    let (sent, limit) = (dispatched.map(|at| times.en(at)).unwrap_or_default(), times.en(point.at));
    let (sent_zh, limit_zh) = (dispatched.map(|at| times.zh(at)).unwrap_or_default(), times.zh(point.at));
    let (message, message_zh, action, key) = match code {
        FindingCode::LikelyLost => (
            format!("Dispatched {sent} and still not delivered after the likely-lost limit ({limit})."),
            format!("已于 {sent_zh} 发出，超过疑似丢失期限（{limit_zh}）仍未妥投。"),
            Action::ContactCarrier,
            "likely_lost_after",
        ),
        FindingCode::TransitExceeded => (
            format!("Dispatched {sent}; the transit limit ({limit}) has passed without delivery."),
            format!("已于 {sent_zh} 发出，超过运输时限（{limit_zh}）仍未妥投。"),
            Action::ContactCarrier,
            "transit_limit",
        ),
        _ => (
            format!("Dispatched {sent} and still in transit after the warning point ({limit})."),
            format!("已于 {sent_zh} 发出，超过预警时间（{limit_zh}）仍在运输中。"),
            Action::NotifyBuyer,
            "transit_warning_after",
        ),
    };
    words(message, message_zh, action, vec![("dispatched", sent, sent_zh), (key, limit, limit_zh)])
}

fn delay_notice(why: DelayWhy, eta: Option<chrono::NaiveDate>) -> Words {
    let why = match why {
        DelayWhy::ShipsLate => ("the order ships late", "订单延迟发货"),
        DelayWhy::SlowInTransit => ("the parcel is slower than usual in transit", "包裹运输时间长于正常"),
    };
    let (message, message_zh) = match eta {
        Some(date) => (
            format!("Warn the buyer that delivery may be delayed because {}; estimated arrival by {date}.", why.0),
            format!("请提前告知买家：因{}，送达可能延迟；预计 {}前送达。", why.1, date.format("%Y年%-m月%-d日")),
        ),
        None => (
            format!("Warn the buyer that delivery is delayed because {}; ask the carrier for a new estimate.", why.0),
            format!("请告知买家：因{}，送达已延迟；请向物流商确认新的预计送达时间。", why.1),
        ),
    };
    let mut evidence = vec![("reason", why.0.to_owned(), why.1.to_owned())];
    evidence.extend(eta.map(|date| ("estimated_arrival", date.to_string(), date.format("%Y年%-m月%-d日").to_string())));
    words(message, message_zh, Action::NotifyBuyer, evidence)
}

/// The column a dispatch time came from, as a Chinese export names it. Found among the columns
/// a dispatch time is read from, by their headers: matching any header against every column's
/// names took a twentieth of a CSV export's time.
fn column_zh(column: &'static str) -> &'static str {
    use crate::import::Column;
    let dispatch_columns = [Column::RtsTime, Column::ShippedTime, Column::CollectionTime];
    dispatch_columns.into_iter().find(|c| c.header() == column).map_or(column, Column::header_zh)
}
