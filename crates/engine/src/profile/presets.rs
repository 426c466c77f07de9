//! The built-in profiles, each version with the public source it was written from.
//!
//! Sources are Seller University pages by `knowledge_id` (US: seller-us.tiktok.com, VN:
//! seller-vn.tiktok.com, TH: seller-th.tiktok.com, `/university/essay?knowledge_id=N`), or the
//! secondary sites named, which repeat the platform. Where sources disagree the newer primary
//! one wins; where no source confirms a value, the notes say "unverified". PRODUCT.md, "Policy
//! as of 2026-12", lists every point with its source.

use chrono::{NaiveDate, NaiveTime, Weekday};

use super::{
    Carrier, ClockStart, Counted, DeliveryFrom, DeliveryWindow, DispatchEvent, Enforcement, Exemption, HandlingTime,
    MetricPeriod, MetricRule, MetricRules, OrderGroup, OrderTypes, PeakSeason, RuleProfile, RuleVersion, Window,
    Windows,
};
use crate::calendar::CalendarSpec;
use crate::timestamp::DateOrder;
use crate::zone::Zone;

fn date(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).expect("valid preset date")
}

fn notes(lines: &[&str]) -> Vec<String> {
    lines.iter().map(|line| (*line).to_owned()).collect()
}

/// Black Friday to Christmas, which the article names as the season to warn buyers about.
fn holiday_peaks() -> Vec<PeakSeason> {
    (2024..=2027)
        .map(|year| PeakSeason {
            name: format!("Black Friday to Christmas {year}"),
            name_zh: Some(format!("{year} 年黑色星期五至圣诞节")),
            from: date(year, 11, 20),
            to: date(year, 12, 31),
            extra_business_days: 0,
        })
        .collect()
}

/// Carriers cross-border sellers in China commonly use for TikTok Shop; the platform's own list
/// differs by destination and changes, so sellers edit this.
fn cross_border_carriers() -> Vec<Carrier> {
    vec![
        Carrier::new("YunExpress", &["Yun Express", "云途", "云途物流"]),
        Carrier::new("4PX", &["4PX Express", "递四方"]),
        Carrier::new("Cainiao", &["Cainiao Global", "菜鸟"]),
        Carrier::new("Yanwen", &["燕文", "燕文物流"]),
        Carrier::new("China Post", &["China Post Small Packet", "中国邮政"]),
        Carrier::new("J&T Express", &["J&T", "JT Express", "极兔"]),
    ]
}

fn exempt(orders: OrderGroup, counted: Counted) -> Exemption {
    Exemption { orders, counted }
}

const US_LDR: &str = "Seller University US, \"Late Dispatch Rate\" (knowledge_id 3668989549299511, 2026-03-02); \
                      chwang.com/news/200950795657 (secondary)";
const US_OTDR: &str = "Seller University US, OTDR guide (knowledge_id 7671875816589099, 2026-05-19); Upgraded \
                       TikTok Shipping (knowledge_id 1830506744514347, 2026-02-05); 10100.com/article/1774302 \
                       (secondary)";
const US_VTR: &str = "Seller University US, \"Valid Tracking Rate\" (knowledge_id 1274968588748558)";
const US_SFCR: &str = "Seller University US, \"Seller Fault Cancellation Rate\" (knowledge_id 7953001314830094)";

impl MetricRules {
    /// The platform's metric definitions as Seller University US publishes them: what its
    /// Fulfillment Performance page shows, weekly (knowledge_id 7774796411864833). A profile
    /// that does not define its metrics has these.
    pub fn platform() -> MetricRules {
        us_metrics()
    }
}

