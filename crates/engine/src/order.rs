//! The order model: only the fields the rules read, kept small because a shop export can hold a
//! million rows.

use super::names::{same_name, with_key};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// Text an order holds. Shared, not owned: an export names a handful of carriers, countries and
/// products a million times, so the import keeps one copy of each ([`TextPool`]), and an order's
/// check refers to the order's ID and tracking number instead of copying them.
pub type Text = Arc<str>;

/// One copy of each distinct text, handed out as often as it is seen.
#[derive(Default)]
pub struct TextPool(rustc_hash::FxHashSet<Text>);

impl TextPool {
    pub fn get(&mut self, text: &str) -> Text {
        if let Some(kept) = self.0.get(text) {
            return kept.clone();
        }
        let kept = Text::from(text);
        self.0.insert(kept.clone());
        kept
    }
}

/// One order, grouped from the export's SKU lines by its Order ID.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Order {
    pub id: Text,
    /// 1-based line of the first row that named this order, so a finding can point at the file.
    pub line: u64,
    pub status: Option<OrderStatus>,
    pub created: Option<DateTime<Utc>>,
    pub paid: Option<DateTime<Utc>>,
    /// Ready to ship: the label and tracking number were added ("awaiting collection").
    pub rts: Option<DateTime<Utc>>,
    pub shipped: Option<DateTime<Utc>>,
    /// The carrier collected the parcel (Open API `collection_time`).
    pub collected: Option<DateTime<Utc>>,
    pub delivered: Option<DateTime<Utc>>,
    pub cancelled: Option<DateTime<Utc>>,
    pub cancelled_by: Option<CancelledBy>,
    pub tracking_id: Option<Text>,
    pub carrier: Option<Text>,
    /// Destination country as written in the export ("United States", "US", …).
    pub country: Option<Text>,
    pub warehouse: Option<Text>,
    /// The shop the order is of, when several are loaded together: from a shop column, or the
    /// name the seller gave the file.
    pub shop: Option<Text>,
    pub lines: Vec<SkuLine>,
    /// The package the order's first row ships in (`Package ID`); several orders combined into
    /// one package share it.
    pub package_id: Option<Text>,
    /// Who fulfils the order: the seller, or TikTok's warehouse (FBT).
    pub fulfillment: Fulfillment,
    /// Whose logistics carry it.
    pub shipping: Shipping,
    pub kind: OrderKind,
    /// An express delivery option: exempt from the on-time delivery rate.
    pub express: bool,
    /// A creator sample order: outside the seller-fault cancellation rate.
    pub sample: bool,
    /// Deadlines the platform itself set; they win over the profile's. Boxed, and `None` when
    /// there are none: exports never carry them, and a million orders would hold six empty times
    /// each.
    pub platform: Option<Box<PlatformDeadlines>>,
    /// What few orders have (a listing's handling time, a pre-order's release, more packages,
    /// why it was cancelled); boxed for the same reason.
    pub terms: Option<Box<OrderTerms>>,
}

/// Who fulfils an order (`Fulfillment Type`, Open API `fulfillment_type`). An export without
/// the column is read as the seller's.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Fulfillment {
    #[default]
    BySeller,
    /// Fulfilled by TikTok: the platform's warehouse picks, packs and ships it.
    ByTiktok,
}

impl Fulfillment {
    /// `Fulfillment by TikTok Shop`, `FBT`, `Fulfilled by TikTok`, `FULFILLMENT_BY_TIKTOK`;
    /// `Fulfillment by seller`, `FULFILLMENT_BY_SELLER`.
    pub fn parse(text: &str) -> Option<Fulfillment> {
        // The export's own words, a million times, are read without building a comparison key.
        match text {
            "Fulfillment by seller" => return Some(Fulfillment::BySeller),
            "Fulfillment by TikTok Shop" => return Some(Fulfillment::ByTiktok),
            _ => {}
        }
        with_key(text, |key| {
            if key == "fbt" || key.contains("tiktok") {
                Some(Fulfillment::ByTiktok)
            } else if key.contains("seller") || key.contains("merchant") {
                Some(Fulfillment::BySeller)
            } else {
                None
            }
        })
    }
}

/// Whose logistics carry a parcel (Open API `shipping_type`: `TIKTOK` or `SELLER`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Shipping {
    #[default]
    Seller,
    /// TikTok Shipping or Upgraded TikTok Shipping: the platform buys the label.
    Platform,
}

impl Shipping {
    pub fn parse(text: &str) -> Option<Shipping> {
        with_key(text, |key| {
            if key.contains("tiktok") || key.contains("platform") {
                Some(Shipping::Platform)
            } else if key.contains("seller") {
                Some(Shipping::Seller)
            } else {
                None
            }
        })
    }
}

