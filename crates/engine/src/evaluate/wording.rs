//! The words of every finding, in English and Chinese, with the evidence it rests on and what
//! to do: kept apart from the conditions ([`super::findings`]) so that changing a sentence
//! cannot change a rule, and a check that wants codes alone never builds one. The Chinese and
//! the evidence are built only when asked for: the orders CSV has a column for the English
//! message alone, and building the rest for every order took about half of the time the CLI
//! spent writing the CSV.

use chrono::{DateTime, TimeDelta, Utc};

use super::deadlines::Deadline;
use super::findings::{Absent, Action, Backwards, DelayWhy, Finding, FindingCode, Found, Severity};
use super::shared::SharedNumber;
use super::Rules;
use crate::order::CancelledBy;
use crate::span;
use crate::tracking::{self, Reason};

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

/// What a finding's words are wanted for.
#[derive(Clone, Copy)]
enum Wanted {
    /// The English message alone.
    Message,
    /// The messages in both languages, the evidence and what to do.
    Finding,
}

/// Times as the seller reads them, in the profile's zone, and what the words are wanted for.
struct Times<'r>(&'r Rules, Wanted);

impl Times<'_> {
    fn en(&self, at: DateTime<Utc>) -> String {
        self.0.profile.time_zone.display(at)
    }

    fn zh(&self, at: DateTime<Utc>) -> String {
        self.0.profile.time_zone.display_zh(at)
    }

    /// A finding's words: `rest`, the Chinese message and the evidence, is made only if wanted.
    fn words(&self, message: String, action: Action, rest: impl FnOnce() -> (String, Vec<Evidence>)) -> Words {
        let (message_zh, evidence) = match self.1 {
            Wanted::Message => (String::new(), Vec::new()),
            Wanted::Finding => rest(),
        };
        Words { message, message_zh, action, evidence }
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

/// `found` in words.
pub(super) fn word(code: FindingCode, found: Found, rules: &Rules) -> Finding {
    let severity = match found {
        Found::AutoCancelRisk { passed: true, .. } => Severity::Violation,
        _ => code.severity(),
    };
    let Words { message, message_zh, action, evidence } = compose(found, &Times(rules, Wanted::Finding));
    let evidence_zh = evidence.iter().map(|(name, _, zh)| ((*name).to_owned(), zh.clone())).collect();
    let evidence = evidence.into_iter().map(|(name, en, _)| (name.to_owned(), en)).collect();
    Finding { code, severity, message, message_zh, evidence, evidence_zh, action }
}

/// `found`'s English message alone, as [`word`] writes it.
pub(super) fn message(found: Found, rules: &Rules) -> String {
    compose(found, &Times(rules, Wanted::Message)).message
}

/// `found` in words, as much of them as `times` says are wanted.
fn compose(found: Found, times: &Times) -> Words {
    match found {
        Found::SellerFaultCancellation { by, reason } => cancellation(by, reason.as_deref(), times),
        Found::TimestampOrderInvalid(backwards) => timestamps_backwards(&backwards, times),
        Found::MissingTimestamp(absent) => timestamps_missing(&absent, times),
        Found::LateDispatch { deadline, dispatched, from } => late_dispatch(deadline, dispatched, from, times),
        Found::MissingTracking => missing_tracking(times),
        Found::BadTracking { code, number, carrier } => bad_tracking(code, &number, carrier.as_deref(), times),
        Found::DuplicateTracking { number, shared } => duplicate_tracking(&number, &shared, times),
        Found::TrackingUploadedLate { uploaded, deadline } => tracking_uploaded_late(uploaded, deadline, times),
        Found::UnapprovedCarrier { carrier } => unapproved_carrier(&carrier, times),
        Found::DeliveredLate { delivered, deadline } => delivered_late(delivered, deadline, times),
        Found::DispatchOverdue { deadline, late } => dispatch_overdue(deadline, late, times),
        Found::DispatchDueSoon { deadline, left } => dispatch_due_soon(deadline, left, times),
        Found::AutoCancelRisk { deadline, passed } => auto_cancel(deadline, passed, times),
        Found::CollectionOverdue { deadline } => collection_overdue(deadline, times),
        Found::Transit { code, point, dispatched } => transit(code, point, dispatched, times),
        Found::DelayNotice { why, eta } => delay_notice(why, eta, times),
    }
}

fn missing_tracking(times: &Times) -> Words {
    times.words(
        "Shipped without a tracking number: it does not count as validly tracked.".into(),
        Action::UploadTracking,
        || ("已发货但没有物流单号，不计入有效追踪。".into(), vec![same("tracking_id", "")]),
    )
}

fn duplicate_tracking(number: &str, shared: &SharedNumber, times: &Times) -> Words {
    let more = shared.count - shared.with.len();
    let others = match more {
        0 => shared.with.join(", "),
        _ => format!("{} and {more} more", shared.with.join(", ")),
    };
    times.words(
        format!("Tracking number {number} is also on order {others}; the platform accepts a number once."),
        Action::UploadTracking,
        || {
            let others_zh = match more {
                0 => shared.with.join("、"),
                _ => format!("{}及另外 {more} 个", shared.with.join("、")),
            };
            (
                format!("物流单号 {number} 同时用于订单 {others_zh}；同一单号平台只接受一次。"),
                vec![same("tracking_id", number.to_string()), ("other_orders", others, others_zh)],
            )
        },
    )
}

fn tracking_uploaded_late(uploaded: DateTime<Utc>, deadline: Deadline, times: &Times) -> Words {
    let (added, due) = (times.en(uploaded), times.en(deadline.at));
    times.words(
        format!("The tracking number was added {added} (RTS Time), after the upload deadline ({due})."),
        Action::UploadTracking,
        || {
            let (added_zh, due_zh) = (times.zh(uploaded), times.zh(deadline.at));
            (
                format!("物流单号于 {added_zh}（RTS 时间）添加，晚于上传截止时间（{due_zh}）。"),
                vec![("tracking_added", added, added_zh), ("upload_deadline", due, due_zh)],
            )
        },
    )
}

fn unapproved_carrier(carrier: &str, times: &Times) -> Words {
    let approved: Vec<&str> = times.0.profile.approved_carriers.iter().map(|c| c.name.as_str()).collect();
    let listed = approved.join(", ");
    times.words(
        format!("{carrier} is not an approved carrier in this profile (approved: {listed})."),
        Action::ReplaceCarrier,
        || {
            let listed_zh = approved.join("、");
            (
                format!("{carrier} 不在本规则的认可物流商名单中（认可：{listed_zh}）。"),
                vec![same("carrier", carrier.to_string()), ("approved", listed, listed_zh)],
            )
        },
    )
}

fn delivered_late(delivered: DateTime<Utc>, deadline: Deadline, times: &Times) -> Words {
    let (late, due) = (delivered - deadline.at, times.en(deadline.at));
    times.words(
        format!("Delivered {} after the delivery deadline ({due}): not on time.", span::phrase(late)),
        Action::ReplaceCarrier,
        || {
            let due_zh = times.zh(deadline.at);
            (
                format!("妥投晚于送达截止时间（{due_zh}）{}，不计为准时送达。", span::phrase_zh(late)),
                vec![pair("delivered", times.both(delivered)), ("delivery_deadline", due, due_zh), source(&deadline)],
            )
        },
    )
}

fn dispatch_overdue(deadline: Deadline, late: TimeDelta, times: &Times) -> Words {
    let due = times.en(deadline.at);
    times.words(
        format!("Not dispatched, {} past the dispatch deadline ({due}).", span::phrase(late)),
        Action::ShipNow,
        || {
            let due_zh = times.zh(deadline.at);
            let message_zh = format!("尚未发货，已超过发货截止时间（{due_zh}）{}。", span::phrase_zh(late));
            (message_zh, deadline_evidence("dispatch_deadline", deadline, (due, due_zh)))
        },
    )
}

fn dispatch_due_soon(deadline: Deadline, left: TimeDelta, times: &Times) -> Words {
    let due = times.en(deadline.at);
    times.words(
        format!("Not dispatched; {} left before the dispatch deadline ({due}). Ship it first.", span::phrase(left)),
        Action::ShipNow,
        || {
            let due_zh = times.zh(deadline.at);
            let message_zh = format!("尚未发货；距发货截止时间（{due_zh}）还剩{}，请优先发货。", span::phrase_zh(left));
            (message_zh, deadline_evidence("dispatch_deadline", deadline, (due, due_zh)))
        },
    )
}

fn collection_overdue(deadline: Deadline, times: &Times) -> Words {
    let due = times.en(deadline.at);
    times.words(
        format!("The carrier has not collected it, and the collection deadline ({due}) has passed."),
        Action::ContactCarrier,
        || {
            let due_zh = times.zh(deadline.at);
            let message_zh = format!("物流商尚未揽收，已超过揽收截止时间（{due_zh}）。");
            (message_zh, deadline_evidence("collection_deadline", deadline, (due, due_zh)))
        },
    )
}

/// A deadline as evidence: `name`, its time in both languages, and who set it.
fn deadline_evidence(name: &'static str, deadline: Deadline, (due, due_zh): (String, String)) -> Vec<Evidence> {
    vec![(name, due, due_zh), source(&deadline)]
}

fn cancellation(by: CancelledBy, reason: Option<&str>, times: &Times) -> Words {
    let who = if by == CancelledBy::System { ("automatically", "系统自动") } else { ("by the seller", "卖家") };
    let because = reason.map(|r| format!(" ({r})")).unwrap_or_default();
    times.words(
        format!("Cancelled {}{because}: this counts against the seller-fault cancellation rate.", who.0),
        Action::ReviewProcess,
        || {
            let because_zh = reason.map(|r| format!("（{r}）")).unwrap_or_default();
            let mut evidence = vec![("cancelled_by", who.0.to_owned(), who.1.to_owned())];
            evidence.extend(reason.map(|r| same("cancel_reason", r)));
            (format!("订单被{}取消{because_zh}，计入卖家责任取消率。", who.1), evidence)
        },
    )
}

fn timestamps_backwards(backwards: &[Backwards], times: &Times) -> Words {
    let list = |say: &dyn Fn(&Backwards) -> String, separator: &str| {
        backwards.iter().map(say).collect::<Vec<String>>().join(separator)
    };
    let say_en = |Backwards { later, earlier }: &Backwards| {
        format!("{} ({}) is before {} ({})", later.1, times.en(later.0), earlier.1, times.en(earlier.0))
    };
    let en = list(&say_en, "; ");
    times.words(format!("The timestamps contradict each other: {en}."), Action::FixData, || {
        let say_zh = |Backwards { later, earlier }: &Backwards| {
            format!("{}（{}）早于 {}（{}）", later.1, times.zh(later.0), earlier.1, times.zh(earlier.0))
        };
        let zh = list(&say_zh, "；");
        (format!("时间顺序有误：{zh}。"), vec![("problems", en, zh)])
    })
}

fn timestamps_missing(absent: &[Absent], times: &Times) -> Words {
    let named = |which: &Absent| match which {
        Absent::Start => ("Paid Time or Created Time", "付款时间或创建时间", "no deadline can be computed"),
        Absent::Shipped => ("Shipped Time", "发货时间", "the status says it shipped"),
        Absent::Delivered => ("Delivered Time", "妥投时间", "the status says it was delivered"),
    };
    let en: Vec<String> = absent.iter().map(named).map(|(column, _, why)| format!("no {column} ({why})")).collect();
    let en = en.join("; ");
    times.words(format!("Missing timestamps: {en}."), Action::FixData, || {
        let zh: Vec<&str> = absent.iter().map(named).map(|(_, column, _)| column).collect();
        let zh = zh.join("、");
        (format!("缺少时间：{zh}。"), vec![("missing", en, zh)])
    })
}

fn late_dispatch(deadline: Deadline, dispatched: DateTime<Utc>, from: &'static str, times: &Times) -> Words {
    let late = dispatched - deadline.at;
    let (due, at) = (times.en(deadline.at), times.en(dispatched));
    times.words(
        format!(
            "Dispatched {} after the dispatch deadline ({due}); dispatched {at}. This counts against the late \
             dispatch rate.",
            span::phrase(late)
        ),
        Action::ReviewProcess,
        || {
            let (due_zh, at_zh) = (times.zh(deadline.at), times.zh(dispatched));
            let message_zh =
                format!("发货晚于截止时间（{due_zh}）{}；实际发货 {at_zh}。计入迟发率。", span::phrase_zh(late));
            let evidence = vec![
                ("dispatch_deadline", due, due_zh),
                ("dispatched", at, at_zh),
                ("dispatched_from", from.to_owned(), column_zh(from).to_owned()),
                source(&deadline),
            ];
            (message_zh, evidence)
        },
    )
}

fn bad_tracking(code: FindingCode, number: &str, carrier: Option<&str>, times: &Times) -> Words {
    let reason = tracking::reason(number, carrier);
    let reason_en = reason.map(Reason::english).unwrap_or_default();
    let named = carrier.unwrap_or("the carrier");
    let invalid = code == FindingCode::InvalidTracking;
    let message = match invalid {
        true => format!("Tracking number {number} will be rejected: {reason_en}."),
        false => format!("Tracking number {number} does not belong to {named}: {reason_en}."),
    };
    times.words(message, Action::UploadTracking, || {
        let reason_zh = reason.map(Reason::chinese).unwrap_or_default();
        let message_zh = match invalid {
            true => format!("物流单号 {number} 无效，平台将拒收：{reason_zh}。"),
            false => format!("物流单号 {number} 与所选物流商 {named} 不符：{reason_zh}。"),
        };
        let carrier_zh = carrier.unwrap_or("物流商");
        let evidence = vec![
            same("tracking_id", number),
            ("carrier", named.to_owned(), carrier_zh.to_owned()),
            ("reason", reason_en, reason_zh),
        ];
        (message_zh, evidence)
    })
}

fn auto_cancel(deadline: Deadline, passed: bool, times: &Times) -> Words {
    let due = times.en(deadline.at);
    let message = match passed {
        true => {
            format!("No progress since the auto-cancel deadline ({due}): the platform may cancel it, counting against the shop.")
        }
        false => format!("The platform cancels it automatically unless it is ready to ship by {due}."),
    };
    times.words(message, Action::ShipNow, || {
        let due_zh = times.zh(deadline.at);
        let message_zh = match passed {
            true => format!("已过自动取消截止时间（{due_zh}）仍无进展：平台可能取消该订单，并计入店铺指标。"),
            false => format!("如在 {due_zh} 前未完成备货（待揽收），平台将自动取消该订单。"),
        };
        (message_zh, deadline_evidence("auto_cancel_deadline", deadline, (due, due_zh)))
    })
}

fn transit(code: FindingCode, point: Deadline, dispatched: Option<DateTime<Utc>>, times: &Times) -> Words {
    let (sent, limit) = (dispatched.map(|at| times.en(at)).unwrap_or_default(), times.en(point.at));
    let (message, action, key) = match code {
        FindingCode::LikelyLost => (
            format!("Dispatched {sent} and still not delivered after the likely-lost limit ({limit})."),
            Action::ContactCarrier,
            "likely_lost_after",
        ),
        FindingCode::TransitExceeded => (
            format!("Dispatched {sent}; the transit limit ({limit}) has passed without delivery."),
            Action::ContactCarrier,
            "transit_limit",
        ),
        _ => (
            format!("Dispatched {sent} and still in transit after the warning point ({limit})."),
            Action::NotifyBuyer,
            "transit_warning_after",
        ),
    };
    times.words(message, action, || {
        let (sent_zh, limit_zh) = (dispatched.map(|at| times.zh(at)).unwrap_or_default(), times.zh(point.at));
        let message_zh = match code {
            FindingCode::LikelyLost => format!("已于 {sent_zh} 发出，超过疑似丢失期限（{limit_zh}）仍未妥投。"),
            FindingCode::TransitExceeded => format!("已于 {sent_zh} 发出，超过运输时限（{limit_zh}）仍未妥投。"),
            _ => format!("已于 {sent_zh} 发出，超过预警时间（{limit_zh}）仍在运输中。"),
        };
        (message_zh, vec![("dispatched", sent, sent_zh), (key, limit, limit_zh)])
    })
}

fn delay_notice(why: DelayWhy, eta: Option<chrono::NaiveDate>, times: &Times) -> Words {
    let why = match why {
        DelayWhy::ShipsLate => ("the order ships late", "订单延迟发货"),
        DelayWhy::SlowInTransit => ("the parcel is slower than usual in transit", "包裹运输时间长于正常"),
    };
    let message = match eta {
        Some(date) => {
            format!("Warn the buyer that delivery may be delayed because {}; estimated arrival by {date}.", why.0)
        }
        None => {
            format!("Warn the buyer that delivery is delayed because {}; ask the carrier for a new estimate.", why.0)
        }
    };
    times.words(message, Action::NotifyBuyer, || {
        let eta_zh = eta.map(|date| date.format("%Y年%-m月%-d日").to_string());
        let message_zh = match &eta_zh {
            Some(date) => format!("请提前告知买家：因{}，送达可能延迟；预计 {date}前送达。", why.1),
            None => format!("请告知买家：因{}，送达已延迟；请向物流商确认新的预计送达时间。", why.1),
        };
        let mut evidence = vec![("reason", why.0.to_owned(), why.1.to_owned())];
        evidence.extend(eta.zip(eta_zh).map(|(date, zh)| ("estimated_arrival", date.to_string(), zh)));
        (message_zh, evidence)
    })
}

/// The column a dispatch time came from, as a Chinese export names it. Found among the columns
/// a dispatch time is read from, by their headers: matching any header against every column's
/// names took a twentieth of a CSV export's time.
fn column_zh(column: &'static str) -> &'static str {
    use crate::import::Column;
    let dispatch_columns = [Column::RtsTime, Column::ShippedTime, Column::CollectionTime];
    dispatch_columns.into_iter().find(|c| c.header() == column).map_or(column, Column::header_zh)
}