/// The US metric definitions.
fn us_metrics() -> MetricRules {
    MetricRules {
        late_dispatch: MetricRule {
            target: 0.04,
            enforced: Some(Enforcement {
                at: 0.10,
                inclusive: false,
                consequence: "above 10 %: order volume limits, settlement on day 31 after delivery, and a $5 \
                              fee per late-dispatched order"
                    .into(),
                consequence_zh: "超过 10%：限制订单量，结算推迟至妥投后第 31 天，每笔迟发订单收取 5 美元".into(),
            }),
            exempt: vec![exempt(OrderGroup::FulfilledByTiktok, Counted::AsMet)],
            period: MetricPeriod::Weekly,
            source: US_LDR.into(),
            notes: notes(&[
                "Weekly, Monday to Sunday, updated on Mondays; an order belongs to the week it was dispatched in.",
            ]),
        },
        valid_tracking: MetricRule {
            target: 0.95,
            enforced: None,
            exempt: vec![
                exempt(OrderGroup::FulfilledByTiktok, Counted::NotCounted),
                exempt(OrderGroup::PlatformShipping, Counted::NotCounted),
            ],
            period: MetricPeriod::Weekly,
            source: format!("{US_VTR}; {US_OTDR}"),
            notes: notes(&[
                "Counted per package (Package ID); an export without Package IDs counts each order as one package.",
                "The week a package belongs to is the week it was dispatched in: unverified.",
            ]),
        },
        on_time_delivery: MetricRule {
            target: 0.80,
            enforced: None,
            exempt: vec![
                exempt(OrderGroup::FulfilledByTiktok, Counted::NotCounted),
                exempt(OrderGroup::PlatformShipping, Counted::NotCounted),
                exempt(OrderGroup::Express, Counted::NotCounted),
            ],
            period: MetricPeriod::Weekly,
            source: US_OTDR.into(),
            notes: notes(&[
                "An order belongs to the week its deliver-by date falls in; one past that date and not delivered \
                 is late. The platform shows a week two weeks after it ends.",
            ]),
        },
        seller_fault_cancellation: MetricRule {
            target: 0.025,
            enforced: None,
            exempt: vec![exempt(OrderGroup::Sample, Counted::NotCounted)],
            period: MetricPeriod::Weekly,
            source: US_SFCR.into(),
            notes: notes(&[
                "Seller and automatic cancellations of confirmed (paid) orders; an order belongs to the week it \
                 was paid in: unverified.",
            ]),
        },
    }
}

/// Metric limits for markets whose own definitions no source gives: the US ones, said so.
fn generic_metrics(market: &str) -> MetricRules {
    let unverified =
        format!("{market}: the US definition and limit; no source for this market confirms them (unverified).");
    let mut metrics = us_metrics();
    for rule in [
        &mut metrics.late_dispatch,
        &mut metrics.valid_tracking,
        &mut metrics.on_time_delivery,
        &mut metrics.seller_fault_cancellation,
    ] {
        rule.enforced = None;
        rule.notes.insert(0, unverified.clone());
    }
    metrics
}

/// South-East Asia: cancellations over 7 days, auto-cancellations included, and what crossing
/// 10 % costs (TH knowledge_id 4260207925872400).
fn sea_metrics(market: &str) -> MetricRules {
    let mut metrics = generic_metrics(market);
    metrics.seller_fault_cancellation = MetricRule {
        target: 0.10,
        enforced: Some(Enforcement {
            at: 0.10,
            inclusive: true,
            consequence: "from 10 %: 2 violation points (4 with 30 orders or more), and new orders capped at \
                          90 %, 70 % then 50 % of the daily average"
                .into(),
            consequence_zh: "达到 10%：扣 2 分（订单 30 笔及以上扣 4 分），每日订单量依次限制为日均的 90%、70%、50%"
                .into(),
        }),
        exempt: vec![exempt(OrderGroup::Sample, Counted::NotCounted)],
        period: MetricPeriod::Days(7),
        source: "Seller University TH, seller-fault cancellation rate (knowledge_id 4260207925872400)".into(),
        notes: notes(&["Over the last 7 days; automatic cancellations count as the seller's."]),
    };
    metrics
}