/// What kind of order it is: its deadlines depend on it (`Normal or Pre-order`, Open API
/// `order_type`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrderKind {
    #[default]
    Normal,
    PreOrder,
    /// Made to order: the listing's handling time applies.
    MadeToOrder,
    /// Back-ordered: the listing's handling time applies.
    BackOrder,
}

impl OrderKind {
    pub fn parse(text: &str) -> Option<OrderKind> {
        // As the export writes them, a million times: without building a comparison key.
        match text {
            "Normal" => return Some(OrderKind::Normal),
            "Pre-order" => return Some(OrderKind::PreOrder),
            _ => {}
        }
        with_key(text, |key| {
            Some(match key {
                "normal" | "normalorder" => OrderKind::Normal,
                "preorder" | "presale" => OrderKind::PreOrder,
                "madetoorder" => OrderKind::MadeToOrder,
                "backorder" => OrderKind::BackOrder,
                _ => return None,
            })
        })
    }
}

/// Whether a delivery option (`Delivery Option`, `Delivery Option Type`, Open API
/// `delivery_option_name`) is an express one.
pub fn is_express(text: &str) -> bool {
    // A window scan: the key is a few words long, shorter than a searcher takes to set up.
    with_key(text, |key| key.as_bytes().windows(7).any(|word| word == b"express"))
}

/// What few orders carry, kept apart from [`Order`] so the rest do not pay for it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OrderTerms {
    /// A made-to-order or back-order listing's handling time, in business days.
    pub handling_days: Option<u16>,
    /// When a pre-order's pre-sale closes and the clock starts (Open API `release_date`).
    pub release: Option<DateTime<Utc>>,
    /// When the order entered Awaiting Shipment, where the data says so.
    pub awaiting_shipment: Option<DateTime<Utc>>,
    /// The other packages of a split order: package and tracking number, as its rows give them.
    pub more_packages: Vec<(Option<Text>, Option<Text>)>,
    /// Why it was cancelled, as the export words it (`Cancel Reason`).
    pub cancel_reason: Option<Text>,
}

/// One SKU line of an order.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkuLine {
    pub sku: Text,
    pub product: Text,
    pub variation: Text,
    pub quantity: u32,
}

/// The deadlines the TikTok Shop Open API carries on an order (v202309 and later).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PlatformDeadlines {
    /// `rts_sla_time`: latest ready-to-ship.
    pub rts_sla: Option<DateTime<Utc>>,
    /// `tts_sla_time`: latest collection ("time to ship").
    pub tts_sla: Option<DateTime<Utc>>,
    /// `shipping_due_time`: auto-cancel if not awaiting collection.
    pub shipping_due: Option<DateTime<Utc>>,
    /// `collection_due_time`: auto-cancel if not in transit.
    pub collection_due: Option<DateTime<Utc>>,
    /// `delivery_due_time`: latest delivery.
    pub delivery_due: Option<DateTime<Utc>>,
    /// `delivery_sla_time`: delivered by then counts as on time.
    pub delivery_sla: Option<DateTime<Utc>>,
    /// `delivery_option_required_delivery_time`: the delivery option's promised date.
    pub delivery_required: Option<DateTime<Utc>>,
    /// `cancel_order_sla_time`: cancelled automatically unless it progresses by then.
    pub cancel_sla: Option<DateTime<Utc>>,
    /// `pick_up_cut_off_time`: the carrier's pick-up cut-off, which the platform sets "to avoid
    /// late dispatch" (Vietnam): the hand-over deadline.
    pub pick_up_cut_off: Option<DateTime<Utc>>,
}

/// The order statuses of the Seller Center export and the Open API.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrderStatus {
    Unpaid,
    OnHold,
    AwaitingShipment,
    PartiallyShipping,
    AwaitingCollection,
    InTransit,
    Delivered,
    Completed,
    Cancelled,
}