impl RuleProfile {
    /// The seed article: ship within 48 hours; deliver within 10–15 business days.
    pub fn cross_border_article() -> RuleProfile {
        RuleProfile {
            id: "cross-border-article".into(),
            name: "Cross-border: ship within 48 hours".into(),
            name_zh: Some("跨境：48 小时内发货".into()),
            notes: notes(&[
                "Approved carriers are a common cross-border list, not the platform's: edit it.",
                "Transit days are counted in the destination country's calendar when ShipCheck has one, else \
                 Monday to Friday.",
            ]),
            time_zone: Zone::SHANGHAI,
            date_order: DateOrder::MonthFirst,
            calendar: CalendarSpec::country("CN"),
            due_soon_hours: 24,
            approved_carriers: cross_border_carriers(),
            peak_seasons: holiday_peaks(),
            metrics: generic_metrics("Cross-border"),
            versions: vec![RuleVersion {
                effective_from: date(2024, 11, 12),
                source: "\"TikTok Shop cross-border shipping rules: what every order handler must know\" (Chinese \
                         article, 2024-11-12)"
                    .into(),
                source_zh: Some("《TikTok Shop跨境电商发货新规,订单处理必知指南!》（独角兽资讯，2024-11-12）".into()),
                as_of: date(2024, 11, 12),
                notes: notes(&["A parcel undelivered 10 business days after the 15-day limit is treated as likely \
                                lost."]),
                clock_start: ClockStart::PaidElseCreated,
                dispatch_event: DispatchEvent::Shipped,
                windows: article_windows(),
                order_types: OrderTypes::default(),
            }],
        }
    }

    /// Cross-border pickup mode: ready to ship within 48 h; drop-off in transit within 120 h.
    pub fn cross_border_pickup() -> RuleProfile {
        let article = RuleProfile::cross_border_article();
        RuleProfile {
            id: "cross-border-pickup".into(),
            name: "Cross-border pickup: ready in 48 h, shipped in 120 h".into(),
            name_zh: Some("跨境上门揽收：48 小时内备货，120 小时内发出".into()),
            versions: vec![RuleVersion {
                effective_from: date(2024, 11, 12),
                source: "chwang.com/ask/198814453421 (secondary source on TikTok Shop cross-border fulfilment); \
                         transit limits from the seed article"
                    .into(),
                source_zh: Some(
                    "chwang.com/ask/198814453421（TikTok Shop 跨境履约的二手资料）；运输时限取自独角兽资讯 2024-11-12 的文章"
                        .into(),
                ),
                as_of: date(2024, 11, 12),
                notes: Vec::new(),
                clock_start: ClockStart::PaidElseCreated,
                dispatch_event: DispatchEvent::ReadyToShip,
                windows: Windows { collection: Some(Window::CalendarHours(120)), ..article_windows() },
                order_types: OrderTypes::default(),
            }],
            ..article
        }
    }

    /// US local sellers: the 2025-10-23 rule, the January 2026 transition, and "In Transit
    /// within 2 business days of Awaiting Shipment" from 2026-01-26.
    pub fn us_local() -> RuleProfile {
        RuleProfile {
            id: "us-local".into(),
            name: "US local sellers: in transit in 2 business days".into(),
            name_zh: Some("美国本土卖家：2 个工作日内进入运输".into()),
            notes: notes(&[
                "Business days exclude Saturdays, Sundays and US federal holidays; the cut-off is 11:59:59 PM \
                 Pacific.",
                "A package with no carrier scan for 10 calendar days or 7 business days is deemed lost (Seller \
                 Shipping overview, knowledge_id 8308896260065025); the likely-lost point here is 15 business \
                 days after dispatch.",
            ]),
            time_zone: Zone::LOS_ANGELES,
            date_order: DateOrder::MonthFirst,
            calendar: CalendarSpec::country("US"),
            due_soon_hours: 24,
            approved_carriers: Vec::new(),
            peak_seasons: holiday_peaks(),
            metrics: us_metrics(),
            versions: vec![us_2025_10_23(), us_2026_01_12(), us_2026_01_26()],
        }
    }