/// Statuses in the other Seller Center languages (exports keep English headers, but write
/// statuses in the seller's language). Sourced: Vietnamese "Chưa thanh toán", "Cần vận
/// chuyển", "Chờ vận chuyển" and "Chờ thu gom" from a Seller Center guide (imsella.vn,
/// "Hoàn thành đơn hàng của bạn trong tiktok shop"); Indonesian "Belum dibayar" and
/// "Dibatalkan" (PRODUCT.md, 2026 exports) and "Dalam Pengiriman" (seller-id.tokopedia.com,
/// knowledge_id 7753807673247489). The rest are the everyday words for each status in
/// Indonesian, Vietnamese, Thai, Portuguese and Spanish, not verified export values; a status
/// none of them matches costs its row, reported with the status it had.
const LOCALISED_STATUSES: [(&str, OrderStatus); 36] = [
    ("Chờ vận chuyển", OrderStatus::AwaitingShipment),
    ("Cần vận chuyển", OrderStatus::AwaitingShipment),
    ("Chờ thu gom", OrderStatus::AwaitingCollection),
    ("Đang vận chuyển", OrderStatus::InTransit),
    ("Dalam Pengiriman", OrderStatus::InTransit),
    ("Belum Dibayar", OrderStatus::Unpaid),
    ("Perlu Dikirim", OrderStatus::AwaitingShipment),
    ("Dikirim", OrderStatus::InTransit),
    ("Selesai", OrderStatus::Completed),
    ("Dibatalkan", OrderStatus::Cancelled),
    ("Chưa thanh toán", OrderStatus::Unpaid),
    ("Chờ giao hàng", OrderStatus::AwaitingShipment),
    ("Chờ lấy hàng", OrderStatus::AwaitingCollection),
    ("Đang giao", OrderStatus::InTransit),
    ("Đã giao", OrderStatus::Delivered),
    ("Hoàn thành", OrderStatus::Completed),
    ("Đã hủy", OrderStatus::Cancelled),
    ("ยังไม่ชำระเงิน", OrderStatus::Unpaid),
    ("ที่ต้องจัดส่ง", OrderStatus::AwaitingShipment),
    ("กำลังจัดส่ง", OrderStatus::InTransit),
    ("จัดส่งสำเร็จ", OrderStatus::Delivered),
    ("สำเร็จ", OrderStatus::Completed),
    ("ยกเลิกแล้ว", OrderStatus::Cancelled),
    ("Não pago", OrderStatus::Unpaid),
    ("A enviar", OrderStatus::AwaitingShipment),
    ("Enviado", OrderStatus::InTransit),
    ("Entregue", OrderStatus::Delivered),
    ("Concluído", OrderStatus::Completed),
    ("Cancelado", OrderStatus::Cancelled),
    ("No pagado", OrderStatus::Unpaid),
    ("Por enviar", OrderStatus::AwaitingShipment),
    ("En tránsito", OrderStatus::InTransit),
    ("Entregado", OrderStatus::Delivered),
    ("Completado", OrderStatus::Completed),
    ("Em trânsito", OrderStatus::InTransit),
    ("Aguardando envio", OrderStatus::AwaitingShipment),
];

impl OrderStatus {
    /// Reads an export's status text or an API enum value: `Awaiting shipment`,
    /// `AWAITING_SHIPMENT`, `awaiting-shipment` are the same status. Chinese Seller Center
    /// statuses as the Chinese Seller University pages name them (e.g. dny123.com/t/U24cxLnS,
    /// keyouyun.com "订单状态查看和发货操作"): 未支付, 处理中 (the first hour after payment),
    /// 待发货, 待揽收, 已发货 / 运输中, 已送达, 已完成, 已取消.
    pub fn parse(text: &str) -> Option<OrderStatus> {
        // Exports write a handful of statuses a million times: those, exactly as written, are
        // read without building a comparison key.
        match text {
            "To ship" | "Awaiting shipment" | "AWAITING_SHIPMENT" => return Some(OrderStatus::AwaitingShipment),
            "Shipped" | "In transit" | "IN_TRANSIT" => return Some(OrderStatus::InTransit),
            "Delivered" | "DELIVERED" => return Some(OrderStatus::Delivered),
            "Completed" | "COMPLETED" => return Some(OrderStatus::Completed),
            "Cancelled" | "Canceled" | "CANCELLED" => return Some(OrderStatus::Cancelled),
            _ => {}
        }
        with_key(text, |key| {
            Some(match key {
                "unpaid" => OrderStatus::Unpaid,
                "onhold" => OrderStatus::OnHold,
                "awaitingshipment" | "toship" | "readytoship" => OrderStatus::AwaitingShipment,
                "partiallyshipping" | "partiallyshipped" => OrderStatus::PartiallyShipping,
                "awaitingcollection" | "awaitingpickup" => OrderStatus::AwaitingCollection,
                "intransit" | "shipped" | "shipping" => OrderStatus::InTransit,
                "delivered" => OrderStatus::Delivered,
                "completed" => OrderStatus::Completed,
                "cancelled" | "canceled" | "cancellation" => OrderStatus::Cancelled,
                "未支付" => OrderStatus::Unpaid,
                "处理中" => OrderStatus::OnHold,
                "待发货" => OrderStatus::AwaitingShipment,
                "待揽收" => OrderStatus::AwaitingCollection,
                "已发货" | "运输中" => OrderStatus::InTransit,
                "已送达" => OrderStatus::Delivered,
                "已完成" => OrderStatus::Completed,
                "已取消" => OrderStatus::Cancelled,
                _ => {
                    return LOCALISED_STATUSES.iter().find(|(word, _)| same_name(word, text)).map(|(_, status)| *status)
                }
            })
        })
    }

    /// Whether the status says the parcel has left the seller.
    pub fn has_shipped(self) -> bool {
        matches!(self, OrderStatus::InTransit | OrderStatus::Delivered | OrderStatus::Completed)
    }
}

/// Who cancelled an order; seller and system (auto-) cancellations count against the shop.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CancelledBy {
    Buyer,
    Seller,
    /// The platform's automatic cancellation, e.g. after a missed shipping deadline.
    System,
    Platform,
}

impl CancelledBy {
    pub fn parse(text: &str) -> Option<CancelledBy> {
        let key = text.trim().to_ascii_lowercase();
        Some(match key.as_str() {
            "buyer" | "user" | "customer" => CancelledBy::Buyer,
            "seller" => CancelledBy::Seller,
            "system" | "auto" | "automatic" => CancelledBy::System,
            "platform" | "tiktok" | "tiktok shop" | "operator" => CancelledBy::Platform,
            _ => return None,
        })
    }

    pub fn is_seller_fault(self) -> bool {
        matches!(self, CancelledBy::Seller | CancelledBy::System)
    }
}

impl Order {
    pub fn is_unpaid(&self) -> bool {
        self.status == Some(OrderStatus::Unpaid)
    }

    pub fn is_cancelled(&self) -> bool {
        self.status == Some(OrderStatus::Cancelled) || self.cancelled.is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_read_from_export_text_and_api_enums_alike() {
        assert_eq!(OrderStatus::parse("Awaiting shipment"), Some(OrderStatus::AwaitingShipment));
        assert_eq!(OrderStatus::parse("AWAITING_COLLECTION"), Some(OrderStatus::AwaitingCollection));
        assert_eq!(OrderStatus::parse(" Canceled\t"), Some(OrderStatus::Cancelled));
        assert_eq!(OrderStatus::parse("Lost in space"), None);
        assert_eq!(OrderStatus::parse("待发货"), Some(OrderStatus::AwaitingShipment));
        assert_eq!(OrderStatus::parse(" 已取消 "), Some(OrderStatus::Cancelled));
        assert_eq!(OrderStatus::parse("perlu dikirim"), Some(OrderStatus::AwaitingShipment));
        assert_eq!(OrderStatus::parse("ĐÃ HỦY"), Some(OrderStatus::Cancelled));
        assert_eq!(OrderStatus::parse("ยกเลิกแล้ว"), Some(OrderStatus::Cancelled));
        assert_eq!(OrderStatus::parse("Concluído"), Some(OrderStatus::Completed));
        assert_eq!(OrderStatus::parse("Por enviar"), Some(OrderStatus::AwaitingShipment));
        assert_eq!(OrderStatus::parse("Chờ thu gom"), Some(OrderStatus::AwaitingCollection));
        assert_eq!(OrderStatus::parse("Cần vận chuyển"), Some(OrderStatus::AwaitingShipment));
        assert_eq!(OrderStatus::parse("Belum dibayar"), Some(OrderStatus::Unpaid));
        assert_eq!(OrderStatus::parse("Dalam pengiriman"), Some(OrderStatus::InTransit));
        assert_eq!(CancelledBy::parse("System"), Some(CancelledBy::System));
        assert!(CancelledBy::System.is_seller_fault() && !CancelledBy::Buyer.is_seller_fault());
    }

    #[test]
    fn fulfilment_shipping_and_order_kinds_read_from_export_text_and_api_enums() {
        assert_eq!(Fulfillment::parse("Fulfillment by TikTok Shop"), Some(Fulfillment::ByTiktok));
        assert_eq!(Fulfillment::parse("FBT"), Some(Fulfillment::ByTiktok));
        assert_eq!(Fulfillment::parse("FULFILLMENT_BY_TIKTOK"), Some(Fulfillment::ByTiktok));
        assert_eq!(Fulfillment::parse("Fulfillment by seller"), Some(Fulfillment::BySeller));
        assert_eq!(Fulfillment::parse("Fulfilled by seller"), Some(Fulfillment::BySeller));
        assert_eq!(Fulfillment::parse("Warehouse 3"), None);
        assert_eq!(Shipping::parse("TIKTOK"), Some(Shipping::Platform));
        assert_eq!(Shipping::parse("SELLER"), Some(Shipping::Seller));
        assert_eq!(OrderKind::parse("Pre-order"), Some(OrderKind::PreOrder));
        assert_eq!(OrderKind::parse("MADE_TO_ORDER"), Some(OrderKind::MadeToOrder));
        assert_eq!(OrderKind::parse("BACK_ORDER"), Some(OrderKind::BackOrder));
        assert_eq!(OrderKind::parse("Normal"), Some(OrderKind::Normal));
        assert!(is_express("Express shipping") && !is_express("Standard shipping"));
    }
}