    /// Sellers shipping from China to US buyers, from 2026-01-26.
    pub fn us_cross_border() -> RuleProfile {
        let mut metrics = us_metrics();
        metrics.late_dispatch.notes.push(
            "The late dispatch limits are the US local ones: unverified for \
                                          cross-border shops."
                .into(),
        );
        RuleProfile {
            id: "us-cross-border".into(),
            name: "US cross-border: in transit in 2 working days".into(),
            name_zh: Some("美国跨境：2 个工作日内进入运输".into()),
            notes: notes(&[
                "Platform logistics are required for US cross-border orders from 2025-12-31 (glosellers.com/57110.html, \
                 secondary); their orders are exempt from the on-time delivery and valid tracking rates.",
                "Working days are counted in China's calendar and zone, where the parcels leave: unverified.",
            ]),
            time_zone: Zone::SHANGHAI,
            date_order: DateOrder::MonthFirst,
            calendar: CalendarSpec::country("CN"),
            due_soon_hours: 24,
            approved_carriers: Vec::new(),
            peak_seasons: holiday_peaks(),
            metrics,
            versions: vec![RuleVersion {
                effective_from: date(2026, 1, 26),
                source: "glosellers.com/57110.html (secondary, repeating the platform's 2026 US cross-border \
                         fulfilment rule)"
                    .into(),
                source_zh: Some("glosellers.com/57110.html（二手资料，转述平台 2026 年美国跨境履约规则）".into()),
                as_of: date(2026, 1, 26),
                notes: notes(&[
                    "The 1-hour buyer-cancel hold before Awaiting Shipment is the US one: unverified for \
                     cross-border orders.",
                    "Orders before 2026-01-26 are judged by this rule too: no source gives the earlier one.",
                ]),
                clock_start: ClockStart::AwaitingShipment { hold_hours: 1 },
                dispatch_event: DispatchEvent::Shipped,
                windows: Windows { delivery: None, ..article_windows_from(Window::business_days(2)) },
                order_types: OrderTypes::default(),
            }],
        }
    }

    /// UK (from 2024-11-04), Ireland and Spain; on-time delivery enforced from 2025-08-25.
    pub fn uk_eu() -> RuleProfile {
        let before = RuleVersion {
            effective_from: date(2024, 11, 4),
            source: "m2ecloud docs, \"approved shipping carriers in Ireland/Spain\" (secondary)".into(),
            source_zh: Some("m2ecloud 文档《approved shipping carriers in Ireland/Spain》（二手资料）".into()),
            as_of: date(2024, 11, 4),
            notes: notes(&["The 3-working-day in-transit and 7-working-day auto-cancel windows: unverified."]),
            clock_start: ClockStart::PaidElseCreated,
            dispatch_event: DispatchEvent::ReadyToShip,
            windows: local_windows(Window::business_days(2), 7),
            order_types: OrderTypes::default(),
        };
        let enforced = RuleVersion {
            effective_from: date(2025, 8, 25),
            source: "en.link-trans.com and hytdexpress.com (secondary): delivered within 5 business days of the \
                     order, enforced from 2025-08-25; TikTok Shop partner changelog on on-time delivery for UK/EU"
                .into(),
            source_zh: Some(
                "en.link-trans.com 与 hytdexpress.com（二手资料）：下单后 5 个工作日内送达，自 2025-08-25 起执行；\
                 TikTok Shop 合作伙伴更新日志中英国/欧盟准时送达的说明"
                    .into(),
            ),
            as_of: date(2025, 8, 25),
            windows: Windows {
                delivery: Some(DeliveryWindow { from: DeliveryFrom::Order, window: Window::business_days(5) }),
                ..before.windows.clone()
            },
            ..before.clone()
        };
        let mut metrics = generic_metrics("UK/EU");
        metrics.on_time_delivery.source = enforced.source.clone();
        RuleProfile {
            id: "uk-eu".into(),
            name: "UK / IE / ES: ready in 2 working days".into(),
            name_zh: Some("英国、爱尔兰、西班牙：2 个工作日内备货".into()),
            notes: notes(&["The calendar is England's; choose IE or ES for those markets."]),
            time_zone: Zone::LONDON,
            date_order: DateOrder::DayFirst,
            calendar: CalendarSpec::country("GB"),
            due_soon_hours: 24,
            approved_carriers: Vec::new(),
            peak_seasons: holiday_peaks(),
            metrics,
            versions: vec![before, enforced],
        }
    }

    /// Vietnam, parcels shipped by TikTok Shop's carriers: handed over the same working day
    /// before 14:00, else by 23:59 the next; Monday to Saturday.
    pub fn vn_local() -> RuleProfile {
        RuleProfile {
            id: "vn-local".into(),
            name: "Vietnam: hand over the same working day before 14:00".into(),
            name_zh: Some("越南：工作日 14:00 前交给物流商".into()),
            notes: notes(&[
                "Working days are Monday to Saturday (Seller University VN, knowledge_id 6024728339744528), less \
                 Vietnam's public holidays.",
            ]),
            time_zone: Zone::from_name("Asia/Ho_Chi_Minh").expect("built-in zone"),
            date_order: DateOrder::DayFirst,
            calendar: CalendarSpec {
                country: Some("VN".into()),
                weekend: Some(vec![Weekday::Sun]),
                closed_days: Vec::new(),
            },
            due_soon_hours: 6,
            approved_carriers: Vec::new(),
            peak_seasons: Vec::new(),
            metrics: sea_metrics("Vietnam"),
            versions: vec![RuleVersion {
                effective_from: date(2025, 7, 15),
                source: "Seller University VN, fulfilment by TikTok Shop's carriers (knowledge_id 7261258355672849, \
                         2025-07-15)"
                    .into(),
                source_zh: Some(
                    "Seller University VN，由 TikTok Shop 承运商履约（knowledge_id 7261258355672849，2025-07-15）"
                        .into(),
                ),
                as_of: date(2025, 7, 15),
                notes: notes(&[
                    "The Open API's pick_up_cut_off_time, when an order has it, is the hand-over deadline.",
                    "The order's time is its paid time (else created).",
                ]),
                clock_start: ClockStart::PaidElseCreated,
                dispatch_event: DispatchEvent::Collected,
                windows: local_windows(Window::business_days_with_order_cutoff(0, time(14, 0)), 2),
                order_types: OrderTypes::default(),
            }],
        }
    }

    /// The other South-East Asian markets, local sellers: awaiting collection by the 2nd working
    /// day, collected by the 3rd, else cancelled.
    pub fn sea_local() -> RuleProfile {
        RuleProfile {
            id: "sea-local".into(),
            name: "SEA local sellers: awaiting collection in 2 working days".into(),
            name_zh: Some("东南亚本土卖家：2 个工作日内待揽收".into()),
            notes: notes(&[
                "The calendar and zone are Thailand's; choose MY, ID, PH or SG for those markets (vn-local for \
                 Vietnam).",
                "Working days are Monday to Friday: unverified (Thailand's fast-dispatch rate counts Saturdays, \
                 knowledge_id 3470372616095489).",
                "Indonesia: in transit by 23:59 the same working day for orders before 12:00, else the next \
                 (seller-id.tokopedia.com, knowledge_id 7753807673247489); set the dispatch window's \
                 order_cutoff to 12:00:00 with 0 days to use it.",
            ]),
            time_zone: Zone::from_name("Asia/Bangkok").expect("built-in zone"),
            date_order: DateOrder::DayFirst,
            calendar: CalendarSpec::country("TH"),
            due_soon_hours: 24,
            approved_carriers: Vec::new(),
            peak_seasons: Vec::new(),
            metrics: sea_metrics("SEA"),
            versions: vec![RuleVersion {
                effective_from: date(2024, 11, 12),
                source: "Seller University VN/TH, fulfilment requirements for local sellers".into(),
                source_zh: Some("Seller University VN/TH，本土卖家履约要求".into()),
                as_of: date(2024, 11, 12),
                notes: Vec::new(),
                clock_start: ClockStart::PaidElseCreated,
                dispatch_event: DispatchEvent::ReadyToShip,
                windows: local_windows(Window::business_days(2), 3),
                order_types: OrderTypes::default(),
            }],
        }
    }

    /// Sellers shipping from China to South-East Asia, from 2026-06-22: awaiting collection
    /// within 48 hours, collected by the end of the 3rd calendar day.
    pub fn sea_cross_border() -> RuleProfile {
        let article = RuleProfile::cross_border_article();
        RuleProfile {
            id: "sea-cross-border".into(),
            name: "SEA cross-border: ready in 48 h, collected by day 3".into(),
            name_zh: Some("东南亚跨境：48 小时内备货，第 3 天前揽收".into()),
            notes: notes(&["Transit limits are the seed article's, counted in the destination's calendar."]),
            metrics: sea_metrics("SEA cross-border"),
            approved_carriers: Vec::new(),
            versions: vec![RuleVersion {
                effective_from: date(2026, 6, 22),
                source: "kjbase.com/archiver/tid-198.html (secondary, repeating the platform's rule from \
                         2026-06-22)"
                    .into(),
                source_zh: Some("kjbase.com/archiver/tid-198.html（二手资料，转述平台自 2026-06-22 起的规则）".into()),
                as_of: date(2026, 6, 22),
                notes: notes(&[
                    "No primary source confirms this rule: unverified.",
                    "Orders before 2026-06-22 are judged by this rule too: no source gives the earlier one.",
                ]),
                clock_start: ClockStart::PaidElseCreated,
                dispatch_event: DispatchEvent::ReadyToShip,
                windows: Windows {
                    dispatch: Window::CalendarHours(48),
                    collection: Some(Window::calendar_days(3)),
                    ..article_windows()
                },
                order_types: OrderTypes::default(),
            }],
            ..article
        }
    }

    /// Every built-in profile, the default first.
    pub fn presets() -> Vec<RuleProfile> {
        vec![
            RuleProfile::cross_border_article(),
            RuleProfile::cross_border_pickup(),
            RuleProfile::us_local(),
            RuleProfile::us_cross_border(),
            RuleProfile::uk_eu(),
            RuleProfile::vn_local(),
            RuleProfile::sea_local(),
            RuleProfile::sea_cross_border(),
        ]
    }

    pub fn preset(id: &str) -> Option<RuleProfile> {
        RuleProfile::presets().into_iter().find(|p| p.id == id)
    }
}

fn time(hour: u32, minute: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(hour, minute, 0).expect("valid preset time")
}

/// The seed article's windows: ship within 48 hours, deliver within 15 business days of
/// dispatch (warn the buyer after 10), tracking on the platform within a day of shipping.
fn article_windows() -> Windows {
    article_windows_from(Window::CalendarHours(48))
}

fn article_windows_from(dispatch: Window) -> Windows {
    Windows {
        dispatch,
        collection: None,
        auto_cancel: None,
        delivery: Some(DeliveryWindow { from: DeliveryFrom::Dispatch, window: Window::business_days(15) }),
        transit_warning: Some(Window::business_days(10)),
        transit_limit: Some(Window::business_days(15)),
        likely_lost: Some(Window::business_days(25)),
        tracking_upload: Some(Window::CalendarHours(24)),
        transit_in_destination_calendar: true,
    }
}

/// A local market's windows (UK/EU, South-East Asia): collected (in transit) by the 3rd working
/// day, cancelled automatically without progress by the `auto_cancel_days`th; slow in transit
/// after 3 working days, over the limit after 5 and likely lost after 15 (ShipCheck's own
/// points: no source gives them).
fn local_windows(dispatch: Window, auto_cancel_days: u32) -> Windows {
    Windows {
        dispatch,
        collection: Some(Window::business_days(3)),
        auto_cancel: Some(Window::business_days(auto_cancel_days)),
        delivery: None,
        transit_warning: Some(Window::business_days(3)),
        transit_limit: Some(Window::business_days(5)),
        likely_lost: Some(Window::business_days(15)),
        tracking_upload: None,
        transit_in_destination_calendar: false,
    }
}

/// The US windows after dispatch, common to every version: delivered within 6 business days,
/// slow after 4, likely lost after 15.
fn us_windows(dispatch: Window) -> Windows {
    Windows {
        dispatch,
        collection: None,
        auto_cancel: Some(Window::business_days(7)),
        delivery: Some(DeliveryWindow { from: DeliveryFrom::Order, window: Window::business_days(6) }),
        transit_warning: Some(Window::business_days(4)),
        transit_limit: Some(Window::business_days(6)),
        likely_lost: Some(Window::business_days(15)),
        tracking_upload: None,
        transit_in_destination_calendar: false,
    }
}

/// "Awaiting collection" within 2 business days of the order date (Fulfillment Policy).
fn us_2025_10_23() -> RuleVersion {
    RuleVersion {
        effective_from: date(2025, 10, 23),
        source: "Seller University US, Fulfillment Policy (knowledge_id 3995852763301633, 2025-10-23)".into(),
        source_zh: Some(
            "Seller University US《Fulfillment Policy》（履约政策，knowledge_id 3995852763301633，2025-10-23）".into(),
        ),
        as_of: date(2025, 10, 23),
        notes: notes(&[
            "Dispatch is reaching Awaiting Collection (RTS Time), counted from the order's paid time.",
            "Orders before 2025-10-23 are judged by this rule too; the 2024 rule (3 business days to ready to \
             ship) is not built in.",
        ]),
        clock_start: ClockStart::PaidElseCreated,
        dispatch_event: DispatchEvent::ReadyToShip,
        windows: us_windows(Window::business_days(2)),
        order_types: OrderTypes::default(),
    }
}

/// The transition of 12 to 25 January 2026: "In Transit" within 4 working days.
fn us_2026_01_12() -> RuleVersion {
    RuleVersion {
        effective_from: date(2026, 1, 12),
        source: "english.ebrun.com/20260113/636326.shtml; chwang.com/news/200950795657 (secondary)".into(),
        source_zh: Some("english.ebrun.com/20260113/636326.shtml；chwang.com/news/200950795657（二手资料）".into()),
        as_of: date(2026, 1, 12),
        notes: notes(&["Counted from the order's paid time: the sources do not say from when (unverified)."]),
        clock_start: ClockStart::PaidElseCreated,
        dispatch_event: DispatchEvent::Shipped,
        windows: us_windows(Window::business_days(4)),
        order_types: OrderTypes::default(),
    }
}

/// "In Transit" (the carrier's first scan) within 2 business days of Awaiting Shipment, which
/// starts when the 1-hour buyer-cancel hold ends; delivered within 6 business days of it.
fn us_2026_01_26() -> RuleVersion {
    RuleVersion {
        effective_from: date(2026, 1, 26),
        source: "Seller University US, Best Practices (knowledge_id 6179821974439723, 2026-01-17); order hold \
                 (knowledge_id 2552449517291307, 2025-08-20); OTDR guide (knowledge_id 7671875816589099, \
                 2026-05-19)"
            .into(),
        source_zh: Some(
            "Seller University US《Best Practices》（最佳实践，knowledge_id 6179821974439723，2026-01-17）；订单保留期（knowledge_id \
             2552449517291307，2025-08-20）；OTDR 指南（knowledge_id 7671875816589099，2026-05-19）"
                .into(),
        ),
        as_of: date(2026, 1, 17),
        notes: notes(&[
            "Awaiting Shipment starts an hour after payment unless the data gives its time.",
            "Auto-cancel 7 business days after the order if not awaiting collection, counted from Awaiting \
             Shipment.",
            "Pre-orders: delivery is counted from the pre-order's release (unverified).",
        ]),
        clock_start: ClockStart::AwaitingShipment { hold_hours: 1 },
        dispatch_event: DispatchEvent::Shipped,
        windows: us_windows(Window::business_days(2)),
        order_types: OrderTypes {
            handling_time: Some(HandlingTime { dispatch_extra_days: 1, delivery_extra_days: 5 }),
            pre_order: Some(Window::business_days(2)),
        },
    }
}
